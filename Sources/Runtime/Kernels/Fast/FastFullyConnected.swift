/// FULLY_CONNECTED through the SGEMM: `[batch, depth] × weightsᵀ`; fewer than six rows use
/// vectorized dot products over the weight rows (no packing). Same results as
/// `FullyConnected.compute` up to float reassociation.
public enum FastFullyConnected {
    /// Scratch bytes `compute` needs with a runner of `threads` threads.
    public static func scratchBytes(input: [Int], weights: [Int], parameters: FullyConnected.Parameters, threads: Int) throws -> Int {
        _ = try FullyConnected.outputShape(input: input, weights: weights, bias: nil, parameters: parameters)
        let depth = weights[1]
        return Scratch.bytes(floats: SGEMM.scratchFloats(m: input.reduce(1, *) / depth, n: weights[0], k: depth, threads: threads))
    }

    /// Fully-connected layer into `output` (shape from `FullyConnected.outputShape`), split over
    /// `runner`; `scratch` must hold `scratchBytes(...)` bytes, or nil to allocate per call.
    public static func compute(input: TensorView<Float>, weights: TensorView<Float>, bias: TensorView<Float>?,
                               output: MutableTensorView<Float>, parameters: FullyConnected.Parameters,
                               runner: ParallelRunner = ParallelRunner(),
                               scratch: UnsafeMutableRawBufferPointer? = nil) throws {
        let expected = try FullyConnected.outputShape(input: input.shape, weights: weights.shape, bias: bias?.shape,
                                                      parameters: parameters)
        guard output.shape == expected else { throw ShapeError("FULLY_CONNECTED output must have shape \(expected), got \(output.shape)") }
        let (units, depth) = (weights.shape[0], weights.shape[1])
        let batch = input.count / depth
        let (low, high) = parameters.activation.floatRange
        try Scratch.withFloats(SGEMM.scratchFloats(m: batch, n: units, k: depth, threads: runner.threadCount),
                               provided: scratch) { memory in
            SGEMM.multiply(m: batch, n: units, k: depth,
                           lhs: .matrix(SGEMM.Matrix(base: input.base, rowStride: depth, columnStride: 1)),
                           rhs: SGEMM.Matrix(base: weights.base, rowStride: 1, columnStride: depth),
                           output: SGEMM.Output(base: output.base, rowStride: units, bias: bias?.base, low: low, high: high),
                           runner: runner, scratch: memory)
        }
    }
}
