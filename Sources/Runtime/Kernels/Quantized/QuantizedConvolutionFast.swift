import CKernels

/// int8 CONV_2D (one group) and FULLY_CONNECTED through the C convolution `ck_i8_conv` (AVX-512
/// VNNI, AVX2 or portable, by the packed weights' layout), split into contiguous pixel ranges
/// over a `ParallelRunner`. Padding taps hold the input zero point; the input offset is folded in
/// through the weight row sums. Results equal `QuantizedConvolution.compute` /
/// `QuantizedFullyConnected.compute` exactly.
public enum QuantizedConvolutionFast {
    /// Whether `convolution` handles this op (no grouping).
    public static func supports(input: [Int], filter: [Int]) -> Bool {
        input.count == 4 && filter.count == 4 && input[3] == filter[3]
    }

    /// Convolution into `output` (shape from `Convolution.outputShape`); `weights` packs the OHWI
    /// filter as `[outC, kH·kW·inC]`.
    public static func convolution(input: TensorView<Int8>, weights: Int8ConvolutionWeights, filterShape: [Int],
                                   bias: TensorView<Int32>?, output: MutableTensorView<Int8>,
                                   parameters: Convolution.Parameters, quantization q: QuantizedOutput,
                                   runner: ParallelRunner = ParallelRunner()) throws {
        try q.check(channels: weights.rows, op: "CONV_2D")
        try convolution(input: input, weights: weights, filterShape: filterShape, bias: bias, output: output, parameters: parameters,
                        quantization: q, requantization: Int8Requantization(q), runner: runner)
    }

    /// As above with the requantization prepared once.
    static func convolution(input: TensorView<Int8>, weights: Int8ConvolutionWeights, filterShape: [Int],
                            bias: TensorView<Int32>?, output: MutableTensorView<Int8>, parameters: Convolution.Parameters,
                            quantization q: QuantizedOutput, requantization: Int8Requantization, runner: ParallelRunner) throws {
        let g = try Convolution.geometry(input: input.shape, filter: filterShape, bias: bias?.shape, parameters: parameters)
        try g.checkOutput(output.shape)
        guard g.groupChannels == g.inChannels, weights.rows == g.outChannels,
              weights.depth == g.kernelHeight * g.kernelWidth * g.inChannels else {
            throw ShapeError("CONV_2D fast path needs one group and weights packed as [\(g.outChannels), kH·kW·inC]")
        }
        try q.check(channels: g.outChannels, op: "CONV_2D")
        try run(window: g.window, input: input.base, weights: weights, bias: bias, output: output.base, quantization: q,
                requantization: requantization, runner: runner, op: "CONV_2D")
    }

    /// Fully-connected layer into `output` (shape from `FullyConnected.outputShape`).
    public static func fullyConnected(input: TensorView<Int8>, weights: Int8ConvolutionWeights, bias: TensorView<Int32>?,
                                      output: MutableTensorView<Int8>, quantization q: QuantizedOutput,
                                      runner: ParallelRunner = ParallelRunner()) throws {
        try q.check(channels: weights.rows, op: "FULLY_CONNECTED")
        try fullyConnected(input: input, weights: weights, bias: bias, output: output, quantization: q,
                           requantization: Int8Requantization(q), runner: runner)
    }

    /// As above with the requantization prepared once.
    static func fullyConnected(input: TensorView<Int8>, weights: Int8ConvolutionWeights, bias: TensorView<Int32>?,
                               output: MutableTensorView<Int8>, quantization q: QuantizedOutput,
                               requantization: Int8Requantization, runner: ParallelRunner) throws {
        let depth = weights.depth
        guard depth > 0, input.count % depth == 0, output.count == input.count / depth * weights.rows else {
            throw ShapeError("FULLY_CONNECTED input \(input.shape) and output \(output.shape) do not fit weights [\(weights.rows), \(depth)]")
        }
        try q.check(channels: weights.rows, op: "FULLY_CONNECTED")
        try run(window: .rows(input.count / depth, depth: depth), input: input.base, weights: weights, bias: bias,
                output: output.base, quantization: q, requantization: requantization, runner: runner, op: "FULLY_CONNECTED")
    }

    /// Runs `ck_i8_conv` over pixel ranges.
    private static func run(window: ck_window, input: UnsafePointer<Int8>, weights: Int8ConvolutionWeights, bias: TensorView<Int32>?,
                            output: UnsafeMutablePointer<Int8>, quantization q: QuantizedOutput, requantization: Int8Requantization,
                            runner: ParallelRunner, op: String) throws {
        if let bias, bias.count != weights.rows { throw ShapeError("bias must have \(weights.rows) elements, got \(bias.count)") }
        let pixels = window.batch * window.out_h * window.out_w
        let workers = max(1, pixels * weights.rows * weights.depth / (1 << 20))
        try withUnsafePointer(to: window) { g in
            try withUnsafePointer(to: weights.descriptor) { w in
                try withUnsafePointer(to: requantization.parameters) { rq in
                    try runner.runKernel(over: pixels, workers: workers, op: op) { range in
                        ck_i8_conv(g, input, q.inputOffset, w, bias?.base, rq, output, range.lowerBound, range.count)
                    }
                }
            }
        }
    }
}
