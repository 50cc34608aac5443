import Foundation

/// TFLite's lookup tables for quantized element-wise functions (kernels/internal/common.h
/// `LUTPopulate`, `LUTLookup`): a 256-entry table for 8-bit inputs built from the float
/// function, and a 513-entry interpolated table for int16.
public enum LookupTable {
    /// The 256 outputs of `transform` for every int8 input: dequantize in float32, apply,
    /// `round(y / s_out)` (as `y · (1/s_out)`) plus the zero point, clamped. Indexed by the
    /// input's bit pattern (`UInt8(bitPattern:)`).
    public static func int8(input: AffineQuantization, output: AffineQuantization, _ transform: (Float) -> Float) -> [Int8] {
        var table = [Int8](repeating: 0, count: 256)
        let inverseScale = 1 / output.scale
        for value in Int32(Int8.min)...Int32(Int8.max) {
            let dequantized = input.scale * Float(value - input.zeroPoint)
            let rescaled = FixedPoint.round(transform(dequantized) * inverseScale)
            let quantized = rescaled + Float(output.zeroPoint)
            let clamped = quantized.isNaN ? 0 : min(max(quantized, Float(Int8.min)), Float(Int8.max))
            table[Int(UInt8(bitPattern: Int8(value)))] = Int8(clamped)
        }
        return table
    }

    /// Applies a table from `int8(input:output:_:)`.
    public static func apply(_ table: [Int8], _ input: TensorView<Int8>, into output: MutableTensorView<Int8>) {
        table.withUnsafeBufferPointer { lut in
            for i in 0..<input.count { output[i] = lut[Int(UInt8(bitPattern: input[i]))] }
        }
    }

    /// The 513-entry int16 table of `transform` over the input range of (scale, zero point),
    /// computed in double (`LUTPopulateInt16<double>`): 512 samples biased by half the
    /// interpolation error at each segment's midpoint, plus the end point.
    public static func int16(inputScale: Double, inputZeroPoint: Int32, outputScale: Double, outputZeroPoint: Int32,
                             _ transform: (Double) -> Double) -> [Int16] {
        let inputMin = inputScale * Double(Int32(Int16.min) - inputZeroPoint)
        let inputMax = inputScale * Double(Int32(Int16.max) - inputZeroPoint)
        let outputMin = outputScale * Double(Int32(Int16.min) - outputZeroPoint)
        let outputMax = outputScale * Double(Int32(Int16.max) - outputZeroPoint)
        let steps = 512
        let step = (inputMax - inputMin) / Double(steps)
        let halfStep = step / 2
        let scalingInverse = 65536.0 / (outputMax - outputMin)
        func clampToTable(_ x: Double) -> Int16 { Int16(min(max(x, Double(Int16.min)), Double(Int16.max))) }
        func round(_ x: Double) -> Double { x.rounded(.toNearestOrAwayFromZero) }
        var table = [Int16](repeating: 0, count: steps + 1)
        for i in 0..<steps {
            let value = transform(inputMin + Double(i) * step)
            let midpoint = transform(inputMin + Double(i) * step + halfStep)
            let next = transform(inputMin + Double(i + 1) * step)
            let sample = round(value * scalingInverse)
            let interpolatedMidpoint = round((next * scalingInverse + round(value * scalingInverse)) / 2)
            let error = interpolatedMidpoint - round(midpoint * scalingInverse)
            table[i] = clampToTable(sample - round(error / 2))
        }
        table[steps] = clampToTable(round(transform(inputMax) * scalingInverse))
        return table
    }

    /// `LUTLookup` for int16: the high 9 bits select a segment, the low 7 interpolate.
    @inline(__always)
    public static func lookup(_ value: Int16, _ table: UnsafeBufferPointer<Int16>) -> Int16 {
        let index = 256 + Int(value >> 7)
        let offset = Int32(value & 0x7f)
        let base = Int32(table[index])
        let slope = Int32(table[index + 1]) - base
        return Int16(truncatingIfNeeded: base + ((slope * offset + 64) >> 7))
    }
}
