/// DEPTHWISE_CONV_2D vectorized over channels: each output pixel's channels accumulate in place,
/// tap by tap, with `SIMD8` multiply-adds (multiplier 1) or a broadcast per input channel
/// (multiplier > 1); output rows are split over the runner (fewer threads for small outputs). No scratch. Same results as
/// `DepthwiseConvolution.compute` up to float reassociation.
public enum FastDepthwiseConvolution {
    /// Depthwise convolution into `output` (shape from `DepthwiseConvolution.outputShape`).
    public static func compute(input: TensorView<Float>, filter: TensorView<Float>, bias: TensorView<Float>?,
                               output: MutableTensorView<Float>, parameters: DepthwiseConvolution.Parameters,
                               runner: ParallelRunner = ParallelRunner()) throws {
        let g = try DepthwiseConvolution.geometry(input: input.shape, filter: filter.shape, bias: bias?.shape,
                                                  parameters: parameters)
        try g.checkOutput(output.shape)
        let (low, high) = parameters.activation.floatRange
        let inputBase = input.base, filterBase = filter.base, biasBase = bias?.base, outputBase = output.base
        let work = g.batch * g.outHeight * g.outWidth * g.outChannels * g.kernelHeight * g.kernelWidth
        let runner = ParallelRunner(threadCount: min(runner.threadCount, max(1, work / (1 << 16))))
        runner.forEachChunk(of: g.batch * g.outHeight) { _, rows in
            for row in rows {
                let b = row / g.outHeight, oy = row % g.outHeight
                for ox in 0 ..< g.outWidth {
                    let out = outputBase + (row * g.outWidth + ox) * g.outChannels
                    if let biasBase { out.update(from: biasBase, count: g.outChannels) } else { out.update(repeating: 0, count: g.outChannels) }
                    for fy in 0 ..< g.kernelHeight {
                        let iy = oy * g.strideHeight - g.padTop + fy * g.dilationHeight
                        if iy < 0 || iy >= g.inHeight { continue }
                        for fx in 0 ..< g.kernelWidth {
                            let ix = ox * g.strideWidth - g.padLeft + fx * g.dilationWidth
                            if ix < 0 || ix >= g.inWidth { continue }
                            accumulate(into: out, input: inputBase + ((b * g.inHeight + iy) * g.inWidth + ix) * g.inChannels,
                                       filter: filterBase + (fy * g.kernelWidth + fx) * g.outChannels,
                                       inChannels: g.inChannels, multiplier: g.outChannels / g.inChannels)
                        }
                    }
                    clamp(out, count: g.outChannels, low: low, high: high)
                }
            }
        }
    }

    private typealias V = SIMD8<Float>

    /// `out[c·multiplier + m] += input[c] · filter[c·multiplier + m]` for all channels.
    @inline(__always)
    private static func accumulate(into out: UnsafeMutablePointer<Float>, input: UnsafePointer<Float>,
                                   filter: UnsafePointer<Float>, inChannels: Int, multiplier: Int) {
        if multiplier == 1 {
            var c = 0
            while c + 8 <= inChannels {
                var acc = load(out + c)
                acc.addProduct(load(input + c), load(filter + c))
                UnsafeMutableRawPointer(out + c).storeBytes(of: acc, as: V.self)
                c += 8
            }
            while c < inChannels {
                out[c] += input[c] * filter[c]
                c += 1
            }
        } else {
            for c in 0 ..< inChannels {
                let value = input[c]
                let base = c * multiplier
                for m in 0 ..< multiplier { out[base + m] += value * filter[base + m] }
            }
        }
    }

    @inline(__always)
    private static func clamp(_ out: UnsafeMutablePointer<Float>, count: Int, low: Float, high: Float) {
        for c in 0 ..< count { out[c] = min(max(out[c], low), high) }
    }

    @inline(__always) private static func load(_ p: UnsafePointer<Float>) -> V {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }

    @inline(__always) private static func load(_ p: UnsafeMutablePointer<Float>) -> V {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }
}
