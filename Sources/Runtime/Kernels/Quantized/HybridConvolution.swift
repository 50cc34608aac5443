/// CONV_2D with float32 input/output and int8 weights (TFLite conv.cc hybrid paths):
/// - weights with differing per-channel scales (or grouped convolutions) use
///   `EvalHybridPerChannel`: each batch entry is quantized asymmetrically, padding taps are
///   skipped, and `acc·scale_c·rowScale + bias` is clamped;
/// - otherwise `EvalHybrid`: symmetric per-batch quantization with `rowScale·weightScale`.
public enum HybridConvolution {
    /// Whether TFLite takes the per-channel path for these weight scales and groups.
    public static func usesPerChannelPath(weightScales: [Float], groups: Int) -> Bool {
        groups != 1 || weightScales.contains { $0 != weightScales[0] }
    }

    /// Reference hybrid convolution into `output` (shape from `Convolution.outputShape`);
    /// `weightScales` holds one scale or one per output channel.
    public static func compute(input: TensorView<Float>, filter: TensorView<Int8>, bias: TensorView<Float>?,
                               output: MutableTensorView<Float>, parameters: Convolution.Parameters,
                               weightScales: [Float]) throws {
        let g = try Convolution.geometry(input: input.shape, filter: filter.shape, bias: bias?.shape, parameters: parameters)
        try g.checkOutput(output.shape)
        try g.checkWeightScales(weightScales, op: "CONV_2D")
        let perChannel = usesPerChannelPath(weightScales: weightScales, groups: g.inChannels / g.groupChannels)
        let rowSize = g.inHeight * g.inWidth * g.inChannels
        let (quantized, rows) = HybridQuantization.quantizedRows(input.base, rows: g.batch, depth: rowSize, asymmetric: perChannel)
        let (low, high) = parameters.activation.floatRange
        let kernelSize = g.kernelHeight * g.kernelWidth * g.groupChannels
        var o = 0
        for b in 0 ..< g.batch {
            let zeroPoint = rows[b].zeroPoint
            for oy in 0 ..< g.outHeight {
                for ox in 0 ..< g.outWidth {
                    for oc in 0 ..< g.outChannels {
                        let channelBase = (oc / g.filtersPerGroup) * g.groupChannels
                        var acc: Int32 = 0
                        g.forEachTapInside(b, oy, ox) { tap, pixel in
                            let inBase = pixel * g.inChannels + channelBase
                            let fBase = oc * kernelSize + tap * g.groupChannels
                            for c in 0 ..< g.groupChannels {
                                acc &+= Int32(filter[fBase + c]) &* (Int32(quantized[inBase + c]) &- zeroPoint)
                            }
                        }
                        let value = perChannel
                            ? Float(acc) * weightScales[weightScales.count == 1 ? 0 : oc] * rows[b].scale
                            : Float(acc) * (rows[b].scale * weightScales[0])
                        output[o] = min(max(value + (bias.map { $0[oc] } ?? 0), low), high)
                        o += 1
                    }
                }
            }
        }
    }
}
