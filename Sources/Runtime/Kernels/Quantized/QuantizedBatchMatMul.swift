/// BATCH_MATMUL on quantized tensors (TFLite reference_ops::BatchMatMul with
/// FullyConnectedParams): `Σ (lhs − zpL)·(rhs − zpR)` per output element, one per-tensor
/// multiplier, no fused activation. Shapes, adjoints and broadcasting as `BatchMatMul`.
/// `quantization.inputOffset` applies to the RHS and `weightOffset` to the LHS, as TFLite's
/// kernel swaps the operands; its `multipliers` hold one value.
public enum QuantizedBatchMatMul {
    /// Reference quantized batched matrix product into `output`.
    public static func compute<T: FixedWidthInteger>(lhs: TensorView<T>, rhs: TensorView<T>, output: MutableTensorView<T>,
                                                      parameters: BatchMatMul.Parameters, quantization q: QuantizedOutput) throws {
        let plan = try BatchMatMul.Plan(lhs: lhs.shape, rhs: rhs.shape, parameters: parameters)
        try plan.checkOutput(output.shape)
        try q.check(channels: 1, op: "BATCH_MATMUL")
        let lhsOffset = Int64(q.weightOffset), rhsOffset = Int64(q.inputOffset)
        for batch in 0 ..< plan.batchCount {
            let a = plan.lhsOffsets[batch], b = plan.rhsOffsets[batch], c = batch * plan.m * plan.n
            for i in 0 ..< plan.m {
                for j in 0 ..< plan.n {
                    var acc: Int64 = 0
                    for k in 0 ..< plan.k {
                        let l = Int64(lhs[a + i * plan.lhsRowStride + k * plan.lhsDepthStride])
                        let r = Int64(rhs[b + k * plan.rhsDepthStride + j * plan.rhsColumnStride])
                        acc += (l + lhsOffset) * (r + rhsOffset)
                    }
                    output[c + i * plan.n + j] = T(truncatingIfNeeded: q.requantize(acc, channel: 0))
                }
            }
        }
    }
}
