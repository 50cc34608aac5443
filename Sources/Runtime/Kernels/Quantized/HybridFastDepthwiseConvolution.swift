import CKernels

/// `HybridDepthwiseConvolution.compute` with the int32 sums from the C kernels
/// (`ck_hyb_dw_sums`): the same quantized input, integer sums and float rescale, so identical
/// outputs; output pixels are split over the runner.
enum HybridFastDepthwiseConvolution {
    /// Hybrid depthwise convolution into `output`.
    static func compute(input: TensorView<Float>, filter: TensorView<Int8>, bias: TensorView<Float>?,
                        output: MutableTensorView<Float>, parameters: DepthwiseConvolution.Parameters, weightScales: [Float],
                        runner: ParallelRunner) throws {
        let g = try DepthwiseConvolution.geometry(input: input.shape, filter: filter.shape, bias: bias?.shape, parameters: parameters)
        try g.checkOutput(output.shape)
        try g.checkWeightScales(weightScales, op: "DEPTHWISE_CONV_2D")
        let rowSize = g.inHeight * g.inWidth * g.inChannels
        let (quantized, rows) = HybridQuantization.quantizedRows(input.base, rows: g.batch, depth: rowSize, asymmetric: true)
        let (low, high) = parameters.activation.floatRange
        let pixels = g.outHeight * g.outWidth, channels = g.outChannels, multiplier = g.outChannels / g.inChannels
        var window = g.window
        var sums = [Int32](repeating: 0, count: pixels * channels)
        // About half a million multiply-adds per worker, like the int8 depthwise kernel.
        let workers = max(1, pixels * channels * g.kernelHeight * g.kernelWidth / (1 << 19))
        try quantized.withUnsafeBufferPointer { q in
            try sums.withUnsafeMutableBufferPointer { s in
                try weightScales.withUnsafeBufferPointer { scales in
                    for b in 0 ..< g.batch {
                        let image = q.baseAddress! + b * rowSize, row = rows[b]
                        let factors = (0 ..< channels).map { scales[scales.count == 1 ? 0 : $0] * row.scale }
                        try runner.runKernel(over: pixels, workers: workers, op: "DEPTHWISE_CONV_2D") { range in
                            let done = ck_hyb_dw_sums(&window, image, row.zeroPoint, filter.base, multiplier,
                                                      s.baseAddress! + range.lowerBound * channels, range.lowerBound, range.count)
                            if done == 0 { return 0 }
                            ck_hyb_dequantize(range.count, channels, s.baseAddress! + range.lowerBound * channels, factors, 1, nil,
                                              bias.map { UnsafePointer($0.base) }, low, high,
                                              output.base + (b * pixels + range.lowerBound) * channels)
                            return 1
                        }
                    }
                }
            }
        }
    }
}
