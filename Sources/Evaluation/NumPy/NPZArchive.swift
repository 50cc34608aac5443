/// An `.npz` file (a zip of `.npy` members, as `np.savez` / `np.savez_compressed` write)
/// opened for reading. Only the directory is read at once; each array is read, inflated
/// and CRC-checked when asked for, so a large dataset never has to be in memory whole.
public final class NPZArchive: Sendable {
    /// The archive's path (or the name given to in-memory bytes), used in errors.
    public let source: String
    /// Array names in archive order, without the `.npy` suffix. Members not ending in
    /// `.npy` are not arrays and are left out.
    public let names: [String]
    private let entries: [String: ZipEntry]
    private let storage: Storage

    private enum Storage: Sendable {
        case file(RandomAccessFile)
        case memory([UInt8])
    }

    /// Opens the archive at `path` and reads its directory.
    public convenience init(path: String) throws(NumPyError) {
        try self.init(storage: .file(RandomAccessFile(path: path)), source: path)
    }

    /// Reads the directory of an archive held in memory.
    public convenience init(bytes: [UInt8], source: String = "<memory>") throws(NumPyError) {
        try self.init(storage: .memory(bytes), source: source)
    }

    private init(storage: Storage, source: String) throws(NumPyError) {
        self.storage = storage
        self.source = source
        let size = switch storage {
        case .file(let file): file.size
        case .memory(let bytes): bytes.count
        }
        let all = try ZipDirectory.read(size: size, source: source) { (offset, count) throws(NumPyError) in
            try NPZArchive.read(storage, offset: offset, count: count, source: source)
        }
        var names: [String] = []
        var entries: [String: ZipEntry] = [:]
        for entry in all where entry.name.hasSuffix(".npy") {
            let name = String(entry.name.dropLast(4))
            guard entries[name] == nil else {
                throw NumPyError(.badArchive, "the archive holds '\(entry.name)' twice", source: source)
            }
            names.append(name)
            entries[name] = entry
        }
        self.names = names
        self.entries = entries
    }

    /// The header (dtype, shape) of array `name`, reading only its first bytes.
    public func header(named name: String) throws(NumPyError) -> NPYHeader {
        let entry = try entry(named: name)
        let member = "\(source):\(entry.name)"
        let dataStart = try dataOffset(of: entry)
        return try NPYHeader.read(size: entry.uncompressedSize, source: member) { (offset, count) throws(NumPyError) in
            guard entry.method == ZipEntry.deflated else {
                return try NPZArchive.read(storage, offset: dataStart + offset, count: count, source: source)
            }
            // n bytes of deflate output rarely take more than 2n + 1 KiB of input; if they do, read it all.
            let needed = offset + count
            var inputLength = min(entry.compressedSize, 2 * needed + 1024)
            while true {
                let input = try NPZArchive.read(storage, offset: dataStart, count: inputLength, source: source)
                do throws(NumPyError) {
                    let prefix = try inflateRaw(input, expectedSize: entry.uncompressedSize, prefixLength: needed, source: member)
                    return Array(prefix[offset..<needed])
                } catch {
                    guard error.kind == .truncated, inputLength < entry.compressedSize else { throw error }
                    inputLength = entry.compressedSize
                }
            }
        }
    }

    /// Reads, inflates and CRC-checks array `name`.
    public func array(named name: String) throws(NumPyError) -> NDArray {
        let entry = try entry(named: name)
        let member = "\(source):\(entry.name)"
        let dataStart = try dataOffset(of: entry)
        let raw = try NPZArchive.read(storage, offset: dataStart, count: entry.compressedSize, source: source)
        let bytes = entry.method == ZipEntry.deflated
            ? try inflateRaw(raw, expectedSize: entry.uncompressedSize, source: member)
            : raw
        let crc = bytes.withUnsafeBytes { crc32Checksum($0) }
        guard crc == entry.crc else {
            throw NumPyError(
                .checksumMismatch, "CRC-32 of the data is \(hex(crc)) but the directory says \(hex(entry.crc))",
                source: member)
        }
        return try NDArray(npyBytes: bytes, source: member)
    }

    /// Rows `rows` along the first axis of array `name`. Stored (uncompressed) members are read
    /// in place without CRC check; compressed ones are inflated and checked whole, then sliced.
    public func array(named name: String, rows: Range<Int>) throws(NumPyError) -> NDArray {
        let entry = try entry(named: name)
        guard entry.method == ZipEntry.stored else {
            return try array(named: name).rows(rows, source: "\(source):\(entry.name)")
        }
        let header = try header(named: name)
        let member = "\(source):\(entry.name)"
        try header.checkDataLength(entry.uncompressedSize - header.dataOffset, source: member)
        let slice = try RowSlice(shape: header.shape, dtype: header.dtype, rows: rows, source: member)
        let start = try dataOffset(of: entry) + header.dataOffset + slice.byteRange.lowerBound
        let data = try NPZArchive.read(storage, offset: start, count: slice.byteRange.count, source: source)
        return header.array(shape: slice.shape, data: data)
    }

    /// Every array, in archive order.
    public func readAll() throws(NumPyError) -> NamedArrays {
        var result = NamedArrays()
        for name in names { result[name] = try array(named: name) }
        return result
    }

    private func entry(named name: String) throws(NumPyError) -> ZipEntry {
        guard let entry = entries[name] else {
            throw NumPyError(.missingArray, "no array '\(name)' (has \(names.joined(separator: ", ")))", source: source)
        }
        guard entry.flags & 1 == 0 else {
            throw NumPyError(.badArchive, "'\(entry.name)' is encrypted", source: source, offset: entry.localHeaderOffset)
        }
        guard entry.method == ZipEntry.stored || entry.method == ZipEntry.deflated else {
            throw NumPyError(
                .badArchive, "'\(entry.name)' uses compression method \(entry.method); only stored and deflate are supported",
                source: source, offset: entry.localHeaderOffset)
        }
        guard entry.method == ZipEntry.deflated || entry.compressedSize == entry.uncompressedSize else {
            throw NumPyError(.badArchive, "stored member '\(entry.name)' has two different sizes", source: source)
        }
        return entry
    }

    /// Where the member's data starts: after its local header, whose name must match.
    private func dataOffset(of entry: ZipEntry) throws(NumPyError) -> Int {
        let local = try NPZArchive.read(storage, offset: entry.localHeaderOffset, count: 30, source: source)
        let nameLength = local.u16(26)
        guard local.u32(0) == 0x0403_4B50,
              try NPZArchive.read(storage, offset: entry.localHeaderOffset + 30, count: nameLength, source: source)
                == Array(entry.name.utf8)
        else {
            throw NumPyError(
                .badArchive, "no local header for '\(entry.name)' where the directory points", source: source,
                offset: entry.localHeaderOffset)
        }
        return entry.localHeaderOffset + 30 + nameLength + local.u16(28)
    }

    private static func read(_ storage: Storage, offset: Int, count: Int, source: String) throws(NumPyError) -> [UInt8] {
        switch storage {
        case .file(let file):
            return try file.read(offset: offset, count: count)
        case .memory(let bytes):
            guard offset >= 0, count >= 0, offset <= bytes.count, count <= bytes.count - offset else {
                throw NumPyError(
                    .truncated, "needs bytes \(offset)..<\(offset + count) but the archive has \(bytes.count)",
                    source: source, offset: bytes.count)
            }
            return Array(bytes[offset..<offset + count])
        }
    }
}

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
}

extension NDArray {
    /// Rows `rows` along the first axis, shape `[rows.count] + shape.dropFirst()`
    /// (0-d arrays: only `0..<1`, giving the array itself); `.shapeMismatch` if out of range.
    func rows(_ rows: Range<Int>, source: String) throws(NumPyError) -> NDArray {
        let slice = try RowSlice(shape: shape, dtype: dtype, rows: rows, source: source)
        return NDArray(unchecked: dtype, shape: slice.shape, data: Array(data[slice.byteRange]))
    }
}

/// Where rows `rows` along the first axis of a C-order array lie in its data, and their shape.
struct RowSlice {
    let byteRange: Range<Int>
    let shape: [Int]

    init(shape: [Int], dtype: DType, rows: Range<Int>, source: String) throws(NumPyError) {
        let axisLength = shape.first ?? 1
        guard rows.lowerBound >= 0, rows.upperBound <= axisLength else {
            throw NumPyError(.shapeMismatch, "rows \(rows) out of range for shape \(shape)", source: source)
        }
        let rowBytes = shape.dropFirst().reduce(dtype.itemSize, *)
        byteRange = rows.lowerBound * rowBytes..<rows.upperBound * rowBytes
        self.shape = shape.isEmpty ? [] : [rows.count] + shape.dropFirst()
    }
}
