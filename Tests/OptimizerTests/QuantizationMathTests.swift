@testable import Optimizer
import Testing

@Test func weightsQuantizePerChannelWithAbsMaxOver127() {
    // Channel 0 absmax 1.27 → scale 0.01; channel 1 absmax 0.254 → scale 0.002.
    let q = WeightQuantization.symmetricInt8([0.5, -1.27, 0.005, 0.254, -0.001, 0.004], shape: [2, 3], axis: 0)
    #expect(q.scales == [Float(1.27) / 127, Float(0.254) / 127])
    #expect(q.values == [50, -127, 1, 127, -1, 2])  // 0.005/0.01 = 0.5 rounds away from zero; -0.001/0.002 = -0.5 → -1
    #expect(q.mins == [-1.27, -0.001] && q.maxs == [0.5, 0.254])
}

@Test func depthwiseWeightsUseTheLastAxis() {
    // Shape [1, 1, 2, 2]: channels alternate along the last axis.
    let q = WeightQuantization.symmetricInt8([1, -4, -2, 2], shape: [1, 1, 2, 2], axis: 3)
    #expect(q.scales == [Float(2) / 127, Float(4) / 127])
    #expect(q.values == [64, -127, -127, 64])  // 1 · 63.5 = 63.5 → 64
}

@Test func biasUsesTheFloat32ProductOfInputAndWeightScales() {
    let scales = WeightQuantization.biasScales(inputScale: 0.5, weightScales: [0.25, 0.1])
    #expect(scales == [0.125, Float(0.5) * Float(0.1)])
    #expect(WeightQuantization.int32Bias([1.0, -0.125], scales: [0.125]) == [8, -1])
    #expect(WeightQuantization.int32Bias([1e12], scales: [1e-3]) == [Int32.max])
    #expect(WeightQuantization.int64Bias([0x1p40], scales: [0.5]) == [1 << 41])  // beyond int32
}

@Test func int8ActivationParametersFollowTheLegacyFloatRule() {
    // Range [0, 1] → 1/255 with zero point −128 (the converter's image input).
    let unit = ActivationParameters.int8(min: 0, max: 1)
    #expect(unit.scale == Float(1) / 255 && unit.zeroPoint == -128)
    // [−1, 3]: scale 4/255, zero point −128 + 63.75 = −64.25 → −64.
    let shifted = ActivationParameters.int8(min: -1, max: 3)
    #expect(shifted.scale == Float(4) / 255 && shifted.zeroPoint == -64)
    // A range not containing 0 is extended to it: [2, 6] → [0, 6].
    #expect(ActivationParameters.int8(min: 2, max: 6) == ActivationParameters.int8(min: 0, max: 6))
    // All zeros: widened to ±5e-7.
    let flat = ActivationParameters.int8(min: 0, max: 0)
    #expect(abs(flat.scale - 1e-6 / 255) < 1e-12)
}

@Test func int16ActivationParametersAreSymmetric() {
    let p = ActivationParameters.int16(min: -10, max: 4)
    #expect(p.scale == Float(10) / 32767 && p.zeroPoint == 0)
}

@Test func halfConversionRoundsToNearestEvenAndClamps() {
    #expect(halfBits(1) == 0x3C00)
    #expect(halfBits(-2) == 0xC000)
    #expect(halfBits(65504) == 0x7BFF)
    #expect(halfBits(1e6) == 0x7BFF)            // clamped, not infinity
    #expect(halfBits(-1e6) == 0xFBFF)
    #expect(halfBits(0x1p-24) == 0x0001)        // smallest subnormal
    #expect(halfBits(1 + 0x1p-11) == 0x3C00)    // tie → even
    #expect(halfBits(1 + 0x1p-11 + 0x1p-20) == 0x3C01)
}

@Test func percentileObserverClipsOutliers() {
    var statistics = TensorStatistics()
    let values = (0..<1000).map { Float($0) / 1000 } + [100]
    values.withUnsafeBufferPointer { statistics.add($0, stride: 1) }
    let range = Observer.percentile(99).range(of: statistics, quantize: ActivationParameters.int8, levels: -128...127)
    #expect(range.max < 1 && range.min <= 0.011)
    #expect(Observer.minMax.range(of: statistics, quantize: ActivationParameters.int8, levels: -128...127).max == 100)
}

/// Sum of squared int8 quantize-dequantize errors, written out independently of the observer.
private func int8Error(_ values: [Float], _ lower: Float, _ upper: Float) -> Double {
    let p = ActivationParameters.int8(min: lower, max: upper)
    return values.reduce(0.0) { sum, x in
        let q = min(max((x / p.scale).rounded() + Float(p.zeroPoint), -128), 127)
        let e = Double(x) - Double((q - Float(p.zeroPoint)) * p.scale)
        return sum + e * e
    }
}

@Test func mseObserverPicksARangeNoWorseThanTheAlternatives() {
    // Many small values and a few large ones: the pick must beat both the full and a clipped range.
    let values = (0..<5000).map { Float($0 % 100) / 100 } + (0..<5).map { Float($0) + 20 }
    var statistics = TensorStatistics()
    values.withUnsafeBufferPointer { statistics.add($0, stride: 1) }
    let chosen = Observer.mse.range(of: statistics, quantize: ActivationParameters.int8, levels: -128...127)
    let error = int8Error(values, chosen.min, chosen.max)
    #expect(error <= int8Error(values, 0, 24))
    #expect(error <= int8Error(values, 0, 1))
    #expect(error <= int8Error(values, 0, 12))
}
