/// An n-dimensional array as numpy stores it: a dtype, a shape and the raw element bytes
/// (little-endian, C order). Values are immutable; the initializer checks that they agree.
public struct NDArray: Equatable, Sendable {
    public let dtype: DType
    public let shape: [Int]
    /// Element bytes, little-endian, C (row-major) order; `count * dtype.itemSize` long.
    public let data: [UInt8]

    /// Wraps raw bytes; throws `.shapeMismatch` when `data` does not hold exactly `shape`'s elements.
    public init(dtype: DType, shape: [Int], data: [UInt8]) throws(NumPyError) {
        let expected = try NDArray.byteCount(dtype: dtype, shape: shape, source: "<memory>")
        guard data.count == expected else {
            throw NumPyError(
                .shapeMismatch,
                "\(data.count) bytes given for \(dtype.rawValue) shape \(shape), which needs \(expected)",
                source: "<memory>")
        }
        self.init(unchecked: dtype, shape: shape, data: data)
    }

    init(unchecked dtype: DType, shape: [Int], data: [UInt8]) {
        self.dtype = dtype
        self.shape = shape
        self.data = data
    }

    /// Number of elements (1 for a 0-d array).
    public var count: Int { shape.reduce(1, *) }

    /// Number of dimensions.
    public var rank: Int { shape.count }

    /// The `index`-th sub-array along the first axis (e.g. one image of a batch).
    public func subarray(at index: Int) -> NDArray {
        precondition(rank > 0, "a 0-d array has no sub-arrays")
        precondition(shape[0] > index && index >= 0, "index \(index) out of range for shape \(shape)")
        let rowShape = Array(shape.dropFirst())
        let rowBytes = rowShape.reduce(dtype.itemSize, *)
        let start = index * rowBytes
        return NDArray(unchecked: dtype, shape: rowShape, data: Array(data[start..<start + rowBytes]))
    }

    /// Bytes needed for `shape` elements of `dtype`; throws on negative dimensions or overflow.
    static func byteCount(dtype: DType, shape: [Int], source: String, offset: Int? = nil) throws(NumPyError) -> Int {
        var total = dtype.itemSize
        for dim in shape {
            guard dim >= 0 else {
                throw NumPyError(.badHeader, "negative dimension in shape \(shape)", source: source, offset: offset)
            }
            let (product, overflow) = total.multipliedReportingOverflow(by: dim)
            guard !overflow else {
                throw NumPyError(.badHeader, "shape \(shape) is too large", source: source, offset: offset)
            }
            total = product
        }
        return total
    }
}
