/// FULLY_CONNECTED on quantized tensors (TFLite reference_integer_ops::FullyConnected and its
/// per-channel and int16 variants). Shapes as `FullyConnected`; one scale per unit (a per-tensor
/// quantization repeats the same one). LiteRT's reference kernels rescale the sum in double
/// (`QuantizedOutput.MultiplierRule.doubleRescale`), which the adapter selects.
public enum QuantizedFullyConnected {
    /// Reference quantized fully-connected layer into `output`.
    public static func compute<X: FixedWidthInteger, W: FixedWidthInteger, B: FixedWidthInteger, Y: FixedWidthInteger>(
        input: TensorView<X>, weights: TensorView<W>, bias: TensorView<B>?, output: MutableTensorView<Y>,
        parameters: FullyConnected.Parameters, quantization q: QuantizedOutput
    ) throws {
        let expected = try FullyConnected.outputShape(input: input.shape, weights: weights.shape, bias: bias?.shape, parameters: parameters)
        guard output.shape == expected else { throw ShapeError("FULLY_CONNECTED output must have shape \(expected), got \(output.shape)") }
        let units = weights.shape[0], depth = weights.shape[1]
        try q.check(channels: units, op: "FULLY_CONNECTED")
        let inputOffset = Int64(q.inputOffset), weightOffset = Int64(q.weightOffset)
        for b in 0 ..< input.count / depth {
            for u in 0 ..< units {
                var acc: Int64 = 0
                for d in 0 ..< depth {
                    acc += (Int64(weights[u * depth + d]) + weightOffset) * (Int64(input[b * depth + d]) + inputOffset)
                }
                if let bias { acc += Int64(bias[u]) }
                output[b * units + u] = Y(truncatingIfNeeded: q.requantize(acc, channel: u))
            }
        }
    }
}
