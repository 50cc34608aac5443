/// Builds a FlatBuffers binary back to front, as the reference implementation does: children are
/// written before their parents, so every offset points forward. Scalars are aligned to their
/// size, vectors to their element size (or a forced alignment), identical vtables are shared, and
/// the finished buffer's size is a multiple of the largest alignment used.
public struct FlatBufferBuilder {
    /// Where a finished object (table, vector or string) lives: its distance from the buffer end.
    public struct Offset: Hashable, Sendable {
        let distance: Int
    }

    /// Bytes in reverse order: `reversed[k]` is the byte `k + 1` positions before the end.
    private var reversed: [UInt8] = []
    private var minimumAlignment = 1
    /// Field locations (slot, distance) of the table being built.
    private var fields: [(slot: Int, distance: Int)] = []
    private var tableStart: Int?
    /// Distances of vtables written so far, for sharing identical ones.
    private var vtables: [Int] = []

    public init(expectedSize: Int = 1024) {
        reversed.reserveCapacity(expectedSize)
    }

    /// Number of bytes written so far.
    public var size: Int { reversed.count }

    // MARK: - Low level

    private mutating func pad(_ count: Int) {
        reversed.append(contentsOf: repeatElement(0, count: count))
    }

    /// Pads so that after writing `length` more bytes the size is a multiple of `alignment`.
    private mutating func preAlign(_ length: Int, _ alignment: Int) {
        minimumAlignment = max(minimumAlignment, alignment)
        let rest = (reversed.count + length) % alignment
        if rest != 0 { pad(alignment - rest) }
    }

    private mutating func push<T: FlatScalar>(_ value: T) {
        let bits = value.bitPattern64
        for k in stride(from: T.byteSize - 1, through: 0, by: -1) {
            reversed.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(k))))
        }
    }

    private mutating func pushAligned<T: FlatScalar>(_ value: T) {
        preAlign(T.byteSize, T.byteSize)
        push(value)
    }

    /// Writes a uoffset to `target` at the current (4-aligned) front.
    private mutating func pushOffset(_ target: Offset) {
        preAlign(4, 4)
        push(UInt32(reversed.count + 4 - target.distance))
    }

    private mutating func patch(_ value: Int32, atDistance distance: Int) {
        let bits = UInt32(bitPattern: value)
        for k in 0..<4 { reversed[distance - 1 - k] = UInt8(truncatingIfNeeded: bits >> (8 * UInt32(k))) }
    }

    // MARK: - Strings and vectors

    /// Writes a NUL-terminated UTF-8 string.
    public mutating func createString(_ string: String) -> Offset {
        let utf8 = Array(string.utf8)
        preAlign(utf8.count + 1, 4)
        reversed.append(0)
        reversed.append(contentsOf: utf8.reversed())
        push(UInt32(utf8.count))
        return Offset(distance: reversed.count)
    }

    /// Writes a vector of scalars.
    public mutating func createVector<T: FlatScalar>(_ elements: [T]) -> Offset {
        preAlign(elements.count * T.byteSize, 4)
        preAlign(elements.count * T.byteSize, T.byteSize)
        for element in elements.reversed() { push(element) }
        push(UInt32(elements.count))
        return Offset(distance: reversed.count)
    }

    /// Writes a byte vector whose data starts at a multiple of `alignment` (e.g. 16 for tensor data).
    public mutating func createVector(bytes: some BidirectionalCollection<UInt8>, alignment: Int = 1) -> Offset {
        preAlign(bytes.count, 4)
        preAlign(bytes.count, alignment)
        reversed.append(contentsOf: bytes.reversed())
        push(UInt32(bytes.count))
        return Offset(distance: reversed.count)
    }

    /// Writes a vector of offsets to tables, strings or vectors.
    public mutating func createVector(offsets: [Offset]) -> Offset {
        preAlign(offsets.count * 4, 4)
        for target in offsets.reversed() { pushOffset(target) }
        push(UInt32(offsets.count))
        return Offset(distance: reversed.count)
    }

    // MARK: - Tables

    /// Begins a table; add its fields, then call `endTable()`. Children must already be written.
    public mutating func startTable() {
        precondition(tableStart == nil, "FlatBufferBuilder: tables cannot be nested; write children first")
        fields.removeAll(keepingCapacity: true)
        tableStart = reversed.count
    }

    /// Adds a scalar field; it is omitted when it equals `defaultValue` (pass nil to always write it).
    public mutating func add<T: FlatScalar>(_ slot: Int, _ value: T, default defaultValue: T?) {
        if let defaultValue, value == defaultValue { return }
        pushAligned(value)
        fields.append((slot, reversed.count))
    }

    /// Adds an offset field pointing to an already written object.
    public mutating func add(_ slot: Int, _ target: Offset) {
        pushOffset(target)
        fields.append((slot, reversed.count))
    }

    /// Adds an optional offset field; nothing is written for nil.
    public mutating func add(_ slot: Int, _ target: Offset?) {
        if let target { add(slot, target) }
    }

    /// Finishes the table, writing (or sharing) its vtable.
    public mutating func endTable() -> Offset {
        guard let start = tableStart else { preconditionFailure("FlatBufferBuilder: endTable without startTable") }
        tableStart = nil
        pushAligned(Int32(0))  // placeholder for the vtable offset
        let table = reversed.count
        let slotCount = (fields.map(\.slot).max() ?? -1) + 1
        var vtable = [UInt16](repeating: 0, count: 2 + slotCount)
        vtable[0] = UInt16(4 + 2 * slotCount)
        vtable[1] = UInt16(table - start)
        for field in fields { vtable[2 + field.slot] = UInt16(table - field.distance) }

        if let shared = vtables.first(where: { vtableMatches($0, vtable) }) {
            patch(Int32(shared - table), atDistance: table)
        } else {
            for entry in vtable.reversed() { push(entry) }
            let written = reversed.count
            vtables.append(written)
            patch(Int32(written - table), atDistance: table)
        }
        return Offset(distance: table)
    }

    private func vtableMatches(_ distance: Int, _ vtable: [UInt16]) -> Bool {
        let size = Int(vtable[0])
        guard distance >= size else { return false }
        for (index, entry) in vtable.enumerated() {
            let low = reversed[distance - 1 - 2 * index]
            let high = reversed[distance - 2 - 2 * index]
            if UInt16(low) | UInt16(high) << 8 != entry { return false }
        }
        return true
    }

    // MARK: - Finish

    /// Writes the root offset and optional 4-byte file identifier and returns the finished bytes.
    public mutating func finish(root: Offset, fileIdentifier: String? = nil) -> [UInt8] {
        let identifier = fileIdentifier.map { Array($0.utf8) } ?? []
        precondition(identifier.isEmpty || identifier.count == 4, "file identifier must be 4 bytes")
        preAlign(4 + identifier.count, minimumAlignment)
        preAlign(4 + identifier.count, 4)
        reversed.append(contentsOf: identifier.reversed())
        pushOffset(root)
        return reversed.reversed()
    }
}
