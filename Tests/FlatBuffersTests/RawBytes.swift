/// Hand-decoding and patching of little-endian FlatBuffers bytes, independent of the reader, so
/// tests can check where the builder put things and forge hostile buffers.
enum RawBytes {
    /// The unsigned little-endian value of `width` bytes at `index`.
    static func unsigned(_ bytes: [UInt8], at index: Int, width: Int) -> UInt64 {
        (0..<width).reduce(0) { $0 | UInt64(bytes[index + $1]) << (8 * UInt64($1)) }
    }

    static func uint16(_ bytes: [UInt8], at index: Int) -> Int { Int(unsigned(bytes, at: index, width: 2)) }
    static func uint32(_ bytes: [UInt8], at index: Int) -> Int { Int(unsigned(bytes, at: index, width: 4)) }
    static func int32(_ bytes: [UInt8], at index: Int) -> Int {
        Int(Int32(bitPattern: UInt32(unsigned(bytes, at: index, width: 4))))
    }

    /// Overwrites `width` bytes at `index` with `value`, little-endian.
    static func put(_ value: UInt64, width: Int, into bytes: inout [UInt8], at index: Int) {
        for k in 0..<width { bytes[index + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) }
    }

    static func put32(_ value: UInt32, into bytes: inout [UInt8], at index: Int) {
        put(UInt64(value), width: 4, into: &bytes, at: index)
    }

    static func put16(_ value: UInt16, into bytes: inout [UInt8], at index: Int) {
        put(UInt64(value), width: 2, into: &bytes, at: index)
    }

    /// Position of the root table (the uoffset in the first four bytes).
    static func rootTable(_ bytes: [UInt8]) -> Int { uint32(bytes, at: 0) }

    /// Position of the vtable of the table at `table` (the table's soffset is subtracted).
    static func vtable(_ bytes: [UInt8], table: Int) -> Int { table - int32(bytes, at: table) }

    /// Absolute position of `slot`'s field in the table at `table`, or nil when it is absent.
    static func field(_ bytes: [UInt8], table: Int, slot: Int) -> Int? {
        let vtable = vtable(bytes, table: table)
        guard 4 + 2 * slot < uint16(bytes, at: vtable) else { return nil }
        let relative = uint16(bytes, at: vtable + 4 + 2 * slot)
        return relative == 0 ? nil : table + relative
    }

    /// Where the uoffset stored at `position` points.
    static func target(_ bytes: [UInt8], from position: Int) -> Int { position + uint32(bytes, at: position) }
}
