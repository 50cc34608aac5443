import CKernels

/// int16×8 FULLY_CONNECTED with constant weights through the C kernels `ck_i16_gemm_rescaled`
/// (LiteRT's double rescale, `QuantizedOutput.doubleScales`) or `ck_i16_gemm` (fixed-point
/// multipliers): int8 weights packed once, exact int64 sums of any depth. Results equal
/// `QuantizedFullyConnected.compute` exactly.
public enum QuantizedFullyConnectedInt16Fast {
    /// Whether `fullyConnected` handles this requantization: symmetric input and weights, int64
    /// accumulator, and either double scales or shifts the fixed-point kernel takes.
    public static func supports(quantization q: QuantizedOutput) -> Bool {
        q.inputOffset == 0 && q.weightOffset == 0 && q.wideAccumulator && (q.doubleScales != nil || q.shifts.allSatisfy { $0 <= 14 })
    }

    /// `output[b][u] = requantize(bias[u] + Σ_d input[b][d]·W[u][d], u)` for every row `b` of
    /// `input` (its elements grouped by `weights.depth`).
    public static func fullyConnected<B: FixedWidthInteger>(input: TensorView<Int16>, weights: PackedInt8Weights, bias: TensorView<B>?,
                                                            output: MutableTensorView<Int16>, quantization q: QuantizedOutput,
                                                            runner: ParallelRunner = ParallelRunner()) throws {
        guard supports(quantization: q), let requantization = Int16FullyConnectedRequantization(q) else {
            throw ShapeError("int16 FULLY_CONNECTED fast path does not take this quantization")
        }
        try fullyConnected(input: input, weights: weights, bias: bias, output: output, requantization: requantization, runner: runner)
    }

    /// As above with the requantization prepared once.
    static func fullyConnected<B: FixedWidthInteger>(input: TensorView<Int16>, weights: PackedInt8Weights, bias: TensorView<B>?,
                                                     output: MutableTensorView<Int16>, requantization: Int16FullyConnectedRequantization,
                                                     runner: ParallelRunner) throws {
        let depth = weights.depth, units = weights.rows
        guard depth > 0, input.count % depth == 0, output.count == input.count / depth * units else {
            throw ShapeError("FULLY_CONNECTED input \(input.shape) and output \(output.shape) do not fit weights [\(units), \(depth)]")
        }
        if let bias, bias.count != units { throw ShapeError("bias must have \(units) elements, got \(bias.count)") }
        let m = input.count / depth
        // Split rows when there are several, else the units (in whole weight panels).
        let panels = (units + Int(CK_I8_PANEL) - 1) / Int(CK_I8_PANEL)
        let workers = min(runner.threadCount, max(1, m * units * depth / (1 << 18)), m > 1 ? m : panels)
        withInt64Bias(bias, count: units) { biasPointer in
            weights.values.withUnsafeBufferPointer { packed in
                runner.run(workers: workers) { worker in
                    if m > 1 {
                        let first = m * worker / workers, count = m * (worker + 1) / workers - first
                        requantization.gemm(count, units, depth, input.base + first * depth, depth, packed.baseAddress!, biasPointer,
                                            output.base + first * units, units)
                    } else {
                        let firstPanel = panels * worker / workers, endPanel = panels * (worker + 1) / workers
                        let column = firstPanel * Int(CK_I8_PANEL), columns = min(units, endPanel * Int(CK_I8_PANEL)) - column
                        let pairs = (depth + 1) / 2
                        requantization.gemm(1, columns, depth, input.base, depth, packed.baseAddress! + firstPanel * pairs * Int(CK_I8_PANEL) * 2,
                                            biasPointer.map { $0 + column }, output.base + column, units, channelOffset: column)
                    }
                }
            }
        }
    }
}

/// The requantization of an int16×8 FULLY_CONNECTED in the C kernels' form: LiteRT's double
/// scales when the `QuantizedOutput` has them, else the int64 fixed-point multipliers.
final class Int16FullyConnectedRequantization: @unchecked Sendable {
    private let scales: UnsafeMutablePointer<Double>?
    private let fixed: Int16Requantization?
    private let outputOffset, activationMin, activationMax: Int32

    /// Nil when the fixed-point shifts are too large for the C kernel.
    init?(_ q: QuantizedOutput) {
        outputOffset = q.outputOffset
        activationMin = q.activationMin
        activationMax = q.activationMax
        if let doubles = q.doubleScales {
            let scales = UnsafeMutablePointer<Double>.allocate(capacity: max(doubles.count, 1))
            for (c, s) in doubles.enumerated() { scales[c] = s }
            self.scales = scales
            fixed = nil
        } else {
            guard let fixed = Int16Requantization(q) else { return nil }
            self.fixed = fixed
            scales = nil
        }
    }

    deinit { scales?.deallocate() }

    /// `ck_i16_gemm(_rescaled)` on output columns whose first is channel `channelOffset`.
    func gemm(_ m: Int, _ n: Int, _ k: Int, _ a: UnsafePointer<Int16>, _ aStride: Int, _ packed: UnsafePointer<Int16>,
              _ bias: UnsafePointer<Int64>?, _ out: UnsafeMutablePointer<Int16>, _ outStride: Int, channelOffset: Int = 0) {
        if let scales {
            var q = ck_i16_rescale(scales: scales + channelOffset, output_offset: outputOffset, act_min: activationMin, act_max: activationMax)
            ck_i16_gemm_rescaled(m, n, k, a, aStride, packed, bias, &q, out, outStride)
        } else if let fixed {
            var q = fixed.parameters
            q.reduced = fixed.parameters.reduced + channelOffset
            q.totals = fixed.parameters.totals + channelOffset
            ck_i16_gemm(m, n, k, a, aStride, packed, bias, &q, out, outStride)
        }
    }
}

/// The int16×8 FULLY_CONNECTED plan through the packed GEMM when the weights are constant and
/// the kernel takes the quantization; nil when the op needs the reference kernel.
func int16FullyConnectedFastPlan(_ context: OpContext, input: PreparedTensor, weights: PreparedTensor, bias: PreparedTensor?,
                                 outputShape shape: [Int], quantization q: QuantizedOutput) -> OpPlan? {
    guard input.type == .int16, weights.type == .int8, weights.shape.count == 2, let bytes = weights.knownBytes,
          bias == nil || bias?.type == .int32 || bias?.type == .int64,
          QuantizedFullyConnectedInt16Fast.supports(quantization: q), let requantization = Int16FullyConnectedRequantization(q) else {
        return nil
    }
    let packed = bytes.withUnsafeBytes { PackedInt8Weights($0.bindMemory(to: Int8.self).baseAddress!, rows: weights.shape[0],
                                                             depth: weights.shape[1]) }
    let runner = ParallelRunner(threadCount: context.threads)
    func plan<B: FixedWidthInteger>(_: B.Type) -> OpPlan {
        OpPlan(outputShapes: [shape]) { memory in
            let x = memory.input(0, input.shape, as: Int16.self), b = memory.optionalInput(2, bias?.shape, as: B.self)
            let y = memory.output(0, shape, as: Int16.self)
            return { try QuantizedFullyConnectedInt16Fast.fullyConnected(input: x, weights: packed, bias: b, output: y,
                                                                         requantization: requantization, runner: runner) }
        }
    }
    return bias?.type == .int32 ? plan(Int32.self) : plan(Int64.self)
}
