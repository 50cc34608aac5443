import CKernels

/// DEPTHWISE_CONV_2D vectorized over channels. Multiplier 1 (the common case) runs a C kernel
/// over a table of input pointers per output pixel (padding taps point at zeros), accumulating
/// each pixel's taps in registers with the bias and clamp fused; other multipliers accumulate in
/// place with a broadcast per input channel. Output pixels are split over the runner (fewer
/// threads for small outputs). Same results as `DepthwiseConvolution.compute` up to float
/// reassociation.
public enum FastDepthwiseConvolution {
    /// Depthwise convolution into `output` (shape from `DepthwiseConvolution.outputShape`).
    /// Builds the row table on every call; the interpreter prepares once.
    public static func compute(input: TensorView<Float>, filter: TensorView<Float>, bias: TensorView<Float>?,
                               output: MutableTensorView<Float>, parameters: DepthwiseConvolution.Parameters,
                               runner: ParallelRunner = ParallelRunner()) throws {
        let g = try DepthwiseConvolution.geometry(input: input.shape, filter: filter.shape, bias: bias?.shape,
                                                  parameters: parameters)
        try g.checkOutput(output.shape)
        Prepared(geometry: g, input: input.base, filter: filter.base, bias: bias?.base, output: output.base,
                 activation: parameters.activation).run(runner)
    }

    /// A depthwise convolution bound to fixed tensor addresses.
    final class Prepared: @unchecked Sendable {
        private let g: ConvGeometry
        private let table: RowTable?
        private let input, filter: UnsafePointer<Float>
        private let bias: UnsafePointer<Float>?
        private let output: UnsafeMutablePointer<Float>
        private let low, high: Float

        init(geometry: ConvGeometry, input: UnsafePointer<Float>, filter: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
             output: UnsafeMutablePointer<Float>, activation: FusedActivation) {
            g = geometry
            (self.input, self.filter, self.bias, self.output) = (input, filter, bias, output)
            (low, high) = activation.floatRange
            table = g.outChannels == g.inChannels ? g.rowTable(input: input, channelOffset: 0, width: g.inChannels) : nil
        }

        /// Runs the convolution on `runner`.
        func run(_ runner: ParallelRunner) {
            let pixels = g.batch * g.outHeight * g.outWidth
            let work = pixels * g.outChannels * g.kernelHeight * g.kernelWidth
            let runner = ParallelRunner(threadCount: min(runner.threadCount, max(1, work / (1 << 18))))
            if let table {
                runner.forEachChunk(of: pixels) { _, range in
                    ck_f32_depthwise(range.count, g.outChannels, table.taps, table.from(row: range.lowerBound), filter, bias,
                                     output + range.lowerBound * g.outChannels, low, high)
                }
            } else {
                runner.forEachChunk(of: g.batch * g.outHeight) { _, rows in
                    for row in rows { multiplierRow(row) }
                }
            }
        }

        /// One output row with channel multiplier > 1.
        private func multiplierRow(_ row: Int) {
            let b = row / g.outHeight, oy = row % g.outHeight
            for ox in 0 ..< g.outWidth {
                let out = output + (row * g.outWidth + ox) * g.outChannels
                if let bias { out.update(from: bias, count: g.outChannels) } else { out.update(repeating: 0, count: g.outChannels) }
                g.forEachTapInside(b, oy, ox) { tap, pixel in
                    FastDepthwiseConvolution.accumulate(
                        into: out, input: input + pixel * g.inChannels,
                        filter: filter + tap * g.outChannels,
                        inChannels: g.inChannels, multiplier: g.outChannels / g.inChannels)
                }
                for c in 0 ..< g.outChannels { out[c] = min(max(out[c], low), high) }
            }
        }
    }

    /// `out[c·multiplier + m] += input[c] · filter[c·multiplier + m]` for all channels.
    @inline(__always)
    fileprivate static func accumulate(into out: UnsafeMutablePointer<Float>, input: UnsafePointer<Float>,
                                       filter: UnsafePointer<Float>, inChannels: Int, multiplier: Int) {
        for c in 0 ..< inChannels {
            let value = input[c]
            let base = c * multiplier
            for m in 0 ..< multiplier { out[base + m] += value * filter[base + m] }
        }
    }
}
