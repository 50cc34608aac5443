extension Activations {
    /// Output shape of PRELU: `alpha` must broadcast to `input`, and the result keeps `input`'s
    /// shape (TFLite checks that the broadcast shape equals the input shape).
    public static func preluOutputShape(input: [Int], alpha: [Int]) throws -> [Int] {
        let shape = try Broadcast.outputShape(input, alpha)
        guard shape == input else {
            throw ShapeError("PRELU alpha \(alpha) must broadcast to the input shape \(input), but broadcasting gives \(shape)")
        }
        return shape
    }

    /// PRELU: `x >= 0 ? x : x · alpha`, with `alpha` broadcast against the input.
    public static func prelu(_ input: TensorView<Float>, alpha: TensorView<Float>, into output: MutableTensorView<Float>) {
        Elementwise.apply(input, alpha, output) { x, a in x >= 0 ? x : x * a }
    }
}
