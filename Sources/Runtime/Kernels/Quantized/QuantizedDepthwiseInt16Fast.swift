import CKernels

/// int16×8 DEPTHWISE_CONV_2D with depth multiplier 1 through `ck_i16_depthwise`: a pointer per
/// (output pixel, tap), padding taps reading a row of zeros (the int16 input zero point is 0).
/// Results equal `QuantizedDepthwiseConvolution.compute` exactly.
extension QuantizedDepthwiseFast {
    /// Whether `int16Compute` handles this op: multiplier 1, symmetric int16 input, at most
    /// CK_I16_MAX_DEPTH taps and shifts the kernel takes.
    public static func supportsInt16(input: [Int], filter: [Int], quantization q: QuantizedOutput) -> Bool {
        supports(input: input, filter: filter) && q.inputOffset == 0 && q.weightOffset == 0 && q.doubleScales == nil
            && filter[1] * filter[2] <= Int(CK_I16_MAX_DEPTH) && q.shifts.allSatisfy { $0 <= 14 }
    }

    /// int16×8 depthwise convolution into `output`, equal to `QuantizedDepthwiseConvolution.compute`.
    public static func int16Compute<B: FixedWidthInteger>(input: TensorView<Int16>, filter: TensorView<Int8>, bias: TensorView<B>?,
                                                          output: MutableTensorView<Int16>, parameters: DepthwiseConvolution.Parameters,
                                                          quantization q: QuantizedOutput, runner: ParallelRunner = ParallelRunner()) throws {
        guard let requantization = Int16Requantization(q) else { throw ShapeError("DEPTHWISE_CONV_2D int16 fast path: shift too large") }
        try int16Compute(input: input, filter: filter, bias: bias, output: output, parameters: parameters, quantization: q,
                         requantization: requantization, runner: runner)
    }

    /// As above with the requantization prepared once.
    static func int16Compute<B: FixedWidthInteger>(input: TensorView<Int16>, filter: TensorView<Int8>, bias: TensorView<B>?,
                                                   output: MutableTensorView<Int16>, parameters: DepthwiseConvolution.Parameters,
                                                   quantization q: QuantizedOutput, requantization: Int16Requantization,
                                                   runner: ParallelRunner) throws {
        let g = try DepthwiseConvolution.geometry(input: input.shape, filter: filter.shape, bias: bias?.shape, parameters: parameters)
        try g.checkOutput(output.shape)
        guard supportsInt16(input: input.shape, filter: filter.shape, quantization: q) else {
            throw ShapeError("DEPTHWISE_CONV_2D int16 fast path does not take input \(input.shape) filter \(filter.shape)")
        }
        try q.check(channels: g.outChannels, op: "DEPTHWISE_CONV_2D")
        let channels = g.inChannels, taps = g.kernelHeight * g.kernelWidth, pixels = g.batch * g.outHeight * g.outWidth
        let blocks = (pixels + blockPixels - 1) / blockPixels
        let workers = min(blocks, runner.threadCount, max(1, pixels * channels * taps / (1 << 16)))
        let wideBias: [Int64]? = bias.map { b in (0 ..< channels).map { Int64(b[$0]) } }
        let zeros = [Int16](repeating: 0, count: channels)
        zeros.withUnsafeBufferPointer { zeros in
            let pad = zeros.baseAddress!
            func run(_ biasPointer: UnsafePointer<Int64>?) {
                withUnsafePointer(to: requantization.parameters) { rq in
                    runner.run(workers: workers) { worker in
                        let rows = UnsafeMutablePointer<UnsafePointer<Int16>?>.allocate(capacity: blockPixels * taps)
                        defer { rows.deallocate() }
                        var block = worker
                        while block < blocks {
                            let first = block * blockPixels, count = min(blockPixels, pixels - first)
                            for i in 0 ..< count {
                                let pixel = first + i
                                let ox = pixel % g.outWidth, oy = (pixel / g.outWidth) % g.outHeight, b = pixel / (g.outWidth * g.outHeight)
                                for t in 0 ..< taps {
                                    let iy = oy * g.strideHeight - g.padTop + (t / g.kernelWidth) * g.dilationHeight
                                    let ix = ox * g.strideWidth - g.padLeft + (t % g.kernelWidth) * g.dilationWidth
                                    rows[i * taps + t] = iy >= 0 && iy < g.inHeight && ix >= 0 && ix < g.inWidth
                                        ? input.base + ((b * g.inHeight + iy) * g.inWidth + ix) * channels : pad
                                }
                            }
                            ck_i16_depthwise(count, channels, taps, rows, filter.base, biasPointer, rq, output.base + first * channels)
                            block += workers
                        }
                    }
                }
            }
            if let wideBias { wideBias.withUnsafeBufferPointer { run($0.baseAddress) } } else { run(nil) }
        }
    }
}
