import Testing
@testable import Runtime

/// Hybrid (dynamic-range) kernels: the on-the-fly input quantization and the dequantized sums,
/// worked by hand from TFLite's portable_tensor_utils rules.
@Suite struct HybridKernelTests {
    @Test func symmetricQuantizationScalesByMaxMagnitude() {
        let values: [Float] = [1, -2, 0.5]
        var q = [Int8](repeating: 0, count: 3)
        let p = values.withUnsafeBufferPointer { v in q.withUnsafeMutableBufferPointer { HybridQuantization.symmetric(v, into: $0.baseAddress!) } }
        // 127/2 = 63.5: 1 → 63.5 → 64 (ties away), −2 → −127, 0.5 → 31.75 → 32.
        #expect(q == [64, -127, 32])
        #expect(p == .init(scale: 2 / 127, zeroPoint: 0))
    }

    @Test func asymmetricQuantizationPicksZeroPointFromTheSmallerError() {
        let values: [Float] = [1, -2, 0.4]
        var q = [Int8](repeating: 0, count: 3)
        let p = values.withUnsafeBufferPointer { v in q.withUnsafeMutableBufferPointer { HybridQuantization.asymmetric(v, into: $0.baseAddress!) } }
        // scale 3/255; zp from max: 127 − 85 = 42; q = 42 + x·85 → 127, −128, 76.
        #expect(p.zeroPoint == 42)
        #expect(abs(p.scale - 3 / 255) < 1e-9)
        #expect(q == [127, -128, 76])
    }

    /// With the AVX2 code (level 0) and the portable C (level 2).
    @Test(arguments: [0, 2])
    func groupsOfEightRoundByAddingAHalf(level: Int) {
        // Range 127 gives 127/range = 1. ±0.49999997 ± 0.5 rounds to ±1.0 in float32, so inside a
        // group of eight it becomes ±1; in the scalar tail `round` gives 0. Halves go away from zero
        // either way.
        let values: [Float] = [127, -0.49999997, 2.5, -2.5, 1.5, 0, 0, 0.49999997, 0.49999997, -0.49999997, 2.5]
        var q = [Int8](repeating: 0, count: values.count)
        KernelSelection.with(level: level) {
            _ = values.withUnsafeBufferPointer { v in q.withUnsafeMutableBufferPointer { HybridQuantization.symmetric(v, into: $0.baseAddress!) } }
        }
        #expect(q == [127, -1, 3, -3, 2, 0, 0, 1, 0, 0, 3])
    }

    @Test func asymmetricZeroPointIsAddedAfterRounding() {
        // Eight non-negative values with max 1.275 → scale 0.005, zp −128. 0.0425/0.005 = 8.5 → 9, so
        // q = −119 (rounding zp + x/scale = −119.5 would give −120).
        let values: [Float] = [1.275, 0.0425, 0, 0, 0, 0, 0, 0]
        var q = [Int8](repeating: 0, count: values.count)
        let p = values.withUnsafeBufferPointer { v in q.withUnsafeMutableBufferPointer { HybridQuantization.asymmetric(v, into: $0.baseAddress!) } }
        #expect(p.zeroPoint == -128)
        #expect(q[1] == -119)
    }

    @Test func allZeroRowQuantizesToZeroWithUnitScale() {
        let values: [Float] = [0, 0]
        var q: [Int8] = [9, 9]
        let p = values.withUnsafeBufferPointer { v in q.withUnsafeMutableBufferPointer { HybridQuantization.asymmetric(v, into: $0.baseAddress!) } }
        #expect(q == [0, 0] && p == .init(scale: 1, zeroPoint: 0))
    }

    private func fullyConnected(asymmetric: Bool) throws -> Float {
        let input = QuantBuffer<Float>([1, 3], [1, -2, 0.4])
        let weights = QuantBuffer<Int8>([1, 3], [1, 2, 3])
        let bias = QuantBuffer<Float>([1], [0.25])
        let output = QuantBuffer<Float>([1, 1], repeating: 0)
        try HybridFullyConnected.compute(input: input.view, weights: weights.view, bias: bias.view, output: output.mutableView,
                                         parameters: .init(fullyConnected: .init(), weightScales: [0.5], asymmetricInputs: asymmetric))
        return output.values[0]
    }

    @Test func symmetricFullyConnectedDequantizesTheIntegerDot() throws {
        // q = [64, −127, 25] (0.4·63.5 = 25.4): dot = 64 − 254 + 75 = −115; ·(2/127·0.5) + 0.25.
        #expect(abs(try fullyConnected(asymmetric: false) - (-115.0 / 127 + 0.25)) < 1e-6)
    }

    @Test func asymmetricFullyConnectedSubtractsRowSumTimesZeroPoint() throws {
        // q = [127, −128, 76]: dot = 127 − 256 + 228 = 99; − 6·42 = −153; ·(3/255·0.5) = −0.9; + 0.25.
        #expect(abs(try fullyConnected(asymmetric: true) - (-0.65)) < 1e-6)
    }

    @Test func perChannelConvolutionUsesAsymmetricInputAndChannelScales() throws {
        // Per-channel scales differ → asymmetric path. Input [1, −2, 0.4] as 1×1×3×1, 1×1 filters
        // with weights 2 and −1: channel c output = w_c·(q − 42)·(3/255)·scale_c.
        let input = QuantBuffer<Float>([1, 1, 3, 1], [1, -2, 0.4])
        let filter = QuantBuffer<Int8>([2, 1, 1, 1], [2, -1])
        let output = QuantBuffer<Float>([1, 1, 3, 2], repeating: 0)
        try HybridConvolution.compute(input: input.view, filter: filter.view, bias: nil, output: output.mutableView,
                                      parameters: .init(padding: .valid), weightScales: [0.5, 0.25])
        let s: Float = 3 / 255
        let expected: [Float] = [85, -170, 34].flatMap { d in [2 * d * 0.5 * s, -d * 0.25 * s] }
        for (got, want) in zip(output.values, expected) { #expect(abs(got - want) < 1e-5) }
    }

    @Test func depthwiseHybridSkipsPaddingTaps() throws {
        // SAME 3×1 kernel over a width-1 input: only the centre tap is inside. Input [−1] → scale 1/255,
        // zp 127 (from max), q = 127 − 255 = −128: acc = 4·(−128 − 127) = −1020 → −1020·(0.25/255) = −1.
        let input = QuantBuffer<Float>([1, 1, 1, 1], [-1])
        let filter = QuantBuffer<Int8>([1, 1, 3, 1], [9, 4, 9])
        let output = QuantBuffer<Float>([1, 1, 1, 1], repeating: 0)
        try HybridDepthwiseConvolution.compute(input: input.view, filter: filter.view, bias: nil, output: output.mutableView,
                                               parameters: .init(padding: .same), weightScales: [0.25])
        #expect(abs(output.values[0] - -1) < 1e-6)
    }
}
