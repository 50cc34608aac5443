/// Scale and zero point of a quantized activation tensor.
struct ActivationParameters: Equatable {
    var scale: Float
    var zeroPoint: Int64

    /// int8 parameters from a calibrated range, as the TF converter's MLIR quantizer computes them
    /// with `legacy_float_scale` (TFLITE_NOTES.md §5): the range is extended to include 0 and
    /// widened to at least 1e-6, scale = (max − min) / 255 in float32, and the zero point
    /// −128 − min / scale is clamped to [−128, 127] or rounded half away from zero.
    static func int8(min lower: Float, max upper: Float) -> ActivationParameters {
        var rmin = Swift.min(lower, 0)
        var rmax = Swift.max(upper, 0)
        if Double(rmax) - Double(rmin) <= 1e-6 {
            let middle = (Double(rmin) + Double(rmax)) / 2
            rmin = Float(middle - 5e-7)
            rmax = Float(middle + 5e-7)
        }
        let scale = (rmax - rmin) / 255
        let zero = -128 - rmin / scale
        let zeroPoint: Int64 = zero < -128 ? -128 : zero > 127 ? 127 : Int64(zero.rounded(.toNearestOrAwayFromZero))
        return ActivationParameters(scale: scale, zeroPoint: zeroPoint)
    }

    /// int16 symmetric parameters: scale = max(|min|, |max|) / 32767 in float32, zero point 0.
    static func int16(min lower: Float, max upper: Float) -> ActivationParameters {
        let absMax = Swift.max(abs(Swift.min(lower, 0)), abs(Swift.max(upper, 0)))
        return ActivationParameters(scale: Swift.max(absMax, 5e-7) / 32767, zeroPoint: 0)
    }
}
