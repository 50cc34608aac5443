/// SLICE and STRIDED_SLICE: copy a box (or strided lattice) out of a tensor.
public enum Slicing {
    /// SLICE: `begin[d] >= 0`; `size[d]` is a length or `-1` for "to the end"; the box must fit.
    public static func sliceOutputShape(input: [Int], begin: [Int], size: [Int]) throws -> [Int] {
        try Layout.requireValid(input, op: "SLICE")
        guard begin.count == input.count, size.count == input.count else {
            throw ShapeError("SLICE: begin and size need \(input.count) entries for input \(input), found \(begin.count) and \(size.count)")
        }
        return try input.indices.map { d in
            guard begin[d] >= 0, begin[d] <= input[d] else {
                throw ShapeError("SLICE: begin \(begin[d]) must be in 0...\(input[d]) at dimension \(d)")
            }
            if size[d] == -1 { return input[d] - begin[d] }
            guard size[d] >= 0, size[d] <= input[d] - begin[d] else {
                throw ShapeError("SLICE: size \(size[d]) at dimension \(d) must be -1 or in 0...\(input[d] - begin[d]) (begin \(begin[d]), dimension \(input[d]))")
            }
            return size[d]
        }
    }

    /// SLICE: copies the box at `begin` with the resolved `size` into `output`.
    public static func slice<T>(_ input: TensorView<T>, begin: [Int], size: [Int], into output: MutableTensorView<T>) throws {
        let counts = try sliceOutputShape(input: input.shape, begin: begin, size: size)
        try Layout.requireShape(output.shape, counts, op: "SLICE")
        let strides = Layout.strides(of: input.shape)
        let offset = zip(begin, strides).reduce(0) { $0 + $1.0 * $1.1 }
        Layout.copyStrided(from: input.base, offset: offset, counts: counts, steps: strides, to: output.base)
    }
}
