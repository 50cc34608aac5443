#if !_endian(little)
#error("NDArray keeps little-endian bytes and copies them as host values")
#endif

/// A Swift type stored bit-for-bit as one numpy dtype.
public protocol NumPyScalar: BitwiseCopyable, Sendable {
    static var numPyDType: DType { get }
}

extension Float: NumPyScalar { public static var numPyDType: DType { .float32 } }
extension Double: NumPyScalar { public static var numPyDType: DType { .float64 } }
extension Int8: NumPyScalar { public static var numPyDType: DType { .int8 } }
extension UInt8: NumPyScalar { public static var numPyDType: DType { .uint8 } }
extension Int16: NumPyScalar { public static var numPyDType: DType { .int16 } }
extension UInt16: NumPyScalar { public static var numPyDType: DType { .uint16 } }
extension Int32: NumPyScalar { public static var numPyDType: DType { .int32 } }
extension UInt32: NumPyScalar { public static var numPyDType: DType { .uint32 } }
extension Int64: NumPyScalar { public static var numPyDType: DType { .int64 } }
extension UInt64: NumPyScalar { public static var numPyDType: DType { .uint64 } }

extension NDArray {
    /// An array of `T.numPyDType`; throws `.shapeMismatch` if `values.count` ≠ the shape's element count.
    public init<T: NumPyScalar>(_ values: [T], shape: [Int]) throws(NumPyError) {
        try self.init(dtype: T.numPyDType, shape: shape, data: values.withUnsafeBytes { Array($0) })
    }

    /// A float32 array.
    public init(floats: [Float], shape: [Int]) throws(NumPyError) { try self.init(floats, shape: shape) }
    /// A float64 array.
    public init(doubles: [Double], shape: [Int]) throws(NumPyError) { try self.init(doubles, shape: shape) }
    /// An int8 array.
    public init(int8s: [Int8], shape: [Int]) throws(NumPyError) { try self.init(int8s, shape: shape) }
    /// A uint8 array.
    public init(uint8s: [UInt8], shape: [Int]) throws(NumPyError) { try self.init(uint8s, shape: shape) }
    /// An int32 array.
    public init(int32s: [Int32], shape: [Int]) throws(NumPyError) { try self.init(int32s, shape: shape) }
    /// An int64 array.
    public init(int64s: [Int64], shape: [Int]) throws(NumPyError) { try self.init(int64s, shape: shape) }

    /// A bool array (stored as bytes 0 / 1).
    public init(bools: [Bool], shape: [Int]) throws(NumPyError) {
        try self.init(dtype: .bool, shape: shape, data: bools.map { $0 ? 1 : 0 })
    }

    /// A float16 array from IEEE binary16 bit patterns.
    public init(float16Bits: [UInt16], shape: [Int]) throws(NumPyError) {
        try self.init(dtype: .float16, shape: shape, data: float16Bits.withUnsafeBytes { Array($0) })
    }

    /// The elements as `T`, which must be this array's exact dtype (else `.typeMismatch`).
    public func values<T: NumPyScalar>(as type: T.Type) throws(NumPyError) -> [T] {
        guard dtype == T.numPyDType else {
            throw NumPyError(.typeMismatch, "array is \(dtype.rawValue), not \(T.numPyDType.rawValue)", source: "<memory>")
        }
        return mapped(T.self) { $0 }
    }

    /// The elements of a bool array (any non-zero byte is true); `.typeMismatch` for other dtypes.
    public func bools() throws(NumPyError) -> [Bool] {
        guard dtype == .bool else {
            throw NumPyError(.typeMismatch, "array is \(dtype.rawValue), not bool", source: "<memory>")
        }
        return data.map { $0 != 0 }
    }

    /// Every element converted to Float (rounded to nearest; bool → 0 / 1), whatever the dtype.
    public func floats() -> [Float] {
        switch dtype {
        case .float32: mapped(Float.self) { $0 }
        case .float64: mapped(Double.self) { Float($0) }
        case .float16: mapped(UInt16.self) { floatFromHalfBits($0) }
        case .int8: mapped(Int8.self) { Float($0) }
        case .uint8: mapped(UInt8.self) { Float($0) }
        case .int16: mapped(Int16.self) { Float($0) }
        case .uint16: mapped(UInt16.self) { Float($0) }
        case .int32: mapped(Int32.self) { Float($0) }
        case .uint32: mapped(UInt32.self) { Float($0) }
        case .int64: mapped(Int64.self) { Float($0) }
        case .uint64: mapped(UInt64.self) { Float($0) }
        case .bool: data.map { $0 != 0 ? 1 : 0 }
        }
    }

    /// Every element converted to Double (exact except for 64-bit integers beyond 2^53).
    public func doubles() -> [Double] {
        switch dtype {
        case .float32: mapped(Float.self) { Double($0) }
        case .float64: mapped(Double.self) { $0 }
        case .float16: mapped(UInt16.self) { Double(floatFromHalfBits($0)) }
        case .int8: mapped(Int8.self) { Double($0) }
        case .uint8: mapped(UInt8.self) { Double($0) }
        case .int16: mapped(Int16.self) { Double($0) }
        case .uint16: mapped(UInt16.self) { Double($0) }
        case .int32: mapped(Int32.self) { Double($0) }
        case .uint32: mapped(UInt32.self) { Double($0) }
        case .int64: mapped(Int64.self) { Double($0) }
        case .uint64: mapped(UInt64.self) { Double($0) }
        case .bool: data.map { $0 != 0 ? 1 : 0 }
        }
    }

    /// Elements of an integer or bool array as `Int` (e.g. class labels). Throws `.typeMismatch`
    /// for floating-point arrays and for uint64 values above `Int.max`.
    public func ints() throws(NumPyError) -> [Int] {
        switch dtype {
        case .float16, .float32, .float64:
            throw NumPyError(.typeMismatch, "array is \(dtype.rawValue), not an integer type", source: "<memory>")
        case .int8: return mapped(Int8.self) { Int($0) }
        case .uint8: return mapped(UInt8.self) { Int($0) }
        case .int16: return mapped(Int16.self) { Int($0) }
        case .uint16: return mapped(UInt16.self) { Int($0) }
        case .int32: return mapped(Int32.self) { Int($0) }
        case .uint32: return mapped(UInt32.self) { Int($0) }
        case .int64: return mapped(Int64.self) { Int($0) }
        case .bool: return data.map { $0 != 0 ? 1 : 0 }
        case .uint64:
            let values = mapped(UInt64.self) { $0 }
            if let big = values.first(where: { $0 > UInt64(Int.max) }) {
                throw NumPyError(.typeMismatch, "uint64 value \(big) does not fit in Int", source: "<memory>")
            }
            return values.map { Int($0) }
        }
    }

    /// The element at `indices` (one per dimension; `[]` for 0-d arrays) converted to Double.
    public func double(at indices: [Int]) -> Double {
        precondition(indices.count == rank, "\(indices.count) indices for a rank-\(rank) array")
        var flat = 0
        for (index, dim) in zip(indices, shape) {
            precondition(index >= 0 && index < dim, "index \(indices) out of range for shape \(shape)")
            flat = flat * dim + index
        }
        let start = flat * dtype.itemSize
        let element = NDArray(unchecked: dtype, shape: [], data: Array(data[start..<start + dtype.itemSize]))
        return element.doubles()[0]
    }

    private func mapped<T: BitwiseCopyable, R>(_: T.Type, _ transform: (T) -> R) -> [R] {
        let stride = MemoryLayout<T>.size
        return data.withUnsafeBytes { raw in
            (0..<raw.count / stride).map { transform(raw.loadUnaligned(fromByteOffset: $0 * stride, as: T.self)) }
        }
    }
}
