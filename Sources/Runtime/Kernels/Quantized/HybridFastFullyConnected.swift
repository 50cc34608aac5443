import CKernels

/// `HybridFullyConnected.compute` with the int32 dot products from the C kernels
/// (`ck_hyb_fc_sums`): the same quantized rows, integer sums and float rescale, so identical
/// outputs.
enum HybridFastFullyConnected {
    /// Hybrid fully-connected layer into `output` with the weights (`units×depth`) packed.
    static func compute(input: TensorView<Float>, weightsShape: [Int], weights: HybridPackedWeights, bias: TensorView<Float>?,
                        output: MutableTensorView<Float>, parameters p: HybridFullyConnected.Parameters) throws {
        let expected = try FullyConnected.outputShape(input: input.shape, weights: weightsShape, bias: bias?.shape,
                                                      parameters: p.fullyConnected)
        guard output.shape == expected else { throw ShapeError("FULLY_CONNECTED output must have shape \(expected), got \(output.shape)") }
        let units = weightsShape[0], depth = weightsShape[1], rows = input.count / depth
        guard p.weightScales.count == 1 || p.weightScales.count == units else {
            throw ShapeError("FULLY_CONNECTED weights have \(p.weightScales.count) scales, expected 1 or \(units)")
        }
        guard weights.rows == units, weights.depth == depth else { throw ShapeError("FULLY_CONNECTED weights packed for another shape") }
        let (quantized, rowParameters) = HybridQuantization.quantizedRows(input.base, rows: rows, depth: depth, asymmetric: p.asymmetricInputs)
        let zeroPoints = rowParameters.map(\.zeroPoint)
        var sums = [Int32](repeating: 0, count: rows * units)
        let done = sums.withUnsafeMutableBufferPointer {
            ck_hyb_fc_sums(rows, depth, quantized, zeroPoints, weights.packed, weights.rowSums, units, $0.baseAddress!)
        }
        guard done != 0 else { throw ShapeError("FULLY_CONNECTED: out of scratch memory") }
        let perChannel = p.weightScales.count > 1
        for r in 0 ..< rows {
            let rowScale = perChannel ? rowParameters[r].scale : rowParameters[r].scale * p.weightScales[0]
            for u in 0 ..< units {
                let scale = perChannel ? rowScale * p.weightScales[u] : rowScale
                let value = (bias.map { $0[u] } ?? 0) + Float(sums[r * units + u]) * scale
                output[r * units + u] = p.fullyConnected.activation.apply(value)
            }
        }
    }
}
