import CKernels
import Foundation

/// TFLite's on-the-fly quantization of float activations for hybrid (dynamic-range) kernels, as
/// LiteRT runs it on x86 (`NeonSymmetricQuantizeFloats` / `NeonAsymmetricQuantizeFloats`
/// through NEON_2_SSE): each row (a batch entry) gets its own scale, and with the asymmetric
/// variant its own zero point. Values in whole groups of 8 are rounded by adding ±0.5 and
/// truncating (the vector `RoundToNearest`), the rest with `round` (ties away from zero); the
/// zero point is added after rounding. The element loops run in C (`ck_hyb_quantize_row`).
public enum HybridQuantization {
    /// One quantized row's parameters: real ≈ scale · (q − zeroPoint).
    public struct RowParameters: Sendable, Equatable {
        public var scale: Float
        public var zeroPoint: Int32
    }

    /// Symmetric int8 in [−127, 127]: scale = max|x| / 127, q = round(x · (127 / max|x|)); an
    /// all-zero row gives zeros with scale 1.
    public static func symmetric(_ values: UnsafeBufferPointer<Float>, into quantized: UnsafeMutablePointer<Int8>) -> RowParameters {
        guard let base = values.baseAddress, let first = values.first else { return RowParameters(scale: 1, zeroPoint: 0) }
        var low = first, high = first
        ck_f32_range(values.count, base, &low, &high)
        let range = max(abs(low), abs(high))
        if range == 0 {
            quantized.update(repeating: 0, count: values.count)
            return RowParameters(scale: 1, zeroPoint: 0)
        }
        // |x · 127/range| ≤ 127, so the integer clamp equals the float one (NaN gives −127 either way).
        ck_hyb_quantize_row(values.count, base, 127 / range, 0, -127, 127, quantized)
        return RowParameters(scale: range / 127, zeroPoint: 0)
    }

    /// Asymmetric int8 in [−128, 127] over the range extended to include 0: scale and zero
    /// point computed in double (zero point from whichever end has the smaller error, nudged
    /// into range and rounded half away from zero), then q = zp + round(x · float(1 / scale)).
    public static func asymmetric(_ values: UnsafeBufferPointer<Float>, into quantized: UnsafeMutablePointer<Int8>) -> RowParameters {
        var low: Float = 0, high: Float = 0
        if let base = values.baseAddress { ck_f32_range(values.count, base, &low, &high) }
        let rmin = Double(low), rmax = Double(high)
        if rmin == rmax {
            quantized.update(repeating: 0, count: values.count)
            return RowParameters(scale: 1, zeroPoint: 0)
        }
        let (qmin, qmax) = (-128.0, 127.0)
        let scale = (rmax - rmin) / (qmax - qmin)
        let fromMin = qmin - rmin / scale, fromMax = qmax - rmax / scale
        let errorMin = abs(qmin) + abs(rmin / scale), errorMax = abs(qmax) + abs(rmax / scale)
        let zeroPoint = errorMin < errorMax ? fromMin : fromMax
        let nudged: Int32 = zeroPoint <= qmin ? -128 : zeroPoint >= qmax ? 127 : x86Int32(zeroPoint.rounded(.toNearestOrAwayFromZero))
        let floatScale = Float(scale)
        let inverse = Float(1.0 / Double(floatScale))
        ck_hyb_quantize_row(values.count, values.baseAddress!, inverse, nudged, -128, 127, quantized)
        return RowParameters(scale: floatScale, zeroPoint: nudged)
    }

    /// Quantizes `rows` rows of `depth` values with `symmetric` or `asymmetric`.
    /// `quantizeRows` over `rows` rows of `depth` values into a new array.
    static func quantizedRows(_ values: UnsafePointer<Float>, rows: Int, depth: Int,
                              asymmetric: Bool) -> (values: [Int8], rows: [RowParameters]) {
        var quantized = [Int8](repeating: 0, count: rows * depth)
        let parameters = quantized.withUnsafeMutableBufferPointer {
            quantizeRows(values, rows: rows, depth: depth, asymmetric: asymmetric, into: $0.baseAddress!)
        }
        return (quantized, parameters)
    }

    public static func quantizeRows(_ values: UnsafePointer<Float>, rows: Int, depth: Int, asymmetric isAsymmetric: Bool,
                                    into quantized: UnsafeMutablePointer<Int8>) -> [RowParameters] {
        (0 ..< rows).map { r in
            let row = UnsafeBufferPointer(start: values + r * depth, count: depth)
            return isAsymmetric ? asymmetric(row, into: quantized + r * depth) : symmetric(row, into: quantized + r * depth)
        }
    }

    /// A conversion to int32 as x86's `cvtt` instructions do it: NaN and out-of-range values
    /// (only reachable with infinite inputs) give Int32.min instead of trapping.
    @inline(__always) static func x86Int32(_ x: Double) -> Int32 {
        x > -2_147_483_649 && x < 2_147_483_648 ? Int32(x) : .min
    }
}

extension ConvGeometry {
    /// Throws unless the hybrid weights carry one scale or one per output channel.
    func checkWeightScales(_ scales: [Float], op: String) throws {
        guard scales.count == 1 || scales.count == outChannels else {
            throw ShapeError("\(op) weights have \(scales.count) scales, expected 1 or \(outChannels)")
        }
    }
}
