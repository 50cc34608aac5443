/// Reads a zip archive's central directory (with ZIP64 extensions) into entries.
enum ZipDirectory {
    private static let endSignature = 0x0605_4B50
    private static let zip64LocatorSignature = 0x0706_4B50
    private static let zip64EndSignature = 0x0606_4B50
    private static let centralSignature = 0x0201_4B50
    private static let endRecordSize = 22
    private static let centralHeaderSize = 46

    static func read(
        size: Int, source: String, using read: (Int, Int) throws(NumPyError) -> [UInt8]
    ) throws(NumPyError) -> [ZipEntry] {
        guard size >= endRecordSize else {
            throw NumPyError(.badMagic, "\(size) bytes is too short to be a zip (.npz) archive", source: source, offset: 0)
        }
        let tailStart = max(0, size - endRecordSize - 0xFFFF)
        let tail = try read(tailStart, size - tailStart)
        // The end record is the last one whose comment length reaches exactly to the end of the file.
        guard let endInTail = stride(from: tail.count - endRecordSize, through: 0, by: -1).first(where: {
            tail.u32($0) == endSignature && $0 + endRecordSize + tail.u16($0 + 20) == tail.count
        }) else {
            let magic = try read(0, 4)
            let kind: NumPyError.Kind = magic == [0x50, 0x4B, 0x03, 0x04] ? .badArchive : .badMagic
            throw NumPyError(kind, "not a zip (.npz) archive: no end-of-central-directory record", source: source, offset: size)
        }
        let endOffset = tailStart + endInTail
        var count = tail.u16(endInTail + 10)
        var directorySize = tail.u32(endInTail + 12)
        var directoryOffset = tail.u32(endInTail + 16)
        var directoryEnd = endOffset
        if tail.u16(endInTail + 4) != 0 || tail.u16(endInTail + 6) != 0 {
            throw NumPyError(.badArchive, "multi-disk zip archives are not supported", source: source, offset: endOffset)
        }
        if endOffset >= 20, try read(endOffset - 20, 4).u32(0) == zip64LocatorSignature {
            let locator = try read(endOffset - 20, 20)
            let recordOffset = try checkedInt(locator.littleEndian(at: 8, width: 8), source: source, at: endOffset - 12)
            let record = try read(recordOffset, 56)
            guard record.u32(0) == zip64EndSignature else {
                throw NumPyError(.badArchive, "ZIP64 locator points at no ZIP64 end record", source: source, offset: recordOffset)
            }
            count = try checkedInt(record.littleEndian(at: 32, width: 8), source: source, at: recordOffset + 32)
            directorySize = try checkedInt(record.littleEndian(at: 40, width: 8), source: source, at: recordOffset + 40)
            directoryOffset = try checkedInt(record.littleEndian(at: 48, width: 8), source: source, at: recordOffset + 48)
            directoryEnd = recordOffset
        }
        guard directoryOffset <= directoryEnd, directorySize <= directoryEnd - directoryOffset,
              count <= directorySize / centralHeaderSize
        else {
            throw NumPyError(
                .badArchive,
                "central directory (\(count) entries, \(directorySize) bytes at \(directoryOffset)) does not fit the file",
                source: source, offset: endOffset)
        }
        let directory = try read(directoryOffset, directorySize)
        var entries: [ZipEntry] = []
        var position = 0
        for _ in 0..<count {
            let entry = try parseCentralHeader(directory, at: &position, source: source, base: directoryOffset)
            entries.append(entry)
        }
        return entries
    }

    private static func parseCentralHeader(
        _ directory: [UInt8], at position: inout Int, source: String, base: Int
    ) throws(NumPyError) -> ZipEntry {
        let start = position
        func bad(_ message: String) -> NumPyError {
            NumPyError(.badArchive, message, source: source, offset: base + start)
        }
        guard start + centralHeaderSize <= directory.count, directory.u32(start) == centralSignature else {
            throw bad("central directory entry is missing or damaged")
        }
        let nameLength = directory.u16(start + 28)
        let extraLength = directory.u16(start + 30)
        let commentLength = directory.u16(start + 32)
        let end = start + centralHeaderSize + nameLength + extraLength + commentLength
        guard end <= directory.count else { throw bad("central directory entry runs past the directory") }
        let nameStart = start + centralHeaderSize
        let name = String(decoding: directory[nameStart..<nameStart + nameLength], as: UTF8.self)

        var uncompressed = directory.littleEndian(at: start + 24, width: 4)
        var compressed = directory.littleEndian(at: start + 20, width: 4)
        var localOffset = directory.littleEndian(at: start + 42, width: 4)
        // ZIP64: fields set to 0xFFFFFFFF are in the extra field 0x0001, in this order.
        let needed = [uncompressed, compressed, localOffset].filter { $0 == 0xFFFF_FFFF }.count
        if needed > 0 {
            var extra = nameStart + nameLength
            let extraEnd = extra + extraLength
            var values: [UInt64] = []
            while extra + 4 <= extraEnd {
                let id = directory.u16(extra)
                let length = directory.u16(extra + 2)
                guard extra + 4 + length <= extraEnd else { throw bad("extra field of '\(name)' is damaged") }
                if id == 1 {
                    values = stride(from: 0, to: min(length / 8, needed) * 8, by: 8).map {
                        directory.littleEndian(at: extra + 4 + $0, width: 8)
                    }
                }
                extra += 4 + length
            }
            guard values.count == needed else { throw bad("ZIP64 sizes of '\(name)' are missing") }
            var next = values.makeIterator()
            if uncompressed == 0xFFFF_FFFF { uncompressed = next.next()! }
            if compressed == 0xFFFF_FFFF { compressed = next.next()! }
            if localOffset == 0xFFFF_FFFF { localOffset = next.next()! }
        }
        position = end
        return ZipEntry(
            name: name,
            flags: UInt16(directory.u16(start + 8)),
            method: UInt16(directory.u16(start + 10)),
            crc: UInt32(directory.u32(start + 16)),
            compressedSize: try checkedInt(compressed, source: source, at: base + start + 20),
            uncompressedSize: try checkedInt(uncompressed, source: source, at: base + start + 24),
            localHeaderOffset: try checkedInt(localOffset, source: source, at: base + start + 42))
    }

    private static func checkedInt(_ value: UInt64, source: String, at offset: Int) throws(NumPyError) -> Int {
        guard value <= UInt64(Int.max) else {
            throw NumPyError(.badArchive, "size or offset \(value) is impossibly large", source: source, offset: offset)
        }
        return Int(value)
    }
}
