/// One member of a zip archive, as its central directory describes it.
struct ZipEntry: Sendable {
    static let stored: UInt16 = 0
    static let deflated: UInt16 = 8

    let name: String
    let flags: UInt16
    let method: UInt16
    let crc: UInt32
    let compressedSize: Int
    let uncompressedSize: Int
    let localHeaderOffset: Int
}

extension Array where Element == UInt8 {
    /// The little-endian unsigned integer of `width` bytes at `offset` (caller checks bounds).
    func littleEndian(at offset: Int, width: Int) -> UInt64 {
        (0..<width).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64(self[offset + $1]) }
    }

    func u16(_ offset: Int) -> Int { Int(littleEndian(at: offset, width: 2)) }
    func u32(_ offset: Int) -> Int { Int(littleEndian(at: offset, width: 4)) }

    mutating func appendLittleEndian(_ value: Int, width: Int) {
        for index in 0..<width { append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
    }
}
