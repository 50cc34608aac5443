import CKernels

/// `HybridConvolution.compute` with the int32 sums from the C kernels (`ck_hyb_conv_sums`): the
/// same quantized input, the same integer sums and the same float rescale in the same order, so
/// the outputs are identical; output pixels are split over the runner.
enum HybridFastConvolution {
    /// The filter (`[outChannels, kH, kW, groupChannels]`) packed per group.
    static func pack(filter: TensorView<Int8>, groups: Int) -> [HybridPackedWeights] {
        let rows = filter.shape[0] / groups, depth = filter.count / filter.shape[0]
        return (0 ..< groups).map { HybridPackedWeights(filter.base + $0 * rows * depth, rows: rows, depth: depth) }
    }

    /// Hybrid convolution into `output` with the filter packed by `pack`.
    static func compute(input: TensorView<Float>, filterShape: [Int], weights: [HybridPackedWeights], bias: TensorView<Float>?,
                        output: MutableTensorView<Float>, parameters: Convolution.Parameters, weightScales: [Float],
                        runner: ParallelRunner) throws {
        let g = try Convolution.geometry(input: input.shape, filter: filterShape, bias: bias?.shape, parameters: parameters)
        try g.checkOutput(output.shape)
        try g.checkWeightScales(weightScales, op: "CONV_2D")
        let groups = g.inChannels / g.groupChannels
        guard weights.count == groups else { throw ShapeError("CONV_2D weights packed for \(weights.count) groups, expected \(groups)") }
        let perChannel = HybridConvolution.usesPerChannelPath(weightScales: weightScales, groups: groups)
        let rowSize = g.inHeight * g.inWidth * g.inChannels
        let (quantized, rows) = HybridQuantization.quantizedRows(input.base, rows: g.batch, depth: rowSize, asymmetric: perChannel)
        let (low, high) = parameters.activation.floatRange
        let pixels = g.outHeight * g.outWidth, channels = g.outChannels
        var window = g.window
        var sums = [Int32](repeating: 0, count: pixels * channels)
        // About a million multiply-adds per worker, like the int8 kernels.
        let workers = max(1, pixels * channels * g.kernelHeight * g.kernelWidth * g.groupChannels / (1 << 20))
        try quantized.withUnsafeBufferPointer { q in
            try sums.withUnsafeMutableBufferPointer { s in
                try weightScales.withUnsafeBufferPointer { scales in
                    for b in 0 ..< g.batch {
                        let image = q.baseAddress! + b * rowSize, row = rows[b]
                        try runner.runKernel(over: pixels, workers: workers, op: "CONV_2D") { range in
                            let first = s.baseAddress! + range.lowerBound * channels
                            for (group, w) in weights.enumerated() {
                                let done = ck_hyb_conv_sums(&window, image, Int8(row.zeroPoint), group * g.groupChannels,
                                                            g.groupChannels, w.packed, w.rowSums, w.rows,
                                                            first + group * w.rows, channels, range.lowerBound, range.count)
                                if done == 0 { return 0 }
                            }
                            // Per channel: (sum·scale)·row scale; per tensor: sum·(row scale·scale).
                            var rowScale = row.scale, combined = row.scale * scales[0]
                            let biasBase = bias.map { UnsafePointer($0.base) }, out = output.base + (b * pixels + range.lowerBound) * channels
                            if perChannel {
                                ck_hyb_dequantize(range.count, channels, first, scales.baseAddress!, scales.count > 1 ? 1 : 0, &rowScale,
                                                  biasBase, low, high, out)
                            } else {
                                ck_hyb_dequantize(range.count, channels, first, &combined, 0, nil, biasBase, low, high, out)
                            }
                            return 1
                        }
                    }
                }
            }
        }
    }
}
