import FlatBuffers
import Testing

/// Byte placement: vtable sharing, alignment from the buffer start, padding and file identifier.
@Suite struct LayoutTests {
    private func pair(_ builder: inout FlatBufferBuilder, _ a: Int32, _ b: Int32) -> FlatBufferBuilder.Offset {
        builder.startTable()
        builder.add(0, a, default: 0)
        builder.add(1, b, default: 0)
        return builder.endTable()
    }

    @Test func identicalLayoutTablesShareOneVtable() throws {
        var builder = FlatBufferBuilder()
        let first = pair(&builder, 1, 2)
        let sizeAfterFirst = builder.size
        let second = pair(&builder, 3, 4)
        // The second table adds only its inline part: 4-byte soffset + two int32 = 12 bytes.
        #expect(builder.size - sizeAfterFirst == 12)
        builder.startTable()
        builder.add(0, Int32(5), default: 0)  // a different layout gets a vtable of its own
        let other = builder.endTable()
        let list = builder.createVector(offsets: [first, second, other])
        builder.startTable()
        builder.add(0, list)
        let root = builder.endTable()
        let bytes = builder.finish(root: root)

        let tables = try #require(try FlatBufferReader(bytes: bytes).root().tables(0))
        let vtables = tables.map { RawBytes.vtable(bytes, table: $0.position) }
        #expect(vtables[0] == vtables[1], "same layout, one vtable")
        #expect(vtables[2] != vtables[0])
        #expect(try tables.map { try $0.scalar(0, default: Int32(0)) } == [1, 3, 5])
        #expect(try tables.map { try $0.scalar(1, default: Int32(0)) } == [2, 4, 0])
    }

    @Test func everyScalarIsAlignedToItsSizeFromTheBufferStart() throws {
        var builder = FlatBufferBuilder()
        let prefix = builder.createVector(bytes: [1, 2, 3])  // leaves the write position unaligned
        builder.startTable()
        builder.add(0, UInt8(1), default: nil)
        builder.add(1, Double(2), default: nil)
        builder.add(2, Int16(3), default: nil)
        builder.add(3, Bool(true), default: nil)
        builder.add(4, Int64(5), default: nil)
        builder.add(5, Float(6), default: nil)
        builder.add(6, Int8(7), default: nil)
        builder.add(7, Int32(8), default: nil)
        builder.add(8, UInt16(9), default: nil)
        builder.add(9, prefix)
        let table = builder.endTable()
        let bytes = builder.finish(root: table)

        let sizes = [1, 8, 2, 1, 8, 4, 1, 4, 2, 4]
        let tableAt = RawBytes.rootTable(bytes)
        #expect(tableAt % 4 == 0, "the table's soffset is 4-aligned")
        for (slot, size) in sizes.enumerated() {
            let at = try #require(RawBytes.field(bytes, table: tableAt, slot: slot))
            #expect(at % size == 0, "slot \(slot) (\(size) bytes) at \(at)")
        }
        #expect(bytes.count % 8 == 0, "size is a multiple of the largest alignment (8)")
        let root = try FlatBufferReader(bytes: bytes).root()
        #expect(try root.scalar(1, default: Double(0)) == 2 && root.scalar(4, default: Int64(0)) == 5)
        #expect(try root.scalar(8, default: UInt16(0)) == 9)
    }

    @Test func vectorElementsAreAlignedToTheirSize() throws {
        var builder = FlatBufferBuilder()
        let odd = builder.createVector(bytes: [1])
        let longs = builder.createVector([Int64(-1), 2])
        let odd2 = builder.createVector(bytes: [1, 2, 3])
        let doubles = builder.createVector([Double(0.5)])
        let shorts = builder.createVector([Int16(1), 2, 3])
        builder.startTable()
        for (slot, vector) in [odd, longs, odd2, doubles, shorts].enumerated() { builder.add(slot, vector) }
        let table = builder.endTable()
        let bytes = builder.finish(root: table)
        let tableAt = RawBytes.rootTable(bytes)
        for (slot, size) in [(1, 8), (3, 8), (4, 2)] {
            let length = RawBytes.target(bytes, from: try #require(RawBytes.field(bytes, table: tableAt, slot: slot)))
            #expect(length % 4 == 0, "length prefix of slot \(slot) is 4-aligned")
            #expect((length + 4) % size == 0, "elements of slot \(slot) start \(size)-aligned")
        }
        let root = try FlatBufferReader(bytes: bytes).root()
        #expect(try root.scalars(1, as: Int64.self) == [-1, 2])
        #expect(try root.scalars(4, as: Int16.self) == [1, 2, 3])
    }

    @Test(arguments: 0..<20)
    func forcedAlignmentPutsByteDataOnA16ByteBoundary(prefixLength: Int) throws {
        var builder = FlatBufferBuilder()
        let prefix = builder.createVector(bytes: [UInt8](repeating: 0xAB, count: prefixLength))
        let data = (0..<UInt8(prefixLength + 5)).map { $0 &* 37 }
        let aligned = builder.createVector(bytes: data, alignment: 16)
        let suffix = builder.createString(String(repeating: "s", count: prefixLength))
        builder.startTable()
        builder.add(0, aligned)
        builder.add(1, prefix)
        builder.add(2, suffix)
        let table = builder.endTable()
        let bytes = builder.finish(root: table)

        let range = try #require(try FlatBufferReader(bytes: bytes).root().byteRange(0))
        #expect(range.lowerBound % 16 == 0)
        #expect(Array(bytes[range]) == data)
        #expect(bytes.count % 16 == 0, "size is a multiple of the forced alignment")
    }

    @Test func sizeIsAMultipleOfFourWithoutWiderScalars() throws {
        var builder = FlatBufferBuilder()
        let name = builder.createString("abcde")
        builder.startTable()
        builder.add(0, UInt8(1), default: nil)
        builder.add(1, name)
        let table = builder.endTable()
        let bytes = builder.finish(root: table)
        // Back to front: string 2 pad + NUL + 5 + length 4 = 12; ubyte 1, pad 3, uoffset 4,
        // soffset 4 = 24; vtable 4 + 2 slots = 32; root uoffset = 36 (no padding to 8).
        #expect(bytes.count == 36)
    }

    @Test func fileIdentifierFollowsTheRootOffset() throws {
        var builder = FlatBufferBuilder()
        builder.startTable()
        builder.add(0, Int32(42), default: 0)
        let table = builder.endTable()
        let bytes = builder.finish(root: table, fileIdentifier: "TEST")
        #expect(Array(bytes[4..<8]) == Array("TEST".utf8))
        let reader = try FlatBufferReader(bytes: bytes)
        #expect(reader.fileIdentifier == "TEST")
        #expect(try reader.root().scalar(0, default: Int32(0)) == 42)
        #expect(RawBytes.rootTable(bytes) >= 8, "the root table lies after the identifier")
    }

    @Test func identifierIsAbsentFromTooShortBuffers() throws {
        #expect(try FlatBufferReader(bytes: [1, 2, 3, 4, 5, 6, 7]).fileIdentifier == nil)
        #expect(try FlatBufferReader(bytes: Array("xxxxTFL3".utf8)).fileIdentifier == "TFL3")
    }
}
