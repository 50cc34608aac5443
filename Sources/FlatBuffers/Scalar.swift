/// A fixed-size little-endian value that can live inline in a FlatBuffers table or vector.
public protocol FlatScalar: Equatable, Sendable {
    /// Size in bytes, which is also the value's alignment.
    static var byteSize: Int { get }
    /// Reads the value from `bytes[index ..< index + byteSize]`; the caller checks the bounds.
    init(littleEndian bytes: UnsafeRawBufferPointer, at index: Int)
    /// The value's bits as a little-endian unsigned integer of `byteSize` bytes.
    var bitPattern64: UInt64 { get }
}

extension FlatScalar {
    @inline(__always)
    static func load64(_ bytes: UnsafeRawBufferPointer, _ index: Int, _ count: Int) -> UInt64 {
        var value: UInt64 = 0
        for k in 0..<count { value |= UInt64(bytes[index + k]) << (8 * UInt64(k)) }
        return value
    }
}

extension UInt8: FlatScalar {
    public static var byteSize: Int { 1 }
    public init(littleEndian bytes: UnsafeRawBufferPointer, at index: Int) { self = bytes[index] }
    public var bitPattern64: UInt64 { UInt64(self) }
}
extension Int8: FlatScalar {
    public static var byteSize: Int { 1 }
    public init(littleEndian bytes: UnsafeRawBufferPointer, at index: Int) { self = Int8(bitPattern: bytes[index]) }
    public var bitPattern64: UInt64 { UInt64(UInt8(bitPattern: self)) }
}
extension Bool: FlatScalar {
    public static var byteSize: Int { 1 }
    public init(littleEndian bytes: UnsafeRawBufferPointer, at index: Int) { self = bytes[index] != 0 }
    public var bitPattern64: UInt64 { self ? 1 : 0 }
}
extension UInt16: FlatScalar {
    public static var byteSize: Int { 2 }
    public init(littleEndian bytes: UnsafeRawBufferPointer, at index: Int) { self = UInt16(Self.load64(bytes, index, 2)) }
    public var bitPattern64: UInt64 { UInt64(self) }
}
extension Int16: FlatScalar {
    public static var byteSize: Int { 2 }
    public init(littleEndian bytes: UnsafeRawBufferPointer, at index: Int) { self = Int16(bitPattern: UInt16(Self.load64(bytes, index, 2))) }
    public var bitPattern64: UInt64 { UInt64(UInt16(bitPattern: self)) }
}
extension UInt32: FlatScalar {
    public static var byteSize: Int { 4 }
    public init(littleEndian bytes: UnsafeRawBufferPointer, at index: Int) { self = UInt32(Self.load64(bytes, index, 4)) }
    public var bitPattern64: UInt64 { UInt64(self) }
}
extension Int32: FlatScalar {
    public static var byteSize: Int { 4 }
    public init(littleEndian bytes: UnsafeRawBufferPointer, at index: Int) { self = Int32(bitPattern: UInt32(Self.load64(bytes, index, 4))) }
    public var bitPattern64: UInt64 { UInt64(UInt32(bitPattern: self)) }
}
extension UInt64: FlatScalar {
    public static var byteSize: Int { 8 }
    public init(littleEndian bytes: UnsafeRawBufferPointer, at index: Int) { self = Self.load64(bytes, index, 8) }
    public var bitPattern64: UInt64 { self }
}
extension Int64: FlatScalar {
    public static var byteSize: Int { 8 }
    public init(littleEndian bytes: UnsafeRawBufferPointer, at index: Int) { self = Int64(bitPattern: Self.load64(bytes, index, 8)) }
    public var bitPattern64: UInt64 { UInt64(bitPattern: self) }
}
extension Float: FlatScalar {
    public static var byteSize: Int { 4 }
    public init(littleEndian bytes: UnsafeRawBufferPointer, at index: Int) { self = Float(bitPattern: UInt32(Self.load64(bytes, index, 4))) }
    public var bitPattern64: UInt64 { UInt64(bitPattern) }
}
extension Double: FlatScalar {
    public static var byteSize: Int { 8 }
    public init(littleEndian bytes: UnsafeRawBufferPointer, at index: Int) { self = Double(bitPattern: Self.load64(bytes, index, 8)) }
    public var bitPattern64: UInt64 { bitPattern }
}
