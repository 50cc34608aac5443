import Testing
@testable import Runtime

/// A tensor of any element type with stable memory for the quantized kernel tests.
final class QuantBuffer<T> {
    let shape: [Int]
    let base: UnsafeMutablePointer<T>

    init(_ shape: [Int], _ values: [T]) {
        precondition(values.count == shape.reduce(1, *), "values do not fill \(shape)")
        self.shape = shape
        base = .allocate(capacity: max(values.count, 1))
        base.initialize(from: values, count: values.count)
    }

    convenience init(_ shape: [Int], repeating value: T) { self.init(shape, Array(repeating: value, count: shape.reduce(1, *))) }

    deinit { base.deallocate() }

    var view: TensorView<T> { TensorView(shape: shape, base: base) }
    var mutableView: MutableTensorView<T> { MutableTensorView(shape: shape, base: base) }
    var values: [T] { Array(UnsafeBufferPointer(start: base, count: shape.reduce(1, *))) }
}

/// Hand-computed requantization of single conv outputs (TFLite integer_ops reference semantics,
/// TFLITE_NOTES.md §4): the sums, multipliers, roundings and clamps below are worked on paper.
@Suite struct QuantizedConvolutionTests {
    /// Input 2×2×1 (scale 0.5, zp −1: real 1, 2, 0, 3), a 2×2 filter (scale 0.25: real 0.5, −1,
    /// 1.5, 2), VALID → one output with scale 1, zp 3.
    /// Σ w·(x + 1) = 2·2 − 4·4 + 6·0 + 8·6 = 36; the multiplier 0.5·0.25/1 = 0.125 is
    /// 2^30 · 2^(−2−31+31)… i.e. (2^30, shift −2).
    func convolve(bias: Int32, activation: FusedActivation = .none, outputScale: Float = 1, outputZeroPoint: Int32 = 3) throws -> Int8 {
        let input = QuantBuffer<Int8>([1, 2, 2, 1], [1, 3, -1, 5])
        let filter = QuantBuffer<Int8>([1, 2, 2, 1], [2, -4, 6, 8])
        let biasBuffer = QuantBuffer<Int32>([1], [bias])
        let output = QuantBuffer<Int8>([1, 1, 1, 1], repeating: 0)
        let q = try QuantizedOutput.make(inputScale: 0.5, inputZeroPoint: -1, weightScales: [0.25], outputScale: outputScale,
                                         outputZeroPoint: outputZeroPoint, channels: 1, rule: .doubleProduct,
                                         activation: activation, typeRange: -128 ... 127)
        try QuantizedConvolution.compute(input: input.view, filter: filter.view, bias: biasBuffer.view, output: output.mutableView,
                                         parameters: .init(padding: .valid), quantization: q)
        return output.values[0]
    }

    @Test func multiplierIsQ31HalfWithShiftMinusTwo() throws {
        let q = try QuantizedOutput.make(inputScale: 0.5, inputZeroPoint: -1, weightScales: [0.25], outputScale: 1,
                                         outputZeroPoint: 3, channels: 1, rule: .doubleProduct, activation: .none, typeRange: -128 ... 127)
        #expect(q.multipliers == [1 << 30])
        #expect(q.shifts == [-2])
        #expect(q.inputOffset == 1)
    }

    @Test func positiveTieRoundsAwayFromZero() throws {
        // bias 8 (real 1.0 at scale 0.125): acc 44 → 44/8 = 5.5 → 6, plus zp 3 = 9.
        #expect(try convolve(bias: 8) == 9)
    }

    @Test func negativeTieRoundsAwayFromZero() throws {
        // bias −80: acc −44 → −5.5 → −6 (double rounding; single rounding would give −5), + 3 = −3.
        #expect(try convolve(bias: -80) == -3)
    }

    @Test func relu6ClampsAtQuantizedSix() throws {
        // Output scale 0.5, zp −10: relu6 range is [−10, −10 + 12] = [−10, 2]. acc 44 → 44/4 = 11 → 1.
        #expect(try convolve(bias: 8, activation: .relu6, outputScale: 0.5, outputZeroPoint: -10) == 1)
        // acc 36 + 100 = 136 → 34 − 10 = 24, clamped to 2.
        #expect(try convolve(bias: 100, activation: .relu6, outputScale: 0.5, outputZeroPoint: -10) == 2)
        // acc 36 − 200 = −164 → −41 − 10 = −51, clamped to −10 by the relu.
        #expect(try convolve(bias: -200, activation: .relu6, outputScale: 0.5, outputZeroPoint: -10) == -10)
    }

    @Test func activationRangeQuantizesBoundsInFloat() throws {
        #expect(try QuantizedOutput.activationRange(.relu6, scale: 0.5, zeroPoint: -10, typeRange: -128 ... 127) == (-10, 2))
        #expect(try QuantizedOutput.activationRange(.reluN1To1, scale: 0.4, zeroPoint: 0, typeRange: -128 ... 127) == (-3, 3))  // ±2.5 → ±3
        #expect(try QuantizedOutput.activationRange(.relu, scale: 0.1, zeroPoint: 120, typeRange: -128 ... 127) == (120, 127))
        #expect(try QuantizedOutput.activationRange(.none, scale: 1, zeroPoint: 0, typeRange: -32768 ... 32767) == (-32768, 32767))
    }

    @Test func paddingTapsActLikeTheInputZeroPoint() throws {
        // SAME 2×2 over a 1×1 input (zp −1, value 3 → x + 1 = 4): only tap (0, 0) is inside.
        let input = QuantBuffer<Int8>([1, 1, 1, 1], [3])
        let filter = QuantBuffer<Int8>([1, 2, 2, 1], [5, 7, 7, 7])
        let output = QuantBuffer<Int8>([1, 1, 1, 1], repeating: 0)
        let q = QuantizedOutput(inputOffset: 1, outputOffset: 0, multipliers: [1 << 30], shifts: [1], activationMin: -128, activationMax: 127)
        try QuantizedConvolution.compute(input: input.view, filter: filter.view, bias: QuantBuffer<Int32>?.none?.view,
                                         output: output.mutableView, parameters: .init(padding: .same), quantization: q)
        #expect(output.values == [20])  // 5·4 = 20, multiplier 2^30·2^1 = ×1
    }

    @Test func int16UsesTheQ15RequantizerWithTiesUp() throws {
        // The same sums through the int64 path: acc −44 · (2^14) + 2^16 >> 17 = −5.5 → −5 (ties toward +∞).
        let input = QuantBuffer<Int16>([1, 2, 2, 1], [2, 4, 0, 6])
        let filter = QuantBuffer<Int8>([1, 2, 2, 1], [2, -4, 6, 8])
        let bias = QuantBuffer<Int64>([1], [-80])
        let output = QuantBuffer<Int16>([1, 1, 1, 1], repeating: 0)
        let q = try QuantizedOutput.make(inputScale: 0.5, inputZeroPoint: 0, weightScales: [0.25], outputScale: 1,
                                         outputZeroPoint: 0, channels: 1, rule: .doubleProduct, activation: .none,
                                         typeRange: -32768 ... 32767, wideAccumulator: true)
        try QuantizedConvolution.compute(input: input.view, filter: filter.view, bias: bias.view, output: output.mutableView,
                                         parameters: .init(padding: .valid), quantization: q)
        #expect(output.values == [-5])
    }

    @Test func fullyConnectedRescalesInDoubleWithTiesAwayFromZero() throws {
        // LiteRT's reference FULLY_CONNECTED: round(Double(acc) · 0.125). acc = 36 − 80 = −44 →
        // −5.5 → −6, where the int16 Q15 fixed-point path would give −5.
        let input = QuantBuffer<Int16>([1, 4], [2, 4, 0, 6])
        let weights = QuantBuffer<Int8>([1, 4], [2, -4, 6, 8])
        let bias = QuantBuffer<Int64>([1], [-80])
        let output = QuantBuffer<Int16>([1, 1], repeating: 0)
        let q = try QuantizedOutput.make(inputScale: 0.5, inputZeroPoint: 0, weightScales: [0.25], outputScale: 1,
                                         outputZeroPoint: 0, channels: 1, rule: .doubleRescale, activation: .none,
                                         typeRange: -32768 ... 32767, wideAccumulator: true)
        #expect(q.doubleScales == [0.125])
        try QuantizedFullyConnected.compute(input: input.view, weights: weights.view, bias: bias.view, output: output.mutableView,
                                            parameters: .init(), quantization: q)
        #expect(output.values == [-6])
    }

    @Test func uint8SubtractsTheWeightZeroPoint() throws {
        // uint8 weights with zp 128: (130 − 128)·(x − 10) summed: 2·(12 − 10) + (−1)·(14 − 10) = 0, + bias 7 → 7.
        let input = QuantBuffer<UInt8>([1, 1, 2, 1], [12, 14])
        let filter = QuantBuffer<UInt8>([1, 1, 2, 1], [130, 127])
        let bias = QuantBuffer<Int32>([1], [7])
        let output = QuantBuffer<UInt8>([1, 1, 1, 1], repeating: 0)
        let q = QuantizedOutput(inputOffset: -10, weightOffset: -128, outputOffset: 100, multipliers: [1 << 30], shifts: [1],
                                activationMin: 0, activationMax: 255)
        try QuantizedConvolution.compute(input: input.view, filter: filter.view, bias: bias.view, output: output.mutableView,
                                         parameters: .init(padding: .valid), quantization: q)
        #expect(output.values == [107])
    }

    @Test func depthwiseMultiplierChannelsReadTheirInputChannel() throws {
        // 2 input channels, multiplier 2: output channel c·2 + m reads input channel c.
        let input = QuantBuffer<Int8>([1, 1, 1, 2], [3, -2])
        let filter = QuantBuffer<Int8>([1, 1, 1, 4], [1, 2, 3, 4])
        let output = QuantBuffer<Int8>([1, 1, 1, 4], repeating: 0)
        let q = QuantizedOutput(inputOffset: 0, outputOffset: 0, multipliers: Array(repeating: 1 << 30, count: 4),
                                shifts: Array(repeating: 1, count: 4), activationMin: -128, activationMax: 127)
        try QuantizedDepthwiseConvolution.compute(input: input.view, filter: filter.view, bias: QuantBuffer<Int32>?.none?.view,
                                                  output: output.mutableView, parameters: .init(padding: .valid), quantization: q)
        #expect(output.values == [3, 6, -6, -8])
    }

    @Test func transposeConvScattersAndRequantizesPerChannel() throws {
        // Input 1×1 value 2 (zp 0), stride 2, kernel 2×2, VALID → 2×2 output = 2·w, multiplier ×0.5.
        let input = QuantBuffer<Int8>([1, 1, 1, 1], [2])
        let weights = QuantBuffer<Int8>([1, 2, 2, 1], [1, 3, -5, 7])
        let output = QuantBuffer<Int8>([1, 2, 2, 1], repeating: 0)
        let q = QuantizedOutput(inputOffset: 0, outputOffset: 1, multipliers: [1 << 30], shifts: [0], activationMin: -128, activationMax: 127)
        try QuantizedTransposeConvolution.compute(weights: weights.view, input: input.view, bias: QuantBuffer<Int32>?.none?.view,
                                                  output: output.mutableView,
                                                  parameters: .init(padding: .valid, strideHeight: 2, strideWidth: 2), quantization: q)
        #expect(output.values == [2, 4, -4, 8])  // 2·w·0.5 + 1
    }

    @Test func batchMatMulSubtractsBothZeroPoints() throws {
        // [1×2]·[2×1]: (3 − 1)·(4 − 2) + (5 − 1)·(−1 − 2) = 4 − 12 = −8, ×1 + zp 0.
        let lhs = QuantBuffer<Int8>([1, 2], [3, 5]), rhs = QuantBuffer<Int8>([2, 1], [4, -1])
        let output = QuantBuffer<Int8>([1, 1], repeating: 0)
        let q = QuantizedOutput(inputOffset: -2, weightOffset: -1, outputOffset: 0, multipliers: [1 << 30], shifts: [1],
                                activationMin: -128, activationMax: 127)
        try QuantizedBatchMatMul.compute(lhs: lhs.view, rhs: rhs.view, output: output.mutableView, parameters: .init(), quantization: q)
        #expect(output.values == [-8])
    }
}
