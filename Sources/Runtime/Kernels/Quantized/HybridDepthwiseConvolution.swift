/// DEPTHWISE_CONV_2D with float32 input/output and int8 weights (TFLite depthwise_conv.cc
/// `EvalHybridPerChannel` with reference_integer_ops::DepthwiseConvHybridPerChannel): each batch
/// entry is quantized asymmetrically, padding taps are skipped, and
/// `acc·(scale_c·rowScale) + bias` is clamped.
public enum HybridDepthwiseConvolution {
    /// Reference hybrid depthwise convolution into `output`; `weightScales` holds one scale or
    /// one per output channel.
    public static func compute(input: TensorView<Float>, filter: TensorView<Int8>, bias: TensorView<Float>?,
                               output: MutableTensorView<Float>, parameters: DepthwiseConvolution.Parameters,
                               weightScales: [Float]) throws {
        let g = try DepthwiseConvolution.geometry(input: input.shape, filter: filter.shape, bias: bias?.shape, parameters: parameters)
        try g.checkOutput(output.shape)
        try g.checkWeightScales(weightScales, op: "DEPTHWISE_CONV_2D")
        let rowSize = g.inHeight * g.inWidth * g.inChannels
        let (quantized, rows) = HybridQuantization.quantizedRows(input.base, rows: g.batch, depth: rowSize, asymmetric: true)
        let (low, high) = parameters.activation.floatRange
        let multiplier = g.outChannels / g.inChannels
        var o = 0
        for b in 0 ..< g.batch {
            let zeroPoint = rows[b].zeroPoint
            for oy in 0 ..< g.outHeight {
                for ox in 0 ..< g.outWidth {
                    for oc in 0 ..< g.outChannels {
                        let ic = oc / multiplier
                        var acc: Int32 = 0
                        g.forEachTapInside(b, oy, ox) { tap, pixel in
                            let x = Int32(quantized[pixel * g.inChannels + ic])
                            acc &+= Int32(filter[tap * g.outChannels + oc]) &* (x &- zeroPoint)
                        }
                        let scale = weightScales[weightScales.count == 1 ? 0 : oc] * rows[b].scale
                        output[o] = min(max(Float(acc) * scale + (bias.map { $0[oc] } ?? 0), low), high)
                        o += 1
                    }
                }
            }
        }
    }
}
