import FlatBuffers
import Testing

/// Strings, vectors, nested tables and unions written by the builder and read back.
@Suite struct StructureRoundTripTests {
    @Test(arguments: ["", "a", "héllo ✓", "日本語 🎉", String(repeating: "xyz", count: 400)])
    func stringIsLengthPrefixedNulTerminatedAndReadBack(text: String) throws {
        var builder = FlatBufferBuilder()
        let string = builder.createString(text)
        builder.startTable()
        builder.add(0, string)
        let table = builder.endTable()
        let bytes = builder.finish(root: table)

        #expect(try FlatBufferReader(bytes: bytes).root().string(0) == text)
        let at = RawBytes.target(bytes, from: try #require(RawBytes.field(bytes, table: RawBytes.rootTable(bytes), slot: 0)))
        let utf8 = Array(text.utf8)
        #expect(at % 4 == 0, "length prefix is 4-aligned")
        #expect(RawBytes.uint32(bytes, at: at) == utf8.count, "length counts UTF-8 bytes without the terminator")
        #expect(Array(bytes[at + 4..<at + 4 + utf8.count]) == utf8)
        #expect(bytes[at + 4 + utf8.count] == 0, "NUL terminator")
    }

    @Test func invalidUTF8IsRepairedNotRejected() throws {
        var builder = FlatBufferBuilder()
        let string = builder.createString("abc")
        builder.startTable()
        builder.add(0, string)
        let table = builder.endTable()
        var bytes = builder.finish(root: table)
        let at = RawBytes.target(bytes, from: try #require(RawBytes.field(bytes, table: RawBytes.rootTable(bytes), slot: 0)))
        bytes[at + 5] = 0xFF
        #expect(try FlatBufferReader(bytes: bytes).root().string(0) == "a\u{FFFD}c")
    }

    @Test func scalarVectorsOfEveryWidthRoundTrip() throws {
        var builder = FlatBufferBuilder()
        let v0 = builder.createVector([Int8(-1), 2, -128, 127])
        let v1 = builder.createVector([UInt16(1), 65535])
        let v2 = builder.createVector([Int32(-7), 0, Int32.max])
        let v3 = builder.createVector([Int64.min, 5])
        let v4 = builder.createVector([Float(0.5), -3])
        let v5 = builder.createVector([Double(1e300), -0.25, 7])
        let v6 = builder.createVector([true, false, true])
        let v7 = builder.createVector([Int32]())
        builder.startTable()
        for (slot, vector) in [v0, v1, v2, v3, v4, v5, v6, v7].enumerated() { builder.add(slot, vector) }
        let table = builder.endTable()
        let root = try FlatBufferReader(bytes: builder.finish(root: table)).root()

        #expect(try root.scalars(0, as: Int8.self) == [-1, 2, -128, 127])
        #expect(try root.scalars(1, as: UInt16.self) == [1, 65535])
        #expect(try root.scalars(2, as: Int32.self) == [-7, 0, .max])
        #expect(try root.scalars(3, as: Int64.self) == [.min, 5])
        #expect(try root.scalars(4, as: Float.self) == [0.5, -3])
        #expect(try root.scalars(5, as: Double.self) == [1e300, -0.25, 7])
        #expect(try root.scalars(6, as: Bool.self) == [true, false, true])
        #expect(try root.scalars(7, as: Int32.self) == [], "an empty vector is present, not absent")
        #expect(try root.scalars(8, as: Int32.self) == nil)
    }

    @Test func byteVectorReadsAsBytesAndAsRange() throws {
        let data: [UInt8] = [9, 8, 7, 0, 255]
        var builder = FlatBufferBuilder()
        let vector = builder.createVector(bytes: data)
        builder.startTable()
        builder.add(0, vector)
        let table = builder.endTable()
        let bytes = builder.finish(root: table)
        let reader = try FlatBufferReader(bytes: bytes)
        let root = try reader.root()
        #expect(try root.bytes(0) == data)
        let range = try #require(try root.byteRange(0))
        #expect(Array(bytes[range]) == data)
        #expect(Array(reader.bytes[range]) == data)
        #expect(RawBytes.uint32(bytes, at: range.lowerBound - 4) == data.count)
    }

    @Test func vectorsOfTablesAndStringsRoundTrip() throws {
        var builder = FlatBufferBuilder()
        var items: [FlatBufferBuilder.Offset] = []
        for (index, name) in ["zero", "one", "two"].enumerated() {
            let string = builder.createString(name)
            builder.startTable()
            builder.add(0, string)
            builder.add(1, Int16(index * 100), default: 0)
            items.append(builder.endTable())
        }
        let tables = builder.createVector(offsets: items)
        let strings = builder.createVector(offsets: ["", "b", "ç"].map { builder.createString($0) })
        let noStrings = builder.createVector(offsets: [])
        builder.startTable()
        builder.add(0, tables)
        builder.add(1, strings)
        builder.add(2, noStrings)
        let table = builder.endTable()
        let root = try FlatBufferReader(bytes: builder.finish(root: table)).root()

        let read = try #require(try root.tables(0))
        #expect(try read.map { try $0.string(0) } == ["zero", "one", "two"])
        #expect(try read.map { try $0.scalar(1, default: Int16(0)) } == [0, 100, 200])
        #expect(!read[0].has(1), "index 0 equals the default and was omitted")
        #expect(try root.strings(1) == ["", "b", "ç"])
        #expect(try root.strings(2) == [])
        #expect(try root.tables(2)?.isEmpty == true)
    }

    @Test func nestedTablesAreReachedThroughTheirParents() throws {
        var builder = FlatBufferBuilder()
        let leafName = builder.createString("leaf")
        builder.startTable()
        builder.add(0, leafName)
        builder.add(1, Double(2.5), default: 0)
        let leaf = builder.endTable()
        builder.startTable()
        builder.add(1, leaf)
        builder.add(0, UInt32(77), default: 0)
        let middle = builder.endTable()
        builder.startTable()
        builder.add(2, middle)
        let root = builder.endTable()
        let bytes = builder.finish(root: root)

        let top = try FlatBufferReader(bytes: bytes).root()
        let mid = try #require(try top.table(2))
        #expect(try mid.scalar(0, default: UInt32(0)) == 77)
        let bottom = try #require(try mid.table(1))
        #expect(try bottom.string(0) == "leaf")
        #expect(try bottom.scalar(1, default: Double(0)) == 2.5)
        #expect(try top.table(0) == nil)
        #expect(top.position < mid.position && mid.position < bottom.position, "children are written first, so they lie after their parents")
    }

    @Test func unionIsATypeSlotFollowedByATableSlot() throws {
        var builder = FlatBufferBuilder()
        let text = builder.createString("member")
        builder.startTable()
        builder.add(0, text)
        builder.add(1, Int16(-3), default: 0)
        let member = builder.endTable()
        builder.startTable()
        builder.add(0, UInt8(3), default: 0)
        builder.add(1, member)
        builder.add(2, UInt8(0), default: 0)  // a second union, NONE
        builder.add(3, nil as FlatBufferBuilder.Offset?)
        let table = builder.endTable()
        let root = try FlatBufferReader(bytes: builder.finish(root: table)).root()

        #expect(try root.scalar(0, default: UInt8(0)) == 3)
        let value = try #require(try root.table(1))
        #expect(try value.string(0) == "member")
        #expect(try value.scalar(1, default: Int16(0)) == -3)
        #expect(try root.scalar(2, default: UInt8(0)) == 0)
        #expect(try root.table(3) == nil)
    }
}
