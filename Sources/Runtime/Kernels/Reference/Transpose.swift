/// TRANSPOSE: permutes dimensions; output dimension `d` is input dimension `permutation[d]`.
public enum Transpose {
    /// `input[permutation[d]]` for each `d`; `permutation` must be a permutation of `0..<rank`.
    public static func outputShape(input: [Int], permutation: [Int]) throws -> [Int] {
        try Layout.requireValid(input, op: "TRANSPOSE")
        guard permutation.count == input.count, permutation.sorted() == Array(input.indices) else {
            throw ShapeError("TRANSPOSE: permutation \(permutation) must be a permutation of 0..<\(input.count)")
        }
        return permutation.map { input[$0] }
    }

    /// Writes the transposed `input` into `output`.
    public static func transpose<T>(_ input: TensorView<T>, permutation: [Int], into output: MutableTensorView<T>) throws {
        let expected = try outputShape(input: input.shape, permutation: permutation)
        try Layout.requireShape(output.shape, expected, op: "TRANSPOSE")
        permute(input.base, shape: input.shape, permutation: permutation, to: output.base)
    }

    /// Unchecked transpose of a `shape` tensor at `source` (shared with DEPTH_TO_SPACE/SPACE_TO_DEPTH).
    static func permute<T>(_ source: UnsafePointer<T>, shape: [Int], permutation: [Int], to destination: UnsafeMutablePointer<T>) {
        let strides = Layout.strides(of: shape)
        Layout.copyStrided(from: source, offset: 0, counts: permutation.map { shape[$0] },
                           steps: permutation.map { strides[$0] }, to: destination)
    }
}
