/// Reads a FlatBuffers binary defensively: every offset, vtable, vector length, string and
/// nesting level is checked before use, and a problem is thrown as a `FlatBufferError` naming the
/// byte offset. Total work is bounded: reading more vector elements than a small multiple of the
/// buffer size (possible only when hostile offsets share data) throws instead of running away.
public final class FlatBufferReader {
    /// Deepest table nesting accepted.
    public static let maximumDepth = 64

    private let storage: UnsafeMutableRawBufferPointer
    /// Size of the buffer in bytes.
    public let count: Int
    private var workLeft: Int

    /// Copies `bytes`; FlatBuffers larger than 2^31 − 1 bytes are rejected as the format demands.
    public init(bytes: some Collection<UInt8>) throws {
        count = bytes.count
        guard count <= Int(Int32.max) else {
            throw FlatBufferError(offset: 0, "buffer of \(count) bytes is larger than the FlatBuffers limit of 2 GiB")
        }
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 16)
        // One memcpy for contiguous collections (arrays, Data); element by element otherwise.
        let copied: Void? = bytes.withContiguousStorageIfAvailable { storage.copyMemory(from: UnsafeRawBufferPointer($0)) }
        if copied == nil { _ = storage.initializeMemory(as: UInt8.self, from: bytes) }
        self.storage = storage
        workLeft = 64 * count + 1_000_000
    }

    deinit { storage.deallocate() }

    /// The raw bytes, valid as long as the reader lives.
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: storage[0..<count]) }

    /// The 4-character file identifier at bytes 4..<8, if the buffer is long enough.
    public var fileIdentifier: String? {
        guard count >= 8 else { return nil }
        return String(decoding: bytes[4..<8], as: UTF8.self)
    }

    /// The root table, found through the offset in the first four bytes.
    public func root() throws -> FlatTable {
        guard count >= 8 else {
            throw FlatBufferError(offset: 0, "file is \(count) bytes, too short for a FlatBuffer (needs at least 8)")
        }
        let target = try followOffset(at: 0)
        return try table(at: target, depth: 0)
    }

    // MARK: - Checked primitives

    func check(_ position: Int, _ length: Int, _ what: @autoclosure () -> String) throws {
        guard position >= 0, length >= 0, position <= count, length <= count - position else {
            throw FlatBufferError(offset: max(0, min(position, count)),
                                  "\(what()) of \(length) bytes at \(position) runs past the end of the \(count)-byte buffer")
        }
    }

    func scalar<T: FlatScalar>(_ type: T.Type, at position: Int) throws -> T {
        try check(position, T.byteSize, "\(T.self) value")
        return T(littleEndian: bytes, at: position)
    }

    /// Reads the unsigned offset stored at `position` and returns the absolute target position.
    func followOffset(at position: Int) throws -> Int {
        let relative = Int(try scalar(UInt32.self, at: position))
        let target = position + relative
        guard relative != 0, target < count else {
            throw FlatBufferError(offset: position, "offset \(relative) stored here points outside the buffer")
        }
        return target
    }

    func spend(_ units: Int, at position: Int) throws {
        workLeft -= max(units, 1)
        guard workLeft >= 0 else {
            throw FlatBufferError(offset: position, "reading stopped: shared or overlapping objects would make decoding this buffer take unbounded work")
        }
    }

    func table(at position: Int, depth: Int) throws -> FlatTable {
        guard depth <= Self.maximumDepth else {
            throw FlatBufferError(offset: position, "tables nested deeper than \(Self.maximumDepth) levels")
        }
        try spend(1, at: position)
        let vtableDistance = Int(try scalar(Int32.self, at: position))
        let vtable = position - vtableDistance
        guard vtable >= 0, vtable <= count - 4 else {
            throw FlatBufferError(offset: position, "vtable offset \(vtableDistance) stored here points outside the buffer")
        }
        let vtableSize = Int(UInt16(littleEndian: bytes, at: vtable))
        let inlineSize = Int(UInt16(littleEndian: bytes, at: vtable + 2))
        guard vtableSize >= 4, vtableSize % 2 == 0 else {
            throw FlatBufferError(offset: vtable, "vtable size \(vtableSize) is invalid (must be even and at least 4)")
        }
        try check(vtable, vtableSize, "vtable")
        guard inlineSize >= 4 else {
            throw FlatBufferError(offset: vtable, "table inline size \(inlineSize) is smaller than its own vtable offset")
        }
        try check(position, inlineSize, "table")
        return FlatTable(reader: self, position: position, vtable: vtable,
                         slotCount: (vtableSize - 4) / 2, inlineSize: inlineSize, depth: depth)
    }

    /// Returns (element start, element count) of the vector at `position`, checked for `elementSize`.
    func vector(at position: Int, elementSize: Int) throws -> (start: Int, count: Int) {
        let length = Int(try scalar(UInt32.self, at: position))
        let (byteLength, overflow) = length.multipliedReportingOverflow(by: elementSize)
        guard !overflow, byteLength <= count - position - 4 else {
            throw FlatBufferError(offset: position, "vector of \(length) elements of \(elementSize) bytes runs past the end of the \(count)-byte buffer")
        }
        try spend(length, at: position)
        return (position + 4, length)
    }
}
