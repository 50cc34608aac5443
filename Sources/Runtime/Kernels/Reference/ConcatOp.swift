/// CONCATENATION and PACK: join tensors along an axis. A fused activation on float
/// concatenation is applied by the caller.
public enum Concat {
    /// CONCATENATION: all inputs share rank and every dimension except `axis` (negative allowed).
    public static func outputShape(inputs: [[Int]], axis: Int) throws -> [Int] {
        guard let first = inputs.first else { throw ShapeError("CONCATENATION: needs at least one input, found none") }
        let d = try Layout.normalizedAxis(axis, rank: first.count, op: "CONCATENATION")
        var output = first
        output[d] = 0
        for (k, shape) in inputs.enumerated() {
            try Layout.requireValid(shape, op: "CONCATENATION", what: "input \(k)")
            var expected = first
            expected[d] = shape.count == first.count ? shape[d] : 0
            guard shape.count == first.count, shape == expected else {
                throw ShapeError("CONCATENATION: input \(k) has shape \(shape); expected \(first) except along axis \(d)")
            }
            output[d] += shape[d]
        }
        return output
    }

    /// CONCATENATION: copies `inputs` side by side along `axis` into `output`.
    public static func concatenate<T>(_ inputs: [TensorView<T>], axis: Int, into output: MutableTensorView<T>) throws {
        let expected = try outputShape(inputs: inputs.map(\.shape), axis: axis)
        try Layout.requireShape(output.shape, expected, op: "CONCATENATION")
        let d = try Layout.normalizedAxis(axis, rank: expected.count, op: "CONCATENATION")
        let inner = Layout.product(expected[(d + 1)...])
        interleave(inputs, chunks: inputs.map { $0.shape[d] * inner }, outer: Layout.product(expected[..<d]), into: output)
    }

    /// PACK: stacks equally shaped inputs along a new dimension `axis` (`-rank-1...rank`).
    public static func packOutputShape(inputs: [[Int]], axis: Int) throws -> [Int] {
        guard let first = inputs.first else { throw ShapeError("PACK: needs at least one input, found none") }
        try Layout.requireValid(first, op: "PACK")
        for (k, shape) in inputs.enumerated() where shape != first {
            throw ShapeError("PACK: input \(k) has shape \(shape); all inputs must have shape \(first)")
        }
        let d = try Layout.normalizedAxis(axis, rank: first.count + 1, op: "PACK")
        var output = first
        output.insert(inputs.count, at: d)
        return output
    }

    /// PACK: copies `inputs` into consecutive slices of `output` along the new `axis`.
    public static func pack<T>(_ inputs: [TensorView<T>], axis: Int, into output: MutableTensorView<T>) throws {
        let expected = try packOutputShape(inputs: inputs.map(\.shape), axis: axis)
        try Layout.requireShape(output.shape, expected, op: "PACK")
        let d = try Layout.normalizedAxis(axis, rank: expected.count, op: "PACK")
        let inner = Layout.product(expected[(d + 1)...])
        interleave(inputs, chunks: inputs.map { _ in inner }, outer: Layout.product(expected[..<d]), into: output)
    }

    /// For each of `outer` rows, appends `chunks[k]` consecutive elements of input `k` in turn.
    private static func interleave<T>(_ inputs: [TensorView<T>], chunks: [Int], outer: Int, into output: MutableTensorView<T>) {
        var out = output.base
        for row in 0..<outer {
            for (input, chunk) in zip(inputs, chunks) {
                out.update(from: input.base + row * chunk, count: chunk)
                out += chunk
            }
        }
    }
}
