import Foundation

/// TFLite's fixed-point requantization arithmetic (kernels/internal/quantization_util.cc and
/// common.h, gemmlowp fixedpoint.h), in the default double-rounding build. See
/// shared/reference/TFLITE_NOTES.md §4 for the exact rules these functions follow.
public enum FixedPoint {
    /// Splits a positive real multiplier into `multiplier · 2^(shift − 31)` with `multiplier` a
    /// Q31 value in [2^30, 2^31): `frexp`, round half away from zero, renormalise at 2^31, flush
    /// multipliers below 2^−31 to zero.
    public static func quantizeMultiplier(_ real: Double) -> (multiplier: Int32, shift: Int) {
        guard real != 0 else { return (0, 0) }
        let (fraction, exponent) = (frexp(real).0, Int(frexp(real).1))
        var q = (fraction * Double(1 << 31)).rounded(.toNearestOrAwayFromZero)
        var shift = exponent
        if q == Double(1 << 31) {
            q /= 2
            shift += 1
        }
        if shift < -31 { return (0, 0) }
        return (Int32(q), shift)
    }

    /// `a·b / 2^31` rounded to nearest with ties toward +∞, saturating only INT32_MIN².
    @inline(__always)
    public static func saturatingRoundingDoublingHighMul(_ a: Int32, _ b: Int32) -> Int32 {
        if a == .min && b == .min { return .max }
        let product = Int64(a) * Int64(b)
        let nudge: Int64 = product >= 0 ? 1 << 30 : 1 - (1 << 30)
        return Int32(truncatingIfNeeded: (product + nudge) / (1 << 31))
    }

    /// `x / 2^exponent` rounded to nearest with ties away from zero.
    @inline(__always)
    public static func roundingDivideByPOT(_ x: Int32, _ exponent: Int) -> Int32 {
        let mask = Int32(truncatingIfNeeded: (Int64(1) << exponent) - 1)
        let remainder = x & mask
        let threshold = (mask >> 1) + (x < 0 ? 1 : 0)
        return (x >> Int32(exponent)) + (remainder > threshold ? 1 : 0)
    }

    /// `x · multiplier · 2^(shift − 31)` with TFLite's double rounding (the default build).
    @inline(__always)
    public static func multiplyByQuantizedMultiplier(_ x: Int32, _ multiplier: Int32, _ shift: Int) -> Int32 {
        let left = shift > 0 ? shift : 0
        let right = shift > 0 ? 0 : -shift
        return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x &* Int32(truncatingIfNeeded: 1 << left), multiplier), right)
    }

    /// The int64-accumulator overload used by int16×8 conv/FC: the multiplier reduced to Q15,
    /// one rounding with ties toward +∞.
    @inline(__always)
    public static func multiplyByQuantizedMultiplier(_ x: Int64, _ multiplier: Int32, _ shift: Int) -> Int32 {
        let reduced: Int64 = multiplier < 0x7FFF_0000 ? (Int64(multiplier) + (1 << 15)) >> 16 : 0x7FFF
        let total = 15 - shift
        return Int32(truncatingIfNeeded: (x &* reduced &+ (Int64(1) << (total - 1))) >> Int64(total))
    }

    /// `round(x)` with ties away from zero, as `std::round`/`TfLiteRound`.
    @inline(__always)
    public static func round(_ x: Float) -> Float { x.rounded(.toNearestOrAwayFromZero) }
}
