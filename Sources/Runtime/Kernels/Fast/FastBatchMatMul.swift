/// BATCH_MATMUL through the SGEMM, one product per output batch (each split over the runner);
/// adjoints become strides of the packed operands. Same results as `BatchMatMul.compute` up to
/// float reassociation.
public enum FastBatchMatMul {
    /// Scratch bytes `compute` needs with a runner of `threads` threads.
    public static func scratchBytes(lhs: [Int], rhs: [Int], parameters: BatchMatMul.Parameters, threads: Int) throws -> Int {
        let plan = try BatchMatMul.Plan(lhs: lhs, rhs: rhs, parameters: parameters)
        return Scratch.bytes(floats: SGEMM.scratchFloats(m: plan.m, n: plan.n, k: plan.k, threads: threads))
    }

    /// Batched matrix product into `output` (shape from `BatchMatMul.outputShape`);
    /// `scratch` must hold `scratchBytes(...)` bytes, or nil to allocate per call.
    public static func compute(lhs: TensorView<Float>, rhs: TensorView<Float>, output: MutableTensorView<Float>,
                               parameters: BatchMatMul.Parameters, runner: ParallelRunner = ParallelRunner(),
                               scratch: UnsafeMutableRawBufferPointer? = nil) throws {
        let plan = try BatchMatMul.Plan(lhs: lhs.shape, rhs: rhs.shape, parameters: parameters)
        try plan.checkOutput(output.shape)
        try Scratch.withFloats(SGEMM.scratchFloats(m: plan.m, n: plan.n, k: plan.k, threads: runner.threadCount),
                               provided: scratch) { memory in
            for batch in 0 ..< plan.batchCount {
                let a = SGEMM.Matrix(base: lhs.base + plan.lhsOffsets[batch], rowStride: plan.lhsRowStride,
                                     columnStride: plan.lhsDepthStride)
                let b = SGEMM.Matrix(base: rhs.base + plan.rhsOffsets[batch], rowStride: plan.rhsDepthStride,
                                     columnStride: plan.rhsColumnStride)
                let c = SGEMM.Output(base: output.base + batch * plan.m * plan.n, rowStride: plan.n, bias: nil,
                                     low: -.infinity, high: .infinity)
                SGEMM.multiply(m: plan.m, n: plan.n, k: plan.k, lhs: a, rhs: b, output: c,
                               runner: runner, scratch: memory)
            }
        }
    }
}
