import FlatBuffers
import Testing

/// Forged and damaged buffers: every read must throw a `FlatBufferError` naming a sensible byte
/// offset, never trap, read out of bounds or run away.
@Suite struct HostileInputTests {
    /// 24 bytes laid out by hand: root uoffset 16, identifier "HAND", vtable at 8 (size 6,
    /// inline size 8, slot 0 at +4; entry at 12), 2 bytes padding, table at 16 (soffset 8),
    /// int32 0x11223344 at 20.
    static let handMade: [UInt8] = [
        16, 0, 0, 0, 0x48, 0x41, 0x4E, 0x44,
        6, 0, 8, 0, 4, 0, 0, 0,
        8, 0, 0, 0,
        0x44, 0x33, 0x22, 0x11,
    ]

    /// Runs `body` on a reader of `bytes` and returns the error it throws (failing when none).
    private func error(_ bytes: [UInt8], _ body: (FlatBufferReader) throws -> Void) -> FlatBufferError? {
        #expect(throws: FlatBufferError.self) { try body(FlatBufferReader(bytes: bytes)) }
        do { try body(FlatBufferReader(bytes: bytes)) } catch { return error as? FlatBufferError }
        return nil
    }

    private func patched(_ offset: Int, _ value: UInt32) -> [UInt8] {
        var bytes = Self.handMade
        RawBytes.put32(value, into: &bytes, at: offset)
        return bytes
    }

    private func patched16(_ offset: Int, _ value: UInt16) -> [UInt8] {
        var bytes = Self.handMade
        RawBytes.put16(value, into: &bytes, at: offset)
        return bytes
    }

    @Test func handMadeBufferIsValid() throws {
        let reader = try FlatBufferReader(bytes: Self.handMade)
        #expect(reader.fileIdentifier == "HAND")
        #expect(try reader.root().scalar(0, default: UInt32(0)) == 0x1122_3344)
    }

    @Test(arguments: [[], [1, 2, 3], [4, 0, 0, 0, 0, 0, 0]] as [[UInt8]])
    func buffersTooShortForARootAreRejected(bytes: [UInt8]) {
        #expect(error(bytes) { _ = try $0.root() }?.offset == 0)
    }

    @Test(arguments: [0, 24, 25, 0x7FFF_FFFF, 0xFFFF_FFFF] as [UInt32])
    func rootOffsetOutsideTheBufferIsRejectedAtByteZero(value: UInt32) {
        #expect(error(patched(0, value)) { _ = try $0.root() }?.offset == 0)
    }

    @Test(arguments: [0x8000_0000, 0x7FFF_FFFF, UInt32(bitPattern: -100), 17, UInt32(bitPattern: -5)] as [UInt32])
    func vtableOffsetOutsideTheBufferIsRejectedAtTheTable(soffset: UInt32) {
        // Vtable at 16 - soffset: beyond the end, before the start, or too close to the end for its header.
        #expect(error(patched(16, soffset)) { _ = try $0.root() }?.offset == 16)
    }

    @Test(arguments: [7, 2, 0, 5, 200] as [UInt16])
    func badVtableSizeIsRejectedAtTheVtable(size: UInt16) {
        // Odd, smaller than its own header, or running past the end of the buffer.
        #expect(error(patched16(8, size)) { _ = try $0.root() }?.offset == 8)
    }

    @Test func inlineSizeSmallerThanTheSoffsetIsRejectedAtTheVtable() {
        #expect(error(patched16(10, 2)) { _ = try $0.root() }?.offset == 8)
    }

    @Test func tableRunningPastTheEndIsRejectedAtTheTable() {
        #expect(error(patched16(10, 9)) { _ = try $0.root() }?.offset == 16)
    }

    @Test(arguments: [6, 8, 0xFFFF] as [UInt16])
    func fieldOutsideItsTableIsRejectedAtItsVtableEntry(fieldOffset: UInt16) throws {
        let bytes = patched16(12, fieldOffset)
        let root = try FlatBufferReader(bytes: bytes).root()
        #expect(root.has(0))
        let thrown = error(bytes) { _ = try $0.root().scalar(0, default: UInt32(0)) }
        #expect(thrown?.offset == 12, "slot 0's entry is at vtable 8 + 4")
        #expect(throws: FlatBufferError.self) { try root.optionalScalar(0, as: UInt64.self) }
    }

    // MARK: - Vectors and strings

    /// Slot 0: string "hello", slot 1: [int32] [1, 2, 3], slot 2: [table] of one table, slot 3: table.
    private static func withVectors() -> [UInt8] {
        var builder = FlatBufferBuilder()
        let text = builder.createString("hello")
        let ints = builder.createVector([Int32(1), 2, 3])
        builder.startTable()
        builder.add(0, Int32(5), default: 0)
        let item = builder.endTable()
        let items = builder.createVector(offsets: [item])
        builder.startTable()
        builder.add(0, text)
        builder.add(1, ints)
        builder.add(2, items)
        builder.add(3, item)
        let root = builder.endTable()
        return builder.finish(root: root)
    }

    /// Position of the uoffset field in `slot` of the root table of `bytes`.
    private func field(_ bytes: [UInt8], _ slot: Int) throws -> Int {
        try #require(RawBytes.field(bytes, table: RawBytes.rootTable(bytes), slot: slot))
    }

    @Test func vectorLengthOfAllOnesIsRejectedAtTheLength() throws {
        var bytes = Self.withVectors()
        let length = RawBytes.target(bytes, from: try field(bytes, 1))
        RawBytes.put32(0xFFFF_FFFF, into: &bytes, at: length)
        #expect(error(bytes) { _ = try $0.root().scalars(1, as: Int32.self) }?.offset == length)
        #expect(error(bytes) { _ = try $0.root().bytes(1) }?.offset == length)
        #expect(error(bytes) { _ = try $0.root().scalars(1, as: Double.self) }?.offset == length)
    }

    @Test func vectorOneElementLongerThanTheBufferIsRejected() throws {
        var bytes = Self.withVectors()
        let length = RawBytes.target(bytes, from: try field(bytes, 1))
        let room = (bytes.count - length - 4) / 4
        RawBytes.put32(UInt32(room), into: &bytes, at: length)
        #expect(try FlatBufferReader(bytes: bytes).root().scalars(1, as: Int32.self)?.count == room, "exactly fitting is fine")
        RawBytes.put32(UInt32(room + 1), into: &bytes, at: length)
        #expect(error(bytes) { _ = try $0.root().scalars(1, as: Int32.self) }?.offset == length)
    }

    @Test func stringWithoutRoomForItsBytesIsRejected() throws {
        var bytes = Self.withVectors()
        let length = RawBytes.target(bytes, from: try field(bytes, 0))
        RawBytes.put32(UInt32(bytes.count - length - 4 + 1), into: &bytes, at: length)
        #expect(error(bytes) { _ = try $0.root().string(0) }?.offset == length)
        let atTheEnd = Array(bytes[..<(length + 2)])  // the length itself is cut off
        #expect(throws: FlatBufferError.self) { try FlatBufferReader(bytes: atTheEnd).root().string(0) }
    }

    @Test(arguments: [0x7FFF_FFFF, 0xFFFF_FFFF, 0] as [UInt32])
    func offsetFieldPointingOutsideIsRejectedAtTheField(value: UInt32) throws {
        var bytes = Self.withVectors()
        for slot in 0...3 {
            let at = try field(bytes, slot)
            let saved = RawBytes.uint32(bytes, at: at)
            RawBytes.put32(value, into: &bytes, at: at)
            let thrown = error(bytes) { reader in
                let root = try reader.root()
                _ = try root.string(0); _ = try root.scalars(1, as: Int32.self)
                _ = try root.tables(2); _ = try root.table(3)
            }
            #expect(thrown?.offset == at, "slot \(slot)")
            RawBytes.put32(UInt32(saved), into: &bytes, at: at)
        }
    }

    @Test func tableVectorElementPointingOutsideIsRejectedAtTheElement() throws {
        var bytes = Self.withVectors()
        let element = RawBytes.target(bytes, from: try field(bytes, 2)) + 4
        RawBytes.put32(UInt32(bytes.count), into: &bytes, at: element)
        #expect(error(bytes) { _ = try $0.root().tables(2) }?.offset == element)
    }

    // MARK: - Nesting and work

    /// A chain of `levels` tables, each holding the next in slot 0; the innermost holds 99 in slot 1.
    private static func chain(levels: Int) -> [UInt8] {
        var builder = FlatBufferBuilder()
        builder.startTable()
        builder.add(1, Int32(99), default: 0)
        var inner = builder.endTable()
        for _ in 1..<levels {
            builder.startTable()
            builder.add(0, inner)
            inner = builder.endTable()
        }
        return builder.finish(root: inner)
    }

    /// Follows slot 0 down the chain and returns the innermost table's slot 1.
    private func descend(_ reader: FlatBufferReader) throws -> Int32 {
        var table = try reader.root()
        while let next = try table.table(0) { table = next }
        return try table.scalar(1, default: 0)
    }

    @Test func nestingUpToTheLimitIsRead() throws {
        // The root is level 0, so 64 nested levels below it make 65 tables.
        #expect(FlatBufferReader.maximumDepth == 64)
        #expect(try descend(FlatBufferReader(bytes: Self.chain(levels: 65))) == 99)
    }

    @Test func nesting65LevelsDeepIsRejectedAtTheDeepestTable() throws {
        let bytes = Self.chain(levels: 66)
        // Hand-walk the chain to where the 66th table (level 65) lies.
        var position = RawBytes.rootTable(bytes)
        for _ in 0..<65 {
            position = RawBytes.target(bytes, from: try #require(RawBytes.field(bytes, table: position, slot: 0)))
        }
        let thrown = error(bytes) { _ = try descend($0) }
        #expect(thrown?.offset == position)
        #expect(thrown?.message.contains("64") == true)
    }

    @Test func sharedSubVectorsRunOutOfTheWorkBudget() throws {
        // 4096 vector entries all point at one table whose field is one 64 KiB vector: reading them
        // all would touch 256 MiB from a ~80 KiB buffer.
        var builder = FlatBufferBuilder(expectedSize: 100_000)
        let big = builder.createVector(bytes: [UInt8](repeating: 7, count: 65536))
        builder.startTable()
        builder.add(0, big)
        let holder = builder.endTable()
        let entries = builder.createVector(offsets: [FlatBufferBuilder.Offset](repeating: holder, count: 4096))
        builder.startTable()
        builder.add(0, entries)
        let root = builder.endTable()
        let bytes = builder.finish(root: root)

        let tables = try #require(try FlatBufferReader(bytes: bytes).root().tables(0))
        #expect(tables.count == 4096)
        var readBeforeStopping = 0
        var thrown: FlatBufferError?
        do {
            for table in tables {
                _ = try table.bytes(0)
                readBeforeStopping += 1
            }
        } catch {
            thrown = error as? FlatBufferError
        }
        let vector = RawBytes.target(bytes, from: try #require(RawBytes.field(bytes, table: tables[0].position, slot: 0)))
        #expect(thrown?.offset == vector, "the error names the shared vector")
        #expect(thrown?.message.contains("unbounded work") == true)
        #expect(readBeforeStopping > 10 && readBeforeStopping < 200, "stopped after \(readBeforeStopping) reads")
    }
}
