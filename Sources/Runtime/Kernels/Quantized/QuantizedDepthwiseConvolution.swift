/// DEPTHWISE_CONV_2D on quantized NHWC tensors (TFLite reference_integer_ops::DepthwiseConvPerChannel
/// and the uint8 reference_ops::DepthwiseConv). Shapes and geometry as `DepthwiseConvolution`;
/// the clamp comes from `quantization`.
public enum QuantizedDepthwiseConvolution {
    /// Reference quantized depthwise convolution into `output`.
    public static func compute<X: FixedWidthInteger, W: FixedWidthInteger, B: FixedWidthInteger, Y: FixedWidthInteger>(
        input: TensorView<X>, filter: TensorView<W>, bias: TensorView<B>?, output: MutableTensorView<Y>,
        parameters: DepthwiseConvolution.Parameters, quantization q: QuantizedOutput
    ) throws {
        let g = try DepthwiseConvolution.geometry(input: input.shape, filter: filter.shape, bias: bias?.shape, parameters: parameters)
        try g.checkOutput(output.shape)
        try q.check(channels: g.outChannels, op: "DEPTHWISE_CONV_2D")
        let multiplier = g.outChannels / g.inChannels
        let inputOffset = Int64(q.inputOffset), weightOffset = Int64(q.weightOffset)
        var o = 0
        for b in 0 ..< g.batch {
            for oy in 0 ..< g.outHeight {
                for ox in 0 ..< g.outWidth {
                    for oc in 0 ..< g.outChannels {
                        let ic = oc / multiplier
                        var acc: Int64 = 0
                        g.forEachTapInside(b, oy, ox) { tap, pixel in
                            let x = Int64(input[pixel * g.inChannels + ic])
                            let w = Int64(filter[tap * g.outChannels + oc])
                            acc += (w + weightOffset) * (x + inputOffset)
                        }
                        if let bias { acc += Int64(bias[oc]) }
                        output[o] = Y(truncatingIfNeeded: q.requantize(acc, channel: oc))
                        o += 1
                    }
                }
            }
        }
    }
}
