/// A verified view of one table inside a `FlatBufferReader`. Fields are addressed by slot number
/// (declaration order in the schema, deprecated fields included; a union takes two slots).
public struct FlatTable {
    let reader: FlatBufferReader
    /// Absolute byte position of the table.
    public let position: Int
    let vtable: Int
    let slotCount: Int
    let inlineSize: Int
    let depth: Int

    /// Absolute position of the field in `slot`, or nil when the field is absent.
    func fieldPosition(_ slot: Int, size: Int) throws -> Int? {
        guard slot < slotCount else { return nil }
        let relative = Int(UInt16(littleEndian: reader.bytes, at: vtable + 4 + 2 * slot))
        guard relative != 0 else { return nil }
        guard relative + size <= inlineSize else {
            throw FlatBufferError(offset: vtable + 4 + 2 * slot,
                                  "field \(slot) at +\(relative) (\(size) bytes) lies outside its \(inlineSize)-byte table")
        }
        return position + relative
    }

    /// Whether the field in `slot` is present.
    public func has(_ slot: Int) -> Bool {
        guard slot < slotCount else { return false }
        return UInt16(littleEndian: reader.bytes, at: vtable + 4 + 2 * slot) != 0
    }

    /// The scalar in `slot`, or `defaultValue` when absent.
    public func scalar<T: FlatScalar>(_ slot: Int, default defaultValue: T) throws -> T {
        guard let at = try fieldPosition(slot, size: T.byteSize) else { return defaultValue }
        return T(littleEndian: reader.bytes, at: at)
    }

    /// The scalar in `slot`, or nil when absent.
    public func optionalScalar<T: FlatScalar>(_ slot: Int, as type: T.Type = T.self) throws -> T? {
        guard let at = try fieldPosition(slot, size: T.byteSize) else { return nil }
        return T(littleEndian: reader.bytes, at: at)
    }

    private func target(_ slot: Int) throws -> Int? {
        guard let at = try fieldPosition(slot, size: 4) else { return nil }
        return try reader.followOffset(at: at)
    }

    /// The sub-table in `slot`, or nil when absent.
    public func table(_ slot: Int) throws -> FlatTable? {
        guard let at = try target(slot) else { return nil }
        return try reader.table(at: at, depth: depth + 1)
    }

    /// The string in `slot`, or nil when absent. Invalid UTF-8 is repaired with U+FFFD.
    public func string(_ slot: Int) throws -> String? {
        guard let at = try target(slot) else { return nil }
        return try readString(at: at)
    }

    func readString(at position: Int) throws -> String {
        let (start, length) = try reader.vector(at: position, elementSize: 1)
        return String(decoding: reader.bytes[start..<start + length], as: UTF8.self)
    }

    /// A vector of scalars in `slot`, or nil when absent.
    public func scalars<T: FlatScalar>(_ slot: Int, as type: T.Type = T.self) throws -> [T]? {
        guard let at = try target(slot) else { return nil }
        let (start, length) = try reader.vector(at: at, elementSize: T.byteSize)
        let bytes = reader.bytes
        return (0..<length).map { T(littleEndian: bytes, at: start + $0 * T.byteSize) }
    }

    /// The raw bytes of a `[ubyte]`/`[byte]` vector in `slot`, or nil when absent.
    public func bytes(_ slot: Int) throws -> [UInt8]? {
        guard let at = try target(slot) else { return nil }
        let (start, length) = try reader.vector(at: at, elementSize: 1)
        return [UInt8](reader.bytes[start..<start + length])
    }

    /// A vector of tables in `slot`, or nil when absent.
    public func tables(_ slot: Int) throws -> [FlatTable]? {
        guard let at = try target(slot) else { return nil }
        let (start, length) = try reader.vector(at: at, elementSize: 4)
        return try (0..<length).map { index in
            try reader.table(at: try reader.followOffset(at: start + 4 * index), depth: depth + 1)
        }
    }

    /// A vector of strings in `slot`, or nil when absent.
    public func strings(_ slot: Int) throws -> [String]? {
        guard let at = try target(slot) else { return nil }
        let (start, length) = try reader.vector(at: at, elementSize: 4)
        return try (0..<length).map { try readString(at: try reader.followOffset(at: start + 4 * $0)) }
    }

    /// Absolute position and count of a byte vector without copying it (for large data blobs).
    public func byteRange(_ slot: Int) throws -> Range<Int>? {
        guard let at = try target(slot) else { return nil }
        let (start, length) = try reader.vector(at: at, elementSize: 1)
        return start..<start + length
    }
}
