import CKernels

/// QUANTIZE (TFLite kernels/quantize.cc with reference/quantize.h and requantize.h).
public enum QuantizeOp {
    /// float32 → integer: `round_half_away(x / scale) + zp` (float32 division), clamped. int16,
    /// int8 and uint8 outputs run through the C kernels (same results).
    public static func quantize<Q: FixedWidthInteger>(_ input: TensorView<Float>, _ q: AffineQuantization,
                                                      into output: MutableTensorView<Q>) {
        if (-65536 ... 65536).contains(q.zeroPoint) {
            let (count, raw) = (input.count, UnsafeMutableRawPointer(output.base))
            if Q.self == Int16.self {
                return ck_quantize_f32_i16(count, input.base, q.scale, q.zeroPoint, raw.assumingMemoryBound(to: Int16.self))
            } else if Q.self == Int8.self {
                return ck_quantize_f32_i8(count, input.base, q.scale, q.zeroPoint, raw.assumingMemoryBound(to: Int8.self))
            } else if Q.self == UInt8.self {
                return ck_quantize_f32_u8(count, input.base, q.scale, q.zeroPoint, raw.assumingMemoryBound(to: UInt8.self))
            }
        }
        reference(input, q, into: output)
    }

    /// The element-by-element quantization the C kernels match.
    static func reference<Q: FixedWidthInteger>(_ input: TensorView<Float>, _ q: AffineQuantization, into output: MutableTensorView<Q>) {
        for i in 0..<input.count {
            let rounded = FixedPoint.round(input[i] / q.scale)
            // Clamp in float first so huge values and NaN cannot trap the integer conversion.
            let bounded = rounded.isNaN ? 0 : min(max(rounded, -2_147_483_648), 2_147_483_520)
            let value = Int64(Int32(bounded)) + Int64(q.zeroPoint)
            output[i] = Q(min(max(value, Int64(Q.min)), Int64(Q.max)))
        }
    }

    /// Integer → integer requantization: `MBQM(x − zp_in, s_in/s_out) + zp_out` (multiplier from
    /// the scales' double quotient), clamped to the output type.
    public static func requantize<S: FixedWidthInteger, D: FixedWidthInteger>(_ input: TensorView<S>, input inQ: AffineQuantization,
                                                                              output outQ: AffineQuantization,
                                                                              into output: MutableTensorView<D>) {
        let (multiplier, shift) = FixedPoint.quantizeMultiplier(Double(inQ.scale) / Double(outQ.scale))
        for i in 0..<input.count {
            let value = FixedPoint.multiplyByQuantizedMultiplier(Int32(input[i]) - inQ.zeroPoint, multiplier, shift) + outQ.zeroPoint
            output[i] = D(QuantizedElementwise.clamp(value, Int32(D.min)...Int32(D.max)))
        }
    }
}
