/// int8 CONV_2D (one group) and FULLY_CONNECTED through `IntegerGEMM`, split over a
/// `ParallelRunner`. Rows of the left matrix are output pixels (implicit im2col: padding taps
/// hold the input zero point) or input rows; the input offset is folded in through the weight
/// row sums. Results equal `QuantizedConvolution.compute` / `QuantizedFullyConnected.compute`
/// exactly.
public enum QuantizedConvolutionFast {
    /// Left-matrix rows each worker packs at a time.
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
        let g = try Convolution.geometry(input: input.shape, filter: filterShape, bias: bias?.shape, parameters: parameters)
        try g.checkOutput(output.shape)
        guard g.groupChannels == g.inChannels, weights.rows == g.outChannels,
              weights.depth == g.kernelHeight * g.kernelWidth * g.inChannels else {
            throw ShapeError("CONV_2D fast path needs one group and weights packed as [\(g.outChannels), kH·kW·inC]")
        }
        try q.check(channels: g.outChannels, op: "CONV_2D")
        let padValue = -q.inputOffset
        let pixels = g.batch * g.outHeight * g.outWidth
        try gemm(rows: pixels, weights: weights, bias: bias, output: output.base, quantization: q, runner: runner) { pixel, row in
            let ox = pixel % g.outWidth, oy = (pixel / g.outWidth) % g.outHeight, b = pixel / (g.outWidth * g.outHeight)
            var column = 0
            for fy in 0 ..< g.kernelHeight {
                let iy = oy * g.strideHeight - g.padTop + fy * g.dilationHeight
                for fx in 0 ..< g.kernelWidth {
                    let ix = ox * g.strideWidth - g.padLeft + fx * g.dilationWidth
                    if iy >= 0, iy < g.inHeight, ix >= 0, ix < g.inWidth {
                        let source = input.base + ((b * g.inHeight + iy) * g.inWidth + ix) * g.inChannels
                        for c in 0 ..< g.inChannels { row[column + c] = Int32(source[c]) }
                    } else {
                        (row + column).update(repeating: padValue, count: g.inChannels)
                    }
                    column += g.inChannels
                }
            }
        }
    }

    /// Fully-connected layer into `output` (shape from `FullyConnected.outputShape`).
    public static func fullyConnected(input: TensorView<Int8>, weights: PackedInt8Weights, bias: TensorView<Int32>?,
                                      output: MutableTensorView<Int8>, quantization q: QuantizedOutput,
                                      runner: ParallelRunner = ParallelRunner()) throws {
        let depth = weights.depth
        guard depth > 0, input.count % depth == 0, output.count == input.count / depth * weights.rows else {
            throw ShapeError("FULLY_CONNECTED input \(input.shape) and output \(output.shape) do not fit weights [\(weights.rows), \(depth)]")
        }
        try q.check(channels: weights.rows, op: "FULLY_CONNECTED")
        try gemm(rows: input.count / depth, weights: weights, bias: bias, output: output.base, quantization: q, runner: runner) { r, row in
            let source = input.base + r * depth
            for d in 0 ..< depth { row[d] = Int32(source[d]) }
        }
    }

    /// Runs the product block by block: `fill(i, row)` writes the first `weights.depth` values
    /// of left row `i`, widened to Int32; the tail stays zero. Then bias, offset folding and requantization.
    private static func gemm(rows m: Int, weights: PackedInt8Weights, bias: TensorView<Int32>?, output: UnsafeMutablePointer<Int8>,
                             quantization q: QuantizedOutput, runner: ParallelRunner,
                             fill: (Int, UnsafeMutablePointer<Int32>) -> Void) throws {
        if let bias, bias.count != weights.rows { throw ShapeError("bias must have \(weights.rows) elements, got \(bias.count)") }
        let n = weights.rows, stride = weights.stride
        let blocks = (m + blockRows - 1) / blockRows
        let work = m * n * weights.depth
        let workers = min(blocks, runner.threadCount, max(1, work / (1 << 17)))
        var folded = [Int32](repeating: 0, count: n)
        for j in 0 ..< n { folded[j] = (bias.map { $0[j] } ?? 0) &+ q.inputOffset &* weights.rowSums[j] }
        folded.withUnsafeBufferPointer { folded in
            runner.run(workers: workers) { worker in
                let a = UnsafeMutablePointer<Int32>.allocate(capacity: blockRows * stride)
                let c = UnsafeMutablePointer<Int32>.allocate(capacity: blockRows * n)
                defer { a.deallocate(); c.deallocate() }
                a.initialize(repeating: 0, count: blockRows * stride)
                var block = worker
                while block < blocks {
                    let first = block * blockRows, count = min(blockRows, m - first)
                    for i in 0 ..< count { fill(first + i, a + i * stride) }
                    IntegerGEMM.multiply(a: a, m: count, weights: weights, c: c)
                    for i in 0 ..< count {
                        let out = output + (first + i) * n
                        for j in 0 ..< n {
                            out[j] = Int8(truncatingIfNeeded: q.requantize(Int64(c[i * n + j] &+ folded[j]), channel: j))
                        }
                    }
                    block += workers
                }
            }
        }
    }
}
