import Runtime
import Testing

/// Hand-computed cases of TFLite's fixed-point rules (TFLITE_NOTES.md §4).
@Suite struct FixedPointTests {
    @Test func quantizeMultiplierSplitsIntoQ31AndShift() {
        #expect(FixedPoint.quantizeMultiplier(0.5) == (1 << 30, 0))
        #expect(FixedPoint.quantizeMultiplier(1.0) == (1 << 30, 1))
        #expect(FixedPoint.quantizeMultiplier(0.75) == (1_610_612_736, 0))
        #expect(FixedPoint.quantizeMultiplier(0.0) == (0, 0))
        // 2^-40: the shift would be -39, below -31, so the multiplier flushes to zero.
        #expect(FixedPoint.quantizeMultiplier(1.0 / 1_099_511_627_776) == (0, 0))
        // Just below 1: 0.99999999999 · 2^31 rounds up to 2^31, renormalised to 2^30 with shift 1.
        #expect(FixedPoint.quantizeMultiplier(0.99999999999) == (1 << 30, 1))
    }

    @Test func highMulRoundsTiesTowardPositiveInfinity() {
        #expect(FixedPoint.saturatingRoundingDoublingHighMul(1 << 30, 1 << 30) == 1 << 29)
        #expect(FixedPoint.saturatingRoundingDoublingHighMul(3, 1 << 30) == 2)    // 1.5 → 2
        #expect(FixedPoint.saturatingRoundingDoublingHighMul(-3, 1 << 30) == -1)  // −1.5 → −1
        #expect(FixedPoint.saturatingRoundingDoublingHighMul(.min, .min) == .max)
    }

    @Test func divideByPowerOfTwoRoundsTiesAwayFromZero() {
        #expect(FixedPoint.roundingDivideByPOT(5, 1) == 3)    // 2.5
        #expect(FixedPoint.roundingDivideByPOT(-5, 1) == -3)  // −2.5
        #expect(FixedPoint.roundingDivideByPOT(7, 2) == 2)    // 1.75
        #expect(FixedPoint.roundingDivideByPOT(-6, 2) == -2)  // −1.5
        #expect(FixedPoint.roundingDivideByPOT(-5, 2) == -1)  // −1.25
    }

    @Test func multiplyByQuantizedMultiplierAppliesBothRoundings() {
        #expect(FixedPoint.multiplyByQuantizedMultiplier(Int32(100), 1 << 30, 0) == 50)
        #expect(FixedPoint.multiplyByQuantizedMultiplier(Int32(100), 1 << 30, -1) == 25)
        #expect(FixedPoint.multiplyByQuantizedMultiplier(Int32(3), 1 << 30, 1) == 3)
        #expect(FixedPoint.multiplyByQuantizedMultiplier(Int32(-101), 1 << 30, -1) == -25)  // −25.25
    }

    @Test func int64OverloadUsesQ15MultiplierAndSingleRounding() {
        // (1000 · 2^14 + 2^14) >> 15 = 500.5 floored → 500.
        #expect(FixedPoint.multiplyByQuantizedMultiplier(Int64(1000), 1 << 30, 0) == 500)
        // −3 · 0.5 = −1.5: single rounding with ties toward +∞ gives −1.
        #expect(FixedPoint.multiplyByQuantizedMultiplier(Int64(-3), 1 << 30, 0) == -1)
        #expect(FixedPoint.multiplyByQuantizedMultiplier(Int64(5), 0x7FFF_FFFF, 0) == 5)
    }
}
