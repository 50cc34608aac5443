/// Writes a zip archive of stored (uncompressed) members to a sink, with ZIP64 fields
/// only where a size, offset or count needs them. Timestamps are fixed at 1980-01-01 so
/// the output is deterministic, as numpy's is.
struct ZipWriter {
    private let sink: ByteSink
    /// Sizes and offsets at or above this are written as ZIP64 (lowered only in tests).
    private let zip64Threshold: Int
    private var offset = 0
    private var directory: [UInt8] = []
    private var count = 0

    private static let dosDate = (1 << 5) | 1  // 1980-01-01
    private static let unixRegularFile644 = 0o100644 << 16

    init(sink: ByteSink, zip64Threshold: Int = 0xFFFF_FFFF) {
        self.sink = sink
        self.zip64Threshold = zip64Threshold
    }

    /// Appends a stored member whose content is `parts` concatenated.
    mutating func addStored(name: String, parts: [[UInt8]]) throws(NumPyError) {
        let size = parts.reduce(0) { $0 + $1.count }
        let crc = parts.reduce(UInt32(0)) { crc, part in part.withUnsafeBytes { crc32Checksum($0, continuing: crc) } }
        let nameBytes = Array(name.utf8)
        let flags = name.utf8.allSatisfy { $0 < 0x80 } ? 0 : 0x0800  // bit 11: UTF-8 name
        let bigSize = size >= zip64Threshold
        let bigOffset = offset >= zip64Threshold

        var local: [UInt8] = []
        local.appendLittleEndian(0x0403_4B50, width: 4)
        local.appendLittleEndian(bigSize ? 45 : 20, width: 2)
        appendCommon(to: &local, flags: flags, crc: crc, size: bigSize ? 0xFFFF_FFFF : size, nameLength: nameBytes.count)
        local.appendLittleEndian(bigSize ? 20 : 0, width: 2)
        local += nameBytes
        if bigSize { local += Self.zip64Extra([size, size]) }

        let central64 = (bigSize ? [size, size] : []) + (bigOffset ? [offset] : [])
        directory.appendLittleEndian(0x0201_4B50, width: 4)
        directory.appendLittleEndian(3 << 8 | (central64.isEmpty ? 20 : 45), width: 2)  // made by Unix
        directory.appendLittleEndian(central64.isEmpty ? 20 : 45, width: 2)
        appendCommon(to: &directory, flags: flags, crc: crc, size: bigSize ? 0xFFFF_FFFF : size, nameLength: nameBytes.count)
        directory.appendLittleEndian(central64.isEmpty ? 0 : 4 + 8 * central64.count, width: 2)
        directory.appendLittleEndian(0, width: 2)  // comment length
        directory.appendLittleEndian(0, width: 2)  // disk
        directory.appendLittleEndian(0, width: 2)  // internal attributes
        directory.appendLittleEndian(Self.unixRegularFile644, width: 4)
        directory.appendLittleEndian(bigOffset ? 0xFFFF_FFFF : offset, width: 4)
        directory += nameBytes
        if !central64.isEmpty { directory += Self.zip64Extra(central64) }

        try sink.append(local)
        for part in parts { try sink.append(part) }
        offset += local.count + size
        count += 1
    }

    /// Writes the central directory and end records.
    mutating func finish() throws(NumPyError) {
        let directoryOffset = offset
        var end: [UInt8] = []
        let needs64 = count >= 0xFFFF || directoryOffset >= zip64Threshold || directory.count >= zip64Threshold
        if needs64 {
            let recordOffset = directoryOffset + directory.count
            end.appendLittleEndian(0x0606_4B50, width: 4)
            end.appendLittleEndian(44, width: 8)  // size of the rest of this record
            end.appendLittleEndian(3 << 8 | 45, width: 2)
            end.appendLittleEndian(45, width: 2)
            end.appendLittleEndian(0, width: 4)
            end.appendLittleEndian(0, width: 4)
            end.appendLittleEndian(count, width: 8)
            end.appendLittleEndian(count, width: 8)
            end.appendLittleEndian(directory.count, width: 8)
            end.appendLittleEndian(directoryOffset, width: 8)
            end.appendLittleEndian(0x0706_4B50, width: 4)
            end.appendLittleEndian(0, width: 4)
            end.appendLittleEndian(recordOffset, width: 8)
            end.appendLittleEndian(1, width: 4)
        }
        end.appendLittleEndian(0x0605_4B50, width: 4)
        end.appendLittleEndian(0, width: 4)  // disk numbers
        end.appendLittleEndian(needs64 ? 0xFFFF : count, width: 2)
        end.appendLittleEndian(needs64 ? 0xFFFF : count, width: 2)
        end.appendLittleEndian(needs64 ? 0xFFFF_FFFF : directory.count, width: 4)
        end.appendLittleEndian(needs64 ? 0xFFFF_FFFF : directoryOffset, width: 4)
        end.appendLittleEndian(0, width: 2)  // comment length
        try sink.append(directory)
        try sink.append(end)
    }

    /// Flags, method (stored), DOS time/date, CRC, both sizes and the name length.
    private func appendCommon(to bytes: inout [UInt8], flags: Int, crc: UInt32, size: Int, nameLength: Int) {
        bytes.appendLittleEndian(flags, width: 2)
        bytes.appendLittleEndian(0, width: 2)
        bytes.appendLittleEndian(0, width: 2)
        bytes.appendLittleEndian(Self.dosDate, width: 2)
        bytes.appendLittleEndian(Int(crc), width: 4)
        bytes.appendLittleEndian(size, width: 4)
        bytes.appendLittleEndian(size, width: 4)
        bytes.appendLittleEndian(nameLength, width: 2)
    }

    private static func zip64Extra(_ values: [Int]) -> [UInt8] {
        var extra: [UInt8] = []
        extra.appendLittleEndian(1, width: 2)
        extra.appendLittleEndian(8 * values.count, width: 2)
        for value in values { extra.appendLittleEndian(value, width: 8) }
        return extra
    }
}
