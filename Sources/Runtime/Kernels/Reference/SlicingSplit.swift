/// SPLIT, SPLIT_V and UNPACK: cut a tensor into consecutive pieces along one axis.
public enum Split {
    /// SPLIT: `numSplits` equal pieces along `axis` (negative allowed); the axis must divide evenly.
    public static func splitOutputShapes(input: [Int], axis: Int, numSplits: Int) throws -> [[Int]] {
        try Layout.requireValid(input, op: "SPLIT")
        let d = try Layout.normalizedAxis(axis, rank: input.count, op: "SPLIT")
        guard numSplits > 0, input[d] % numSplits == 0 else {
            throw ShapeError("SPLIT: dimension \(input[d]) of axis \(axis) cannot be split into \(numSplits) equal pieces")
        }
        return pieces(of: input, axis: d, sizes: [Int](repeating: input[d] / numSplits, count: numSplits))
    }

    /// SPLIT_V: pieces of `sizeSplits` along `axis`; one entry may be `-1` (the remainder).
    public static func splitVOutputShapes(input: [Int], sizeSplits: [Int], axis: Int) throws -> [[Int]] {
        try Layout.requireValid(input, op: "SPLIT_V")
        let d = try Layout.normalizedAxis(axis, rank: input.count, op: "SPLIT_V")
        guard !sizeSplits.isEmpty else { throw ShapeError("SPLIT_V: size_splits must not be empty") }
        var sizes = sizeSplits
        let unknown = sizeSplits.indices.filter { sizeSplits[$0] == -1 }
        guard unknown.count <= 1, sizeSplits.allSatisfy({ $0 >= -1 }) else {
            throw ShapeError("SPLIT_V: size_splits \(sizeSplits) must be sizes >= 0 with at most one -1")
        }
        let known = sizeSplits.filter { $0 != -1 }.reduce(0, +)
        if let u = unknown.first {
            guard known <= input[d] else {
                throw ShapeError("SPLIT_V: size_splits \(sizeSplits) add up to more than dimension \(input[d])")
            }
            sizes[u] = input[d] - known
        } else if known != input[d] {
            throw ShapeError("SPLIT_V: size_splits \(sizeSplits) must add up to dimension \(input[d]) of axis \(axis)")
        }
        return pieces(of: input, axis: d, sizes: sizes)
    }

    /// SPLIT / SPLIT_V: fills `outputs` with consecutive pieces of `input` along `axis`. Each
    /// output must match the input except along `axis`, and the pieces must cover it exactly.
    public static func split<T>(_ input: TensorView<T>, axis: Int, into outputs: [MutableTensorView<T>]) throws {
        let d = try Layout.normalizedAxis(axis, rank: input.rank, op: "SPLIT")
        let sizes = outputs.map { $0.rank == input.rank ? $0.shape[d] : -1 }
        guard sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(0, +) == input.shape[d] else {
            throw ShapeError("SPLIT: output sizes \(sizes) along axis \(d) must add up to \(input.shape[d])")
        }
        for (k, expected) in pieces(of: input.shape, axis: d, sizes: sizes).enumerated() {
            try Layout.requireShape(outputs[k].shape, expected, op: "SPLIT", what: "output \(k)")
        }
        let inner = Layout.product(input.shape[(d + 1)...])
        scatter(input, chunks: sizes.map { $0 * inner }, outer: Layout.product(input.shape[..<d]), into: outputs)
    }

    /// UNPACK: `num` slices along `axis` (negative allowed), each without that dimension.
    public static func unpackOutputShapes(input: [Int], axis: Int, num: Int) throws -> [[Int]] {
        try Layout.requireValid(input, op: "UNPACK")
        let d = try Layout.normalizedAxis(axis, rank: input.count, op: "UNPACK")
        guard input[d] == num else {
            throw ShapeError("UNPACK: num \(num) must equal dimension \(input[d]) of axis \(axis)")
        }
        var shape = input
        shape.remove(at: d)
        return [[Int]](repeating: shape, count: num)
    }

    /// UNPACK: writes slice `k` along `axis` into `outputs[k]`.
    public static func unpack<T>(_ input: TensorView<T>, axis: Int, into outputs: [MutableTensorView<T>]) throws {
        let expected = try unpackOutputShapes(input: input.shape, axis: axis, num: outputs.count)
        for (k, shape) in expected.enumerated() {
            try Layout.requireShape(outputs[k].shape, shape, op: "UNPACK", what: "output \(k)")
        }
        let d = try Layout.normalizedAxis(axis, rank: input.rank, op: "UNPACK")
        let inner = Layout.product(input.shape[(d + 1)...])
        scatter(input, chunks: outputs.map { _ in inner }, outer: Layout.product(input.shape[..<d]), into: outputs)
    }

    private static func pieces(of input: [Int], axis: Int, sizes: [Int]) -> [[Int]] {
        sizes.map { size in
            var shape = input
            shape[axis] = size
            return shape
        }
    }

    /// For each of `outer` rows, hands `chunks[k]` consecutive input elements to output `k` in turn.
    private static func scatter<T>(_ input: TensorView<T>, chunks: [Int], outer: Int, into outputs: [MutableTensorView<T>]) {
        var source = input.base
        for row in 0..<outer {
            for (output, chunk) in zip(outputs, chunks) {
                (output.base + row * chunk).update(from: source, count: chunk)
                source += chunk
            }
        }
    }
}
