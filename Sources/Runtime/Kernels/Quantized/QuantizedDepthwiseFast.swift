import CKernels

/// int8 and int16×8 DEPTHWISE_CONV_2D with depth multiplier 1 through the C kernels
/// `ck_i8_dwconv` (whole pixel ranges; padding taps read the input zero point, the int8 input
/// offset folded into the bias through the per-channel weight sums) / `ck_i16_depthwise`.
/// Results equal `QuantizedDepthwiseConvolution.compute` exactly.
public enum QuantizedDepthwiseFast {

    /// Whether `compute` handles this op (depth multiplier 1).
    public static func supports(input: [Int], filter: [Int]) -> Bool {
        input.count == 4 && filter.count == 4 && filter[0] == 1 && input[3] == filter[3]
    }

    /// Depthwise convolution into `output` (shape from `DepthwiseConvolution.outputShape`).
    public static func compute(input: TensorView<Int8>, filter: TensorView<Int8>, bias: TensorView<Int32>?,
                               output: MutableTensorView<Int8>, parameters: DepthwiseConvolution.Parameters,
                               quantization q: QuantizedOutput, runner: ParallelRunner = ParallelRunner()) throws {
        try q.check(channels: filter.shape.last ?? 0, op: "DEPTHWISE_CONV_2D")
        try compute(input: input, filter: filter, bias: bias, output: output, parameters: parameters, quantization: q,
                    requantization: Int8Requantization(q), runner: runner)
    }

    /// As above with the requantization prepared once.
    static func compute(input: TensorView<Int8>, filter: TensorView<Int8>, bias: TensorView<Int32>?,
                        output: MutableTensorView<Int8>, parameters: DepthwiseConvolution.Parameters,
                        quantization q: QuantizedOutput, requantization: Int8Requantization, runner: ParallelRunner) throws {
        let g = try DepthwiseConvolution.geometry(input: input.shape, filter: filter.shape, bias: bias?.shape, parameters: parameters)
        let plan = try Int8DepthwisePlan(window: g.window, weights: filter.base, requantization: requantization)
        try compute(input: input, filter: filter, bias: bias, output: output, parameters: parameters, quantization: q, plan: plan,
                    runner: runner)
    }

    /// As above with the weights packed once (`plan` made for this input shape and filter).
    static func compute(input: TensorView<Int8>, filter: TensorView<Int8>, bias: TensorView<Int32>?,
                        output: MutableTensorView<Int8>, parameters: DepthwiseConvolution.Parameters,
                        quantization q: QuantizedOutput, plan: Int8DepthwisePlan, runner: ParallelRunner) throws {
        let g = try DepthwiseConvolution.geometry(input: input.shape, filter: filter.shape, bias: bias?.shape, parameters: parameters)
        try g.checkOutput(output.shape)
        guard supports(input: input.shape, filter: filter.shape), q.weightOffset == 0 else {
            throw ShapeError("DEPTHWISE_CONV_2D fast path needs depth multiplier 1 and symmetric weights")
        }
        try q.check(channels: g.outChannels, op: "DEPTHWISE_CONV_2D")
        let channels = g.inChannels, taps = g.kernelHeight * g.kernelWidth, pixels = g.batch * g.outHeight * g.outWidth
        if let bias, bias.count != channels { throw ShapeError("bias must have \(channels) elements, got \(bias.count)") }
        let workers = max(1, pixels * channels * taps / (1 << 19))
        try runner.runKernel(over: pixels, workers: workers, op: "DEPTHWISE_CONV_2D") { range in
            ck_i8_dwconv(plan.pointer, input.base, q.inputOffset, bias?.base, output.base, range.lowerBound, range.count)
        }
    }
}

/// int8 depthwise weights packed once by `ck_i8_dw_plan_create` for one window, with the
/// requantization whose arrays the plan reads.
final class Int8DepthwisePlan: @unchecked Sendable {
    let pointer: OpaquePointer
    private let requantization: Int8Requantization

    init(window: ck_window, weights: UnsafePointer<Int8>, requantization: Int8Requantization) throws {
        let created = withUnsafePointer(to: window) { g in
            withUnsafePointer(to: requantization.parameters) { ck_i8_dw_plan_create(g, weights, $0) }
        }
        guard let created else { throw ShapeError("DEPTHWISE_CONV_2D: out of memory for the packed weights") }
        pointer = created
        self.requantization = requantization
    }

    deinit { ck_i8_dw_plan_destroy(pointer) }
}
