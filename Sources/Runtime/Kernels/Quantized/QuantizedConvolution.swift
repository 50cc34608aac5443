/// CONV_2D on quantized NHWC tensors (TFLite reference_integer_ops::ConvPerChannel and the uint8
/// reference_ops::Conv): int8 or uint8 activations with a 32-bit accumulator, or int16
/// activations with a 64-bit one; padding taps are skipped (the same as padding with the input
/// zero point). Shapes and geometry as `Convolution`; `parameters.activation` is ignored — the
/// clamp comes from `quantization`.
public enum QuantizedConvolution {
    /// Reference quantized convolution into `output` (shape from `Convolution.outputShape`).
    public static func compute<X: FixedWidthInteger, W: FixedWidthInteger, B: FixedWidthInteger, Y: FixedWidthInteger>(
        input: TensorView<X>, filter: TensorView<W>, bias: TensorView<B>?, output: MutableTensorView<Y>,
        parameters: Convolution.Parameters, quantization q: QuantizedOutput
    ) throws {
        let g = try Convolution.geometry(input: input.shape, filter: filter.shape, bias: bias?.shape, parameters: parameters)
        try g.checkOutput(output.shape)
        try q.check(channels: g.outChannels, op: "CONV_2D")
        let kernelSize = g.kernelHeight * g.kernelWidth * g.groupChannels
        let inputOffset = Int64(q.inputOffset), weightOffset = Int64(q.weightOffset)
        var o = 0
        for b in 0 ..< g.batch {
            for oy in 0 ..< g.outHeight {
                for ox in 0 ..< g.outWidth {
                    for oc in 0 ..< g.outChannels {
                        let channelBase = (oc / g.filtersPerGroup) * g.groupChannels
                        var acc: Int64 = 0
                        g.forEachTapInside(b, oy, ox) { tap, pixel in
                            let inBase = pixel * g.inChannels + channelBase
                            let fBase = oc * kernelSize + tap * g.groupChannels
                            for c in 0 ..< g.groupChannels {
                                acc += (Int64(filter[fBase + c]) + weightOffset) * (Int64(input[inBase + c]) + inputOffset)
                            }
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
