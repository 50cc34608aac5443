/// TRANSPOSE_CONV on quantized NHWC tensors (TFLite reference_integer_ops::TransposeConv):
/// `(x − zp)·w` scattered into an integer scratch image, then bias, per-channel requantization
/// and the clamp. Shapes and padding as `TransposeConvolution`.
public enum QuantizedTransposeConvolution {
    /// Reference quantized transposed convolution into `output` (the requested output shape).
    public static func compute<X: FixedWidthInteger, W: FixedWidthInteger, B: FixedWidthInteger>(
        weights: TensorView<W>, input: TensorView<X>, bias: TensorView<B>?, output: MutableTensorView<X>,
        parameters p: TransposeConvolution.Parameters, quantization q: QuantizedOutput
    ) throws {
        _ = try TransposeConvolution.outputShape(outputShapeValues: output.shape, weights: weights.shape, input: input.shape,
                                                 bias: bias?.shape, parameters: p)
        let (batch, inH, inW, inC) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let (outH, outW, outC) = (output.shape[1], output.shape[2], output.shape[3])
        let (kH, kW) = (weights.shape[1], weights.shape[2])
        try q.check(channels: outC, op: "TRANSPOSE_CONV")
        let (padTop, padLeft) = try TransposeConvolution.padding(outputHeight: outH, outputWidth: outW, kernelHeight: kH,
                                                                 kernelWidth: kW, parameters: p)
        var sums = [Int64](repeating: 0, count: output.count)
        let inputOffset = Int64(q.inputOffset)
        for b in 0 ..< batch {
            for iy in 0 ..< inH {
                for ix in 0 ..< inW {
                    for ic in 0 ..< inC {
                        let value = Int64(input[((b * inH + iy) * inW + ix) * inC + ic]) + inputOffset
                        for fy in 0 ..< kH {
                            let oy = iy * p.strideHeight - padTop + fy
                            if oy < 0 || oy >= outH { continue }
                            for fx in 0 ..< kW {
                                let ox = ix * p.strideWidth - padLeft + fx
                                if ox < 0 || ox >= outW { continue }
                                let outBase = ((b * outH + oy) * outW + ox) * outC
                                for oc in 0 ..< outC {
                                    sums[outBase + oc] += value * Int64(weights[((oc * kH + fy) * kW + fx) * inC + ic])
                                }
                            }
                        }
                    }
                }
            }
        }
        for i in 0 ..< output.count {
            let channel = i % outC
            let acc = sums[i] + (bias.map { Int64($0[channel]) } ?? 0)
            output[i] = X(truncatingIfNeeded: q.requantize(acc, channel: channel))
        }
    }
}
