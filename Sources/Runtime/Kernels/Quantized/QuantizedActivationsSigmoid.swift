import Foundation

/// int16 LOGISTIC and TANH as TFLite's reference_integer_ops (logistic.h, tanh.h): the input
/// rescaled so that 3·2¹² ↦ 1.0 (range ±10.7), then a 256-entry sigmoid table in 0.16 format with
/// linear interpolation; tanh reads it at twice the rate (tanh(x) = 2·sigmoid(2x) − 1).
public enum QuantizedSigmoid {
    /// Input rescaling of TFLite's Prepare for int16 LOGISTIC/TANH: a power-of-two input scale
    /// uses `multiplier` 0 and a left shift (0, or also 1 for tanh); otherwise `scale·3·4096`
    /// doubled until above 16383.5 (at most 31 times), truncated.
    public static func inputRescale(scale: Float, tanh: Bool) -> (multiplier: Int32, shift: Int) {
        if let log2 = checkedLog2(scale) {
            let shift = 12 + log2
            if shift == 0 || (tanh && shift == 1) { return (0, shift) }
        }
        var multiplier = Double(scale) * 4096.0 * 3.0
        var shift = 0
        while multiplier <= 32767.0 / 2.0 && shift <= 30 {
            shift += 1
            multiplier *= 2
        }
        return (Int32(multiplier), shift)
    }

    /// TFLite `CheckedLog2`: the rounded base-2 logarithm of `x` (float32 arithmetic) when `x` is
    /// within 10⁻³ (in log₂) of a power of two, else nil.
    public static func checkedLog2(_ x: Float) -> Int? {
        let log2 = Foundation.log(x) * (1 / Foundation.log(Float(2)))
        let rounded = FixedPoint.round(log2)
        return abs(log2 - rounded) < 1e-3 ? Int(rounded) : nil
    }

    /// int16 LOGISTIC (output scale 1/32768, zero points 0).
    public static func logistic(_ input: TensorView<Int16>, multiplier: Int32, shift: Int, into output: MutableTensorView<Int16>) {
        apply(input, multiplier: multiplier, shift: shift, into: output) { x in
            let magnitude = UInt32(abs(x))
            let segment = Int(magnitude >> 9)
            var result: UInt32 = 0x7FFF << 10
            if segment < 255 {
                let (a, b) = (UInt32(sigmoidTable[segment]), UInt32(sigmoidTable[segment + 1]))
                result = (a << 9) &+ (magnitude & 0x1FF) &* (b &- a)
            }
            result = x >= 0 ? result + (1 << 9) : (1 << 25) &- result &+ (1 << 9) &- 1
            return Int16(truncatingIfNeeded: result >> 10)
        }
    }

    /// int16 TANH (output scale 1/32768, zero points 0).
    public static func tanh(_ input: TensorView<Int16>, multiplier: Int32, shift: Int, into output: MutableTensorView<Int16>) {
        apply(input, multiplier: multiplier, shift: shift, into: output) { x in
            let magnitude = UInt32(abs(x))
            let segment = Int(magnitude >> 8)
            var result: Int32 = 0xFFFF << 8
            if segment < 255 {
                let (a, b) = (UInt32(sigmoidTable[segment]), UInt32(sigmoidTable[segment + 1]))
                result = Int32(bitPattern: (a << 8) &+ (magnitude & 0xFF) &* (b &- a))
            }
            result = x >= 0 ? result - (1 << 23) + (1 << 7) : -result + (1 << 23) + (1 << 7) - 1
            return Int16(truncatingIfNeeded: result >> 8)
        }
    }

    private static func apply(_ input: TensorView<Int16>, multiplier: Int32, shift: Int, into output: MutableTensorView<Int16>,
                              _ body: (Int32) -> Int16) {
        let (m, s) = multiplier == 0 ? (Int32(3) << Int32(shift), 0) : (multiplier, shift)
        let round: Int32 = s > 0 ? 1 << Int32(s - 1) : 0
        for i in 0..<input.count {
            output[i] = body((Int32(input[i]) * m + round) >> Int32(s))
        }
    }

    /// TFLite's `sigmoid_table_uint16`: sigmoid(i/24) in 0.16 fixed point, i in 0..<256. It equals
    /// round(65536 · sigmoid(i/24)) except at `roundedUp`, where TFLite's table is one higher.
    static let sigmoidTable: [UInt16] = (0..<256).map { i in
        let value = (65536.0 / (1.0 + exp(-Double(i) / 24.0))).rounded(.toNearestOrAwayFromZero)
        return UInt16(min(value, 65535)) + (roundedUp.contains(i) ? 1 : 0)
    }

    private static let roundedUp: Set<Int> = [
        4, 8, 12, 14, 15, 16, 17, 19, 20, 21, 22, 25, 27, 28, 29, 30, 31, 33, 34, 35, 37, 39, 40, 41, 43, 44, 45, 46, 49, 50, 54, 62, 63, 64, 66, 82, 86, 93, 100, 103, 112, 116, 135, 255,
    ]
}
