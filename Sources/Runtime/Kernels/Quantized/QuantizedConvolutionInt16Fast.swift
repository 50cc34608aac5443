import CKernels

/// int16×8 CONV_2D (one group, symmetric int16 input) through the C kernel `ck_i16_gemm`:
/// implicit im2col into int16 blocks (none for pointwise convolutions, whose input rows are the
/// GEMM's rows), int8 weights packed once, exact int64 sums of any depth, bias and
/// requantization. Results equal `QuantizedConvolution.compute` exactly.
public enum QuantizedConvolutionInt16Fast {
    /// Left-matrix rows each worker handles at a time.
    static let blockRows = 64

    /// Whether `convolution` handles this op: one group, no input offset, and shifts the kernel takes.
    public static func supports(input: [Int], filter: [Int], quantization q: QuantizedOutput) -> Bool {
        QuantizedConvolutionFast.supports(input: input, filter: filter) && q.inputOffset == 0 && q.doubleScales == nil
            && q.shifts.allSatisfy { $0 <= 14 }
    }

    /// Convolution into `output`; `weights` packs the OHWI filter as `[outC, kH·kW·inC]`.
    public static func convolution<B: FixedWidthInteger>(input: TensorView<Int16>, weights: PackedInt8Weights, filterShape: [Int],
                                                         bias: TensorView<B>?, output: MutableTensorView<Int16>,
                                                         parameters: Convolution.Parameters, quantization q: QuantizedOutput,
                                                         runner: ParallelRunner = ParallelRunner()) throws {
        guard supports(input: input.shape, filter: filterShape, quantization: q), let requantization = Int16Requantization(q) else {
            throw ShapeError("int16 CONV_2D fast path does not take input \(input.shape) filter \(filterShape)")
        }
        try convolution(input: input, weights: weights, filterShape: filterShape, bias: bias, output: output, parameters: parameters,
                        quantization: q, requantization: requantization, runner: runner)
    }

    /// As above with the requantization prepared once.
    static func convolution<B: FixedWidthInteger>(input: TensorView<Int16>, weights: PackedInt8Weights, filterShape: [Int],
                                                  bias: TensorView<B>?, output: MutableTensorView<Int16>,
                                                  parameters: Convolution.Parameters, quantization q: QuantizedOutput,
                                                  requantization: Int16Requantization, runner: ParallelRunner) throws {
        let g = try Convolution.geometry(input: input.shape, filter: filterShape, bias: bias?.shape, parameters: parameters)
        try g.checkOutput(output.shape)
        let n = g.outChannels, depth = g.kernelHeight * g.kernelWidth * g.inChannels
        guard g.groupChannels == g.inChannels, weights.rows == n, weights.depth == depth, q.inputOffset == 0 else {
            throw ShapeError("int16 CONV_2D fast path needs one group, no input offset and weights packed as [\(n), kH·kW·inC]")
        }
        try q.check(channels: n, op: "CONV_2D")
        if let bias, bias.count != n { throw ShapeError("bias must have \(n) elements, got \(bias.count)") }
        let m = g.batch * g.outHeight * g.outWidth
        let blocks = (m + blockRows - 1) / blockRows
        let workers = min(blocks, runner.threadCount, max(1, m * n * depth / (1 << 17)))
        withInt64Bias(bias, count: n) { biasPointer in
            withUnsafePointer(to: requantization.parameters) { rq in
                weights.values.withUnsafeBufferPointer { packed in
                    runner.run(workers: workers) { worker in
                        if isPointwise(g) {
                            let first = m * worker / workers, count = m * (worker + 1) / workers - first
                            ck_i16_gemm(count, n, depth, input.base + first * depth, depth, packed.baseAddress!, biasPointer, rq,
                                        output.base + first * n, n)
                            return
                        }
                        let a = UnsafeMutablePointer<Int16>.allocate(capacity: blockRows * depth)
                        defer { a.deallocate() }
                        var block = worker
                        while block < blocks {
                            let first = block * blockRows, count = min(blockRows, m - first)
                            for i in 0 ..< count { fillRow(first + i, a + i * depth, g, input.base) }
                            ck_i16_gemm(count, n, depth, a, depth, packed.baseAddress!, biasPointer, rq, output.base + first * n, n)
                            block += workers
                        }
                    }
                }
            }
        }
    }

    /// Whether every output pixel reads exactly the input pixel at its own position (1×1 kernel,
    /// unit strides, no padding), so the input rows are the GEMM's rows.
    private static func isPointwise(_ g: ConvGeometry) -> Bool {
        g.kernelHeight == 1 && g.kernelWidth == 1 && g.strideHeight == 1 && g.strideWidth == 1 && g.padTop == 0 && g.padLeft == 0
            && g.outHeight == g.inHeight && g.outWidth == g.inWidth
    }

    /// Writes output pixel `pixel`'s receptive field (zeros in the padding: the input zero point is 0).
    private static func fillRow(_ pixel: Int, _ row: UnsafeMutablePointer<Int16>, _ g: ConvGeometry, _ input: UnsafePointer<Int16>) {
        let ox = pixel % g.outWidth, oy = (pixel / g.outWidth) % g.outHeight, b = pixel / (g.outWidth * g.outHeight)
        var column = 0
        for fy in 0 ..< g.kernelHeight {
            let iy = oy * g.strideHeight - g.padTop + fy * g.dilationHeight
            for fx in 0 ..< g.kernelWidth {
                let ix = ox * g.strideWidth - g.padLeft + fx * g.dilationWidth
                if iy >= 0, iy < g.inHeight, ix >= 0, ix < g.inWidth {
                    (row + column).update(from: input + ((b * g.inHeight + iy) * g.inWidth + ix) * g.inChannels, count: g.inChannels)
                } else {
                    (row + column).update(repeating: 0, count: g.inChannels)
                }
                column += g.inChannels
            }
        }
    }
}

/// Calls `body` with the int16×8 kernels' int64 bias (`count` values): the tensor's own storage
/// when it is int64, else a widened copy; nil without bias.
func withInt64Bias<B: FixedWidthInteger, R>(_ bias: TensorView<B>?, count: Int, _ body: (UnsafePointer<Int64>?) -> R) -> R {
    guard let bias else { return body(nil) }
    if B.self == Int64.self { return body(UnsafeRawPointer(bias.base).assumingMemoryBound(to: Int64.self)) }
    return (0 ..< count).map { Int64(bias[$0]) }.withUnsafeBufferPointer { body($0.baseAddress) }
}
