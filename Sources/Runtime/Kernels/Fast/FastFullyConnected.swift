/// FULLY_CONNECTED as an indirect GEMM: `[batch, depth] × weightsᵀ`, the weights packed once with
/// the bias, one-row products through a GEMV-style kernel. Same results as
/// `FullyConnected.compute` up to float reassociation.
public enum FastFullyConnected {
    /// Fully-connected layer into `output` (shape from `FullyConnected.outputShape`), split over
    /// `runner`. Packs the weights on every call; the interpreter prepares once.
    public static func compute(input: TensorView<Float>, weights: TensorView<Float>, bias: TensorView<Float>?,
                               output: MutableTensorView<Float>, parameters: FullyConnected.Parameters,
                               runner: ParallelRunner = ParallelRunner()) throws {
        let expected = try FullyConnected.outputShape(input: input.shape, weights: weights.shape, bias: bias?.shape,
                                                      parameters: parameters)
        guard output.shape == expected else { throw ShapeError("FULLY_CONNECTED output must have shape \(expected), got \(output.shape)") }
        prepare(inputCount: input.count, input: input.base, weightsShape: weights.shape, weights: weights.base, bias: bias?.base,
                output: output.base, activation: parameters.activation, repacks: false).run(runner)
    }

    /// The layer bound to fixed addresses (shapes already validated); `repacks` when the weights
    /// or bias may change between runs.
    static func prepare(inputCount: Int, input: UnsafePointer<Float>, weightsShape: [Int], weights: UnsafePointer<Float>,
                        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, activation: FusedActivation,
                        repacks: Bool) -> IndirectGEMM {
        let (units, depth) = (weightsShape[0], weightsShape[1])
        let (low, high) = activation.floatRange
        let table = RowTable(rows: depth == 0 ? 0 : inputCount / depth, taps: 1, width: depth) { row, _ in input + row * depth }
        return IndirectGEMM(table: table, channels: depth, n: units,
                            weights: .init(base: weights, columnStride: depth, depthStride: 1, bias: bias),
                            output: output, outputStride: units, low: low, high: high, repacks: repacks)
    }
}
