import FlatBuffers
import Testing

/// Builds a table holding `value` (always written) in slot 0, then reads it back and returns the
/// value read and the raw bytes the builder stored for it.
private func writeAndRead<T: FlatScalar>(_ value: T) throws -> (read: T?, raw: [UInt8]) {
    var builder = FlatBufferBuilder()
    builder.startTable()
    builder.add(0, value, default: nil)
    let table = builder.endTable()
    let bytes = builder.finish(root: table)
    let read = try FlatBufferReader(bytes: bytes).root().optionalScalar(0, as: T.self)
    let at = try #require(RawBytes.field(bytes, table: RawBytes.rootTable(bytes), slot: 0))
    return (read, Array(bytes[at..<at + T.byteSize]))
}

@Suite struct ScalarRoundTripTests {
    /// Expected bytes are the little-endian encodings worked out by hand (two's complement, IEEE 754).
    @Test func everyScalarTypeIsStoredLittleEndianAndReadBack() throws {
        func check<T: FlatScalar>(_ value: T, _ expected: [UInt8]) throws {
            let (read, raw) = try writeAndRead(value)
            #expect(read == value, "\(T.self) \(value)")
            #expect(raw == expected, "\(T.self) \(value)")
        }
        try check(Int8(-5), [0xFB])
        try check(UInt8(200), [0xC8])
        try check(true, [0x01])
        try check(false, [0x00])
        try check(Int16(-1234), [0x2E, 0xFB])
        try check(UInt16(60000), [0x60, 0xEA])
        try check(Int32(-123_456_789), [0xEB, 0x32, 0xA4, 0xF8])
        try check(UInt32(4_000_000_000), [0x00, 0x28, 0x6B, 0xEE])
        try check(Int64(-1_234_567_890_123), [0x35, 0xFB, 0x04, 0x8E, 0xE0, 0xFE, 0xFF, 0xFF])
        try check(UInt64(18_000_000_000_000_000_000), [0x00, 0x00, 0x08, 0xC5, 0xA1, 0xD8, 0xCC, 0xF9])
        try check(Float(1.5), [0x00, 0x00, 0xC0, 0x3F])
        try check(Double(-2.25), [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0xC0])
    }

    @Test func extremeValuesSurvive() throws {
        func check<T: FlatScalar & FixedWidthInteger>(_ type: T.Type) throws {
            #expect(try writeAndRead(T.min).read == T.min)
            #expect(try writeAndRead(T.max).read == T.max)
        }
        try check(Int8.self); try check(UInt8.self); try check(Int16.self); try check(UInt16.self)
        try check(Int32.self); try check(UInt32.self); try check(Int64.self); try check(UInt64.self)
        #expect(try writeAndRead(Float.infinity).read == .infinity)
        #expect(try writeAndRead(-Double.greatestFiniteMagnitude).read == -.greatestFiniteMagnitude)
        #expect(try writeAndRead(Float(-0.0)).read?.bitPattern == 0x8000_0000)
        let nan = Float(bitPattern: 0x7FC0_0123)
        #expect(try writeAndRead(nan).read?.bitPattern == 0x7FC0_0123, "NaN payload is kept bit for bit")
        #expect(try writeAndRead(Double.leastNonzeroMagnitude).read == .leastNonzeroMagnitude)
    }

    @Test func fieldEqualToItsDefaultIsOmittedAndReadsAsTheDefault() throws {
        var builder = FlatBufferBuilder()
        builder.startTable()
        builder.add(0, Int32(7), default: 7)
        builder.add(1, Float(0), default: 0)
        builder.add(2, Int32(3), default: 7)
        let table = builder.endTable()
        let bytes = builder.finish(root: table)

        let root = try FlatBufferReader(bytes: bytes).root()
        #expect(!root.has(0) && !root.has(1) && root.has(2))
        #expect(try root.scalar(0, default: Int32(7)) == 7)
        #expect(try root.optionalScalar(0, as: Int32.self) == nil)
        #expect(try root.scalar(1, default: Float(0)) == 0)
        #expect(try root.scalar(2, default: Int32(7)) == 3)
        let tableAt = RawBytes.rootTable(bytes)
        #expect(RawBytes.field(bytes, table: tableAt, slot: 0) == nil, "vtable entry of an omitted field is 0")
        // Inline: 4-byte soffset + the one int32 written; nothing for the two defaults.
        #expect(RawBytes.uint16(bytes, at: RawBytes.vtable(bytes, table: tableAt) + 2) == 8)
    }

    @Test func nilDefaultWritesTheFieldEvenWhenZero() throws {
        let (read, raw) = try writeAndRead(Int32(0))
        #expect(read == 0)
        #expect(raw == [0, 0, 0, 0])
    }

    @Test func slotsBeyondTheVtableReadAsAbsent() throws {
        var builder = FlatBufferBuilder()
        builder.startTable()
        builder.add(0, Int16(9), default: 0)
        let table = builder.endTable()
        let bytes = builder.finish(root: table)
        let root = try FlatBufferReader(bytes: bytes).root()
        #expect(RawBytes.uint16(bytes, at: RawBytes.vtable(bytes, table: RawBytes.rootTable(bytes))) == 6,
                "the vtable stops after the last field written")
        #expect(!root.has(5))
        #expect(try root.scalar(5, default: Int64(-1)) == -1)
        #expect(try root.string(5) == nil)
        #expect(try root.table(5) == nil)
        #expect(try root.tables(5) == nil)
    }
}
