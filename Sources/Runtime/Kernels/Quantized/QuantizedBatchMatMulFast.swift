import CKernels

/// int8 BATCH_MATMUL on the C kernel: each batch's right-hand matrix packed once as int16 pairs,
/// rows split over threads; bit-identical to `QuantizedBatchMatMul` (int16 stays there).
enum QuantizedBatchMatMulFast {
    /// Whether `quantization` fits the kernel: one multiplier, int32 accumulation, fixed point.
    static func supports(_ q: QuantizedOutput) -> Bool {
        q.multipliers.count == 1 && q.shifts.count == 1 && !q.wideAccumulator && q.doubleScales == nil
    }

    /// The batched product into `output`, as `QuantizedBatchMatMul.compute`.
    static func compute(lhs: TensorView<Int8>, rhs: TensorView<Int8>, output: MutableTensorView<Int8>,
                        parameters: BatchMatMul.Parameters, quantization q: QuantizedOutput, runner: ParallelRunner) throws {
        let plan = try BatchMatMul.Plan(lhs: lhs.shape, rhs: rhs.shape, parameters: parameters)
        try plan.checkOutput(output.shape)
        try q.check(channels: 1, op: "BATCH_MATMUL")
        let shift = q.shifts[0]
        var p = ck_i8_bmm_params(n: plan.n, k: plan.k, row_stride: plan.lhsRowStride, depth_stride: plan.lhsDepthStride,
                                 lhs_offset: q.weightOffset,
                                 rescale: ck_q_rescale(multiplier: q.multipliers[0], left: Int32(max(shift, 0)), right: Int32(max(-shift, 0))),
                                 output_offset: q.outputOffset, act_min: q.activationMin, act_max: q.activationMax)
        var packed = [Int16](repeating: 0, count: ck_i8_bmm_packed_size(plan.n, plan.k))
        var packedFrom: Int?
        for batch in 0 ..< plan.batchCount {
            let b = plan.rhsOffsets[batch]
            if packedFrom != b {
                packed.withUnsafeMutableBufferPointer {
                    ck_i8_bmm_pack(plan.n, plan.k, rhs.base + b, plan.rhsDepthStride, plan.rhsColumnStride, q.inputOffset, $0.baseAddress!)
                }
                packedFrom = b
            }
            let a = lhs.base + plan.lhsOffsets[batch], c = output.base + batch * plan.m * plan.n
            try packed.withUnsafeBufferPointer { w in
                try withUnsafePointer(to: &p) { params in
                    try runner.runKernel(over: plan.m, workers: runner.threadCount, op: "BATCH_MATMUL") { rows in
                        ck_i8_bmm(params, a, w.baseAddress!, c, rows.lowerBound, rows.count)
                    }
                }
            }
        }
    }
}
