import CKernels

/// BATCH_MATMUL through the C float kernels (`ck_f32_pack` and `ck_f32_igemm`: AVX2+FMA chosen at
/// run time, portable C otherwise): per output batch the right operand is packed into 16-column
/// panels (its adjoint becomes strides), a left operand stored adjoint is transposed into scratch,
/// and rows or panels are split over the runner. Same results as `BatchMatMul.compute` up to
/// float reassociation.
public enum FastBatchMatMul {
    /// Scratch bytes `compute` needs (the same for any number of threads).
    public static func scratchBytes(lhs: [Int], rhs: [Int], parameters: BatchMatMul.Parameters, threads: Int) throws -> Int {
        Scratch.bytes(floats: scratchFloats(try BatchMatMul.Plan(lhs: lhs, rhs: rhs, parameters: parameters)))
    }

    /// Packed right operand, then the transposed left operand when it is stored adjoint.
    private static func scratchFloats(_ plan: BatchMatMul.Plan) -> Int {
        ck_f32_packed_floats(plan.n, plan.k) + (plan.lhsDepthStride == 1 ? 0 : plan.m * plan.k)
    }

    /// Batched matrix product into `output` (shape from `BatchMatMul.outputShape`);
    /// `scratch` must hold `scratchBytes(...)` bytes, or nil to allocate per call.
    public static func compute(lhs: TensorView<Float>, rhs: TensorView<Float>, output: MutableTensorView<Float>,
                               parameters: BatchMatMul.Parameters, runner: ParallelRunner = ParallelRunner(),
                               scratch: UnsafeMutableRawBufferPointer? = nil) throws {
        let plan = try BatchMatMul.Plan(lhs: lhs.shape, rhs: rhs.shape, parameters: parameters)
        try plan.checkOutput(output.shape)
        let (m, n, k) = (plan.m, plan.n, plan.k)
        if m == 0 || n == 0 { return }
        let runner = ParallelRunner(threadCount: min(runner.threadCount, max(1, m * n * k / SGEMM.workPerWorker)))
        var rows = [UnsafePointer<Float>?](repeating: nil, count: m)
        try Scratch.withFloats(scratchFloats(plan), provided: scratch) { memory in
            let packed = memory, transposed = memory + ck_f32_packed_floats(n, k)
            var packedOffset: Int?, lhsOffset: Int?
            for batch in 0 ..< plan.batchCount {
                if packedOffset != plan.rhsOffsets[batch] {
                    packedOffset = plan.rhsOffsets[batch]
                    ck_f32_pack(n, k, rhs.base + plan.rhsOffsets[batch], plan.rhsColumnStride, plan.rhsDepthStride, nil, packed)
                }
                if lhsOffset != plan.lhsOffsets[batch] {
                    lhsOffset = plan.lhsOffsets[batch]
                    let a = lhs.base + plan.lhsOffsets[batch]
                    if plan.lhsDepthStride == 1 {
                        for i in 0 ..< m { rows[i] = a + i * plan.lhsRowStride }
                    } else {
                        for i in 0 ..< m {
                            for kk in 0 ..< k { transposed[i * k + kk] = a[i * plan.lhsRowStride + kk * plan.lhsDepthStride] }
                            rows[i] = UnsafePointer(transposed + i * k)
                        }
                    }
                }
                multiply(m: m, n: n, k: k, rows: rows, packed: packed, c: output.base + batch * m * n, runner: runner)
            }
        }
    }

    /// One product `c = A·B` (row `i` of A at `rows[i]`), split over row blocks when there are
    /// enough rows for every worker, else over column panels.
    private static func multiply(m: Int, n: Int, k: Int, rows: [UnsafePointer<Float>?], packed: UnsafePointer<Float>,
                                 c: UnsafeMutablePointer<Float>, runner: ParallelRunner) {
        let tile = 6, panels = (n + Int(CK_PANEL) - 1) / Int(CK_PANEL)
        rows.withUnsafeBufferPointer { rows in
            if m >= tile * runner.threadCount || panels == 1 {
                runner.forEachChunk(of: (m + tile - 1) / tile) { _, blocks in
                    let first = blocks.lowerBound * tile, count = min(m, blocks.upperBound * tile) - first
                    ck_f32_igemm(count, n, 1, k, rows.baseAddress! + first, packed, c + first * n, n, -.infinity, .infinity)
                }
            } else {
                runner.forEachChunk(of: panels) { _, chunk in
                    let column = chunk.lowerBound * Int(CK_PANEL), width = min(n, chunk.upperBound * Int(CK_PANEL)) - column
                    ck_f32_igemm(m, width, 1, k, rows.baseAddress!, packed + column * (k + 1), c + column, n, -.infinity, .infinity)
                }
            }
        }
    }
}
