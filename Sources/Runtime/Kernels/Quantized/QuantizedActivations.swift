/// Quantized element-wise activations that TFLite computes with integer arithmetic
/// (activations.cc and reference/{leaky_relu,prelu,hard_swish}.h).
public enum QuantizedActivations {
    /// RELU / RELU6 / RELU_N1_TO_1: `zp_out + M·(x − zp_in)` (M = s_in/s_out computed in float32),
    /// clamped to `[zp_out + roundf(low/s_out), zp_out + roundf(high/s_out)]` ∩ the type range
    /// (`high` = nil for no upper bound).
    public static func relu<Q: FixedWidthInteger>(_ input: TensorView<Q>, input inQ: AffineQuantization, output outQ: AffineQuantization,
                                                  low: Float, high: Float?, into output: MutableTensorView<Q>) {
        let (multiplier, shift) = FixedPoint.quantizeMultiplier(Double(inQ.scale / outQ.scale))
        let lowest = max(Int32(Q.min), outQ.zeroPoint + Int32(FixedPoint.round(low / outQ.scale)))
        let highest = high.map { min(Int32(Q.max), outQ.zeroPoint + Int32(FixedPoint.round($0 / outQ.scale))) } ?? Int32(Q.max)
        for i in 0..<input.count {
            let value = outQ.zeroPoint + FixedPoint.multiplyByQuantizedMultiplier(Int32(input[i]) - inQ.zeroPoint, multiplier, shift)
            output[i] = Q(min(max(value, lowest), highest))
        }
    }

    /// LEAKY_RELU: identity multiplier `s_in/s_out` for x ≥ zp, alpha multiplier
    /// `s_in·α/s_out` below (both computed in float32 as TFLite's Prepare does).
    public static func leakyRelu<Q: FixedWidthInteger>(_ input: TensorView<Q>, alpha: Float, input inQ: AffineQuantization,
                                                       output outQ: AffineQuantization, into output: MutableTensorView<Q>) {
        let identity = FixedPoint.quantizeMultiplier(Double(inQ.scale / outQ.scale))
        let scaledAlpha = FixedPoint.quantizeMultiplier(Double(inQ.scale * alpha / outQ.scale))
        for i in 0..<input.count {
            let x = Int32(input[i]) - inQ.zeroPoint
            let (m, s) = x >= 0 ? identity : scaledAlpha
            let value = outQ.zeroPoint + FixedPoint.multiplyByQuantizedMultiplier(x, m, s)
            output[i] = Q(QuantizedElementwise.clamp(value, Int32(Q.min)...Int32(Q.max)))
        }
    }

    /// PRELU with a broadcast alpha: `M₁·x` for x ≥ 0, else `M₂·(x·α)` with
    /// M₁ = s_in/s_out and M₂ = s_in·s_α/s_out (float32), offsets removed first.
    public static func prelu<Q: FixedWidthInteger>(_ input: TensorView<Q>, alpha: TensorView<Q>, input inQ: AffineQuantization,
                                                   alpha alphaQ: AffineQuantization, output outQ: AffineQuantization,
                                                   into output: MutableTensorView<Q>) {
        let positive = FixedPoint.quantizeMultiplier(Double(inQ.scale / outQ.scale))
        let negative = FixedPoint.quantizeMultiplier(Double(inQ.scale * alphaQ.scale / outQ.scale))
        Broadcast.forEachIndex(input.shape, alpha.shape, outputShape: output.shape) { o, i, j in
            let x = Int32(input[i]) - inQ.zeroPoint
            let value = x >= 0
                ? FixedPoint.multiplyByQuantizedMultiplier(x, positive.multiplier, positive.shift)
                : FixedPoint.multiplyByQuantizedMultiplier(x &* (Int32(alpha[j]) - alphaQ.zeroPoint), negative.multiplier, negative.shift)
            output[o] = Q(QuantizedElementwise.clamp(value + outQ.zeroPoint, Int32(Q.min)...Int32(Q.max)))
        }
    }

    /// HARD_SWISH on int8, following reference/hard_swish.h: the input on a 2⁷-finer scale, a
    /// 16-bit "relu-ish" factor in [0, 1] from the input rescaled so that 3.0 ↦ 2¹⁵, their
    /// truncating doubling high product, then the output shift and zero point.
    public static func hardSwish(_ input: TensorView<Int8>, input inQ: AffineQuantization, output outQ: AffineQuantization,
                                 into output: MutableTensorView<Int8>) {
        let hiresScale = (1.0 as Float / 128.0) * inQ.scale
        let (outputMultiplier32, outputExponent) = FixedPoint.quantizeMultiplier(Double(hiresScale / outQ.scale))
        let (reluishMultiplier32, reluishExponent) = FixedPoint.quantizeMultiplier(Double(hiresScale / (3.0 as Float / 32768.0)))
        let outputMultiplier = downscaleToInt16(outputMultiplier32)
        let reluishMultiplier = downscaleToInt16(reluishMultiplier32)
        for i in 0..<input.count {
            let centred = Int16(truncatingIfNeeded: Int32(input[i]) - inQ.zeroPoint)
            let hires = Int16(truncatingIfNeeded: Int32(centred) * 128)
            let preshiftOutput = saturatingRoundingDoublingHighMul16(hires, outputMultiplier)
            var reluish = hires
            if reluishExponent > 0 { reluish = saturatingLeftShift16(reluish, reluishExponent - 1) }
            reluish = saturatingRoundingDoublingHighMul16(reluish, reluishMultiplier)
            if reluishExponent > 0 { reluish = saturatingLeftShift16(reluish, 1) }
            if reluishExponent < 0 { reluish = Int16(FixedPoint.roundingDivideByPOT(Int32(reluish), -reluishExponent)) }
            reluish = Int16(truncatingIfNeeded: (Int32(reluish) + (1 << 15)) >> 1)
            let preshift = doublingHighMul16(reluish, preshiftOutput)
            var value = Int16(FixedPoint.roundingDivideByPOT(Int32(preshift), -outputExponent))
            value = Int16(truncatingIfNeeded: Int32(value) + outQ.zeroPoint)
            output[i] = Int8(min(max(value, Int16(Int8.min)), Int16(Int8.max)))
        }
    }

    /// TFLite `DownScaleInt32ToInt16Multiplier`: round a Q31 multiplier to Q15.
    static func downscaleToInt16(_ multiplier: Int32) -> Int16 {
        if multiplier >= Int32.max - (1 << 15) { return .max }
        return Int16((multiplier + (1 << 15)) >> 16)
    }

    /// gemmlowp's 16-bit SaturatingRoundingDoublingHighMul (ties toward +∞).
    static func saturatingRoundingDoublingHighMul16(_ a: Int16, _ b: Int16) -> Int16 {
        if a == .min && b == .min { return .max }
        let product = Int32(a) * Int32(b)
        let nudge: Int32 = product >= 0 ? 1 << 14 : 1 - (1 << 14)
        return Int16(truncatingIfNeeded: (product + nudge) / (1 << 15))
    }

    /// The non-rounding variant (truncates toward zero), like ARM SQDMULH.
    static func doublingHighMul16(_ a: Int16, _ b: Int16) -> Int16 {
        if a == .min && b == .min { return .max }
        return Int16(truncatingIfNeeded: (Int32(a) * Int32(b)) / (1 << 15))
    }

    static func saturatingLeftShift16(_ value: Int16, _ amount: Int) -> Int16 {
        let shifted = Int64(value) * (Int64(1) << Int64(amount))
        return Int16(min(max(shifted, Int64(Int16.min)), Int64(Int16.max)))
    }
}
