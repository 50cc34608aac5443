import FlatBuffers
import Testing

/// Our builder against the official `flatbuffers` Python package (25.12.19) building the same table.
@Suite struct ReferenceBufferTests {
    /// Output of `make_reference_buffer.py` (beside this file), pasted unchanged; see its doc
    /// comment for the table. 272 bytes.
    static let official: [UInt8] = [
        0x40, 0x00, 0x00, 0x00, 0x54, 0x45, 0x53, 0x54, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2A, 0x00, 0x50, 0x00, 0x4F, 0x00, 0x4E, 0x00, 0x4D, 0x00,
        0x4A, 0x00, 0x48, 0x00, 0x44, 0x00, 0x40, 0x00, 0x38, 0x00, 0x30, 0x00, 0x2C, 0x00, 0x20, 0x00,
        0x1C, 0x00, 0x18, 0x00, 0x14, 0x00, 0x13, 0x00, 0x0C, 0x00, 0x08, 0x00, 0x00, 0x00, 0x04, 0x00,
        0x2A, 0x00, 0x00, 0x00, 0x4C, 0x00, 0x00, 0x00, 0x64, 0x00, 0x00, 0x00, 0x70, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x02, 0x70, 0x00, 0x00, 0x00, 0x98, 0x00, 0x00, 0x00, 0xA4, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x3F,
        0x00, 0x00, 0x08, 0xC5, 0xA1, 0xD8, 0xCC, 0xF9, 0x35, 0xFB, 0x04, 0x8E, 0xE0, 0xFE, 0xFF, 0xFF,
        0x00, 0x28, 0x6B, 0xEE, 0xEB, 0x32, 0xA4, 0xF8, 0x60, 0xEA, 0x2E, 0xFB, 0x00, 0x01, 0xC8, 0xFB,
        0x02, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
        0x78, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00,
        0x01, 0x02, 0x03, 0x04, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xDA, 0xFF, 0xFF, 0xFF,
        0x0B, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x0C, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x06, 0x00, 0x0A, 0x00, 0x04, 0x00, 0x06, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x06, 0x00, 0x08, 0x00, 0x04, 0x00, 0x06, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00,
        0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0xFE, 0xFF, 0xFF, 0xFF, 0x03, 0x00, 0x00, 0x00,
        0x0A, 0x00, 0x00, 0x00, 0x68, 0xC3, 0xA9, 0x6C, 0x6C, 0x6F, 0x20, 0xE2, 0x9C, 0x93, 0x00, 0x00,
    ]

    /// The same builder calls, in the same order, as `make_reference_buffer.py`.
    static func buildSample() -> [UInt8] {
        var builder = FlatBufferBuilder(expectedSize: 16)
        func child(_ a: Int32) -> FlatBufferBuilder.Offset {
            builder.startTable()
            builder.add(0, a, default: 0)
            return builder.endTable()
        }
        let name = builder.createString("héllo ✓")
        let ints = builder.createVector([Int32(1), -2, 3])
        let first = child(7)
        let second = child(9)
        let children = builder.createVector(offsets: [first, second])
        let member = child(11)
        let blob = builder.createVector(bytes: [1, 2, 3, 4, 5], alignment: 16)
        let empty = builder.createString("")
        let x = builder.createString("x")
        let strings = builder.createVector(offsets: [empty, x])

        builder.startTable()
        builder.add(0, Int8(-5), default: 0)
        builder.add(1, UInt8(200), default: 0)
        builder.add(2, true, default: false)
        builder.add(3, Int16(-1234), default: 0)
        builder.add(4, UInt16(60000), default: 0)
        builder.add(5, Int32(-123_456_789), default: 0)
        builder.add(6, UInt32(4_000_000_000), default: 0)
        builder.add(7, Int64(-1_234_567_890_123), default: 0)
        builder.add(8, UInt64(18_000_000_000_000_000_000), default: 0)
        builder.add(9, Float(1.5), default: 0)
        builder.add(10, Double(-2.25), default: 0)
        builder.add(11, name)
        builder.add(12, ints)
        builder.add(13, children)
        builder.add(14, UInt8(2), default: 0)
        builder.add(15, member)
        builder.add(16, blob)
        builder.add(17, Int32(0), default: 0)
        builder.add(18, strings)
        let root = builder.endTable()
        return builder.finish(root: root, fileIdentifier: "TEST")
    }

    @Test func builderOutputMatchesTheOfficialBuilderByteForByte() {
        let ours = Self.buildSample()
        #expect(ours.count == Self.official.count)
        let firstDifference = zip(ours, Self.official).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(firstDifference == nil, "first differing byte at \(firstDifference ?? -1)")
    }

    @Test func readerDecodesTheOfficialBuffer() throws {
        let reader = try FlatBufferReader(bytes: Self.official)
        #expect(reader.fileIdentifier == "TEST")
        let root = try reader.root()
        #expect(try root.scalar(0, default: Int8(0)) == -5)
        #expect(try root.scalar(1, default: UInt8(0)) == 200)
        #expect(try root.scalar(2, default: false) == true)
        #expect(try root.scalar(3, default: Int16(0)) == -1234)
        #expect(try root.scalar(4, default: UInt16(0)) == 60000)
        #expect(try root.scalar(5, default: Int32(0)) == -123_456_789)
        #expect(try root.scalar(6, default: UInt32(0)) == 4_000_000_000)
        #expect(try root.scalar(7, default: Int64(0)) == -1_234_567_890_123)
        #expect(try root.scalar(8, default: UInt64(0)) == 18_000_000_000_000_000_000)
        #expect(try root.scalar(9, default: Float(0)) == 1.5)
        #expect(try root.scalar(10, default: Double(0)) == -2.25)
        #expect(try root.string(11) == "héllo ✓")
        #expect(try root.scalars(12, as: Int32.self) == [1, -2, 3])
        #expect(try root.tables(13)?.map { try $0.scalar(0, default: Int32(0)) } == [7, 9])
        #expect(try root.scalar(14, default: UInt8(0)) == 2)
        #expect(try root.table(15)?.scalar(0, default: Int32(0)) == 11)
        #expect(try root.bytes(16) == [1, 2, 3, 4, 5])
        #expect(try #require(try root.byteRange(16)).lowerBound % 16 == 0)
        #expect(!root.has(17))
        #expect(try root.strings(18) == ["", "x"])
    }
}
