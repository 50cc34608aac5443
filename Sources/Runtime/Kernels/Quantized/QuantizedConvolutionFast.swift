import CKernels

/// int8 CONV_2D (one group) and FULLY_CONNECTED through `IntegerGEMM`, split over a
/// `ParallelRunner`. Rows of the left matrix are output pixels (implicit im2col: padding taps
/// hold the input zero point; 1×1 stride-1 unpadded convolutions read the input directly) or
/// input rows; the input offset is folded in through the weight row sums. Results equal
/// `QuantizedConvolution.compute` / `QuantizedFullyConnected.compute` exactly.
public enum QuantizedConvolutionFast {
    /// Left-matrix rows each worker handles at a time.
    static let blockRows = 64

    /// Whether `compute` handles this convolution (no grouping).
    public static func supports(input: [Int], filter: [Int]) -> Bool {
        input.count == 4 && filter.count == 4 && input[3] == filter[3]
    }

    /// Convolution into `output` (shape from `Convolution.outputShape`); `weights` packs the OHWI
    /// filter as `[outC, kH·kW·inC]`.
    public static func convolution(input: TensorView<Int8>, weights: PackedInt8Weights, filterShape: [Int],
                                   bias: TensorView<Int32>?, output: MutableTensorView<Int8>,
                                   parameters: Convolution.Parameters, quantization q: QuantizedOutput,
                                   runner: ParallelRunner = ParallelRunner()) throws {
        try q.check(channels: weights.rows, op: "CONV_2D")
        try convolution(input: input, weights: weights, filterShape: filterShape, bias: bias, output: output, parameters: parameters,
                        quantization: q, requantization: Int8Requantization(q), runner: runner)
    }

    /// As above with the requantization prepared once.
    static func convolution(input: TensorView<Int8>, weights: PackedInt8Weights, filterShape: [Int],
                            bias: TensorView<Int32>?, output: MutableTensorView<Int8>, parameters: Convolution.Parameters,
                            quantization q: QuantizedOutput, requantization: Int8Requantization, runner: ParallelRunner) throws {
        let g = try Convolution.geometry(input: input.shape, filter: filterShape, bias: bias?.shape, parameters: parameters)
        try g.checkOutput(output.shape)
        guard g.groupChannels == g.inChannels, weights.rows == g.outChannels,
              weights.depth == g.kernelHeight * g.kernelWidth * g.inChannels else {
            throw ShapeError("CONV_2D fast path needs one group and weights packed as [\(g.outChannels), kH·kW·inC]")
        }
        try q.check(channels: g.outChannels, op: "CONV_2D")
        let pixels = g.batch * g.outHeight * g.outWidth
        let direct = g.kernelHeight == 1 && g.kernelWidth == 1 && g.strideHeight == 1 && g.strideWidth == 1
            && g.padTop == 0 && g.padLeft == 0 && g.outHeight == g.inHeight && g.outWidth == g.inWidth
        if direct {
            return try gemm(rows: pixels, weights: weights, bias: bias, output: output.base, quantization: q,
                            requantization: requantization, runner: runner, source: .direct(input.base, stride: g.inChannels))
        }
        let padValue = Int8(truncatingIfNeeded: -q.inputOffset)
        try gemm(rows: pixels, weights: weights, bias: bias, output: output.base, quantization: q, requantization: requantization,
                 runner: runner, source: .filled { pixel, row in
            let ox = pixel % g.outWidth, oy = (pixel / g.outWidth) % g.outHeight, b = pixel / (g.outWidth * g.outHeight)
            var column = 0
            for fy in 0 ..< g.kernelHeight {
                let iy = oy * g.strideHeight - g.padTop + fy * g.dilationHeight
                for fx in 0 ..< g.kernelWidth {
                    let ix = ox * g.strideWidth - g.padLeft + fx * g.dilationWidth
                    if iy >= 0, iy < g.inHeight, ix >= 0, ix < g.inWidth {
                        (row + column).update(from: input.base + ((b * g.inHeight + iy) * g.inWidth + ix) * g.inChannels,
                                              count: g.inChannels)
                    } else {
                        (row + column).update(repeating: padValue, count: g.inChannels)
                    }
                    column += g.inChannels
                }
            }
        })
    }

    /// Fully-connected layer into `output` (shape from `FullyConnected.outputShape`).
    public static func fullyConnected(input: TensorView<Int8>, weights: PackedInt8Weights, bias: TensorView<Int32>?,
                                      output: MutableTensorView<Int8>, quantization q: QuantizedOutput,
                                      runner: ParallelRunner = ParallelRunner()) throws {
        try q.check(channels: weights.rows, op: "FULLY_CONNECTED")
        try fullyConnected(input: input, weights: weights, bias: bias, output: output, quantization: q,
                           requantization: Int8Requantization(q), runner: runner)
    }

    /// As above with the requantization prepared once.
    static func fullyConnected(input: TensorView<Int8>, weights: PackedInt8Weights, bias: TensorView<Int32>?,
                               output: MutableTensorView<Int8>, quantization q: QuantizedOutput,
                               requantization: Int8Requantization, runner: ParallelRunner) throws {
        let depth = weights.depth
        guard depth > 0, input.count % depth == 0, output.count == input.count / depth * weights.rows else {
            throw ShapeError("FULLY_CONNECTED input \(input.shape) and output \(output.shape) do not fit weights [\(weights.rows), \(depth)]")
        }
        try q.check(channels: weights.rows, op: "FULLY_CONNECTED")
        try gemm(rows: input.count / depth, weights: weights, bias: bias, output: output.base, quantization: q,
                 requantization: requantization, runner: runner, source: .direct(input.base, stride: depth))
    }

    /// Where the left matrix's rows come from.
    private enum Source {
        /// Row `i` at `base + i·stride`.
        case direct(UnsafePointer<Int8>, stride: Int)
        /// `fill(i, row)` writes the `weights.depth` values of row `i`.
        case filled((Int, UnsafeMutablePointer<Int8>) -> Void)
    }

    /// Runs the product block by block, with bias and input offset folded per output channel.
    private static func gemm(rows m: Int, weights: PackedInt8Weights, bias: TensorView<Int32>?, output: UnsafeMutablePointer<Int8>,
                             quantization q: QuantizedOutput, requantization: Int8Requantization, runner: ParallelRunner,
                             source: Source) throws {
        if let bias, bias.count != weights.rows { throw ShapeError("bias must have \(weights.rows) elements, got \(bias.count)") }
        let n = weights.rows, depth = weights.depth
        let blocks = (m + blockRows - 1) / blockRows
        let workers = min(blocks, runner.threadCount, max(1, m * n * depth / (1 << 17)))
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: n) { folded in
            for j in 0 ..< n { folded[j] = (bias.map { $0[j] } ?? 0) &+ q.inputOffset &* weights.rowSums[j] }
            let folded = UnsafePointer(folded.baseAddress!)
            withUnsafePointer(to: requantization.parameters) { rq in
                runner.run(workers: workers) { worker in
                    var scratch: UnsafeMutablePointer<Int8>?
                    if case .filled = source { scratch = .allocate(capacity: blockRows * depth) }
                    defer { scratch?.deallocate() }
                    var block = worker
                    while block < blocks {
                        let first = block * blockRows, count = min(blockRows, m - first)
                        let out = output + first * n
                        switch source {
                        case .direct(let base, let stride):
                            IntegerGEMM.multiply(a: base + first * stride, aStride: stride, m: count, weights: weights, folded: folded,
                                                 requantization: rq, output: out, outStride: n)
                        case .filled(let fill):
                            let a = scratch!
                            for i in 0 ..< count { fill(first + i, a + i * depth) }
                            IntegerGEMM.multiply(a: a, aStride: depth, m: count, weights: weights, folded: folded,
                                                 requantization: rq, output: out, outStride: n)
                        }
                        block += workers
                    }
                }
            }
        }
    }
}
