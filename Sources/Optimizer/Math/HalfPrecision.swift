/// float32 → IEEE binary16 bits, round to nearest even, after clamping to ±65504 (the converter
/// clamps instead of overflowing to infinity). Done on bits so it builds where Swift's `Float16`
/// is unavailable (Intel macOS).
func halfBits(_ value: Float) -> UInt16 {
    if value.isNaN { return 0x7E00 }
    let clamped = min(max(value, -65504), 65504)
    let bits = clamped.bitPattern
    let sign = UInt16((bits >> 16) & 0x8000)
    let exponent = Int((bits >> 23) & 0xFF) - 127
    var mantissa = bits & 0x7F_FFFF
    if exponent < -25 { return sign }
    if exponent < -14 {
        // Subnormal half: value = m × 2^-24 with the implicit bit made explicit.
        mantissa |= 0x80_0000
        let shift = UInt32(-exponent - 14 + 13)
        var half = mantissa >> shift
        let remainder = mantissa & ((1 << shift) - 1)
        let halfway = UInt32(1) << (shift - 1)
        if remainder > halfway || (remainder == halfway && half & 1 == 1) { half += 1 }
        return sign | UInt16(half)
    }
    var half = UInt32(exponent + 15) << 10 | (mantissa >> 13)
    let remainder = mantissa & 0x1FFF
    if remainder > 0x1000 || (remainder == 0x1000 && half & 1 == 1) { half += 1 }
    return sign | UInt16(half)
}
