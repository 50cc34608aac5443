import Foundation

/// TFLite's on-the-fly quantization of float activations for hybrid (dynamic-range) kernels
/// (portable_tensor_utils.cc `SymmetricQuantizeFloats` / `AsymmetricQuantizeFloats`): each row
/// (a batch entry) gets its own scale, and with the asymmetric variant its own zero point.
public enum HybridQuantization {
    /// One quantized row's parameters: real ≈ scale · (q − zeroPoint).
    public struct RowParameters: Sendable, Equatable {
        public var scale: Float
        public var zeroPoint: Int32
    }

    /// Symmetric int8 in [−127, 127]: scale = max|x| / 127, q = round(x · 127/max|x|); an
    /// all-zero row gives zeros with scale 1.
    public static func symmetric(_ values: UnsafeBufferPointer<Float>, into quantized: UnsafeMutablePointer<Int8>) -> RowParameters {
        var low = values.first ?? 0, high = low
        for v in values { low = min(low, v); high = max(high, v) }
        let range = max(abs(low), abs(high))
        if range == 0 {
            quantized.update(repeating: 0, count: values.count)
            return RowParameters(scale: 1, zeroPoint: 0)
        }
        let inverse = 127 / range
        for (i, v) in values.enumerated() {
            quantized[i] = Int8(clampTo127(FixedPoint.round(v * inverse)))
        }
        return RowParameters(scale: range / 127, zeroPoint: 0)
    }

    /// Asymmetric int8 in [−128, 127] over the range extended to include 0: scale and zero
    /// point computed in double as TFLite does (zero point from whichever end has the smaller
    /// error, nudged into range and rounded half away from zero), q = round(zp + x / scale) with
    /// the reciprocal scale in float32.
    public static func asymmetric(_ values: UnsafeBufferPointer<Float>, into quantized: UnsafeMutablePointer<Int8>) -> RowParameters {
        var low = values.first ?? 0, high = low
        for v in values { low = min(low, v); high = max(high, v) }
        let rmin = Double(min(0, low)), rmax = Double(max(0, high))
        if rmin == rmax {
            quantized.update(repeating: 0, count: values.count)
            return RowParameters(scale: 1, zeroPoint: 0)
        }
        let (qmin, qmax) = (-128.0, 127.0)
        let scale = (rmax - rmin) / (qmax - qmin)
        let fromMin = qmin - rmin / scale, fromMax = qmax - rmax / scale
        let errorMin = abs(qmin) + abs(rmin / scale), errorMax = abs(qmax) + abs(rmax / scale)
        let zeroPoint = errorMin < errorMax ? fromMin : fromMax
        let nudged: Int32 = zeroPoint <= qmin ? -128 : zeroPoint >= qmax ? 127 : Int32(zeroPoint.rounded(.toNearestOrAwayFromZero))
        let floatScale = Float(scale)
        let inverse = 1 / floatScale
        let offset = Float(nudged)
        for (i, v) in values.enumerated() {
            let q = FixedPoint.round(offset + v * inverse)
            quantized[i] = Int8(min(127, max(-128, q)))
        }
        return RowParameters(scale: floatScale, zeroPoint: nudged)
    }

    /// Quantizes `rows` rows of `depth` values with `symmetric` or `asymmetric`.
    public static func quantizeRows(_ values: UnsafePointer<Float>, rows: Int, depth: Int, asymmetric isAsymmetric: Bool,
                                    into quantized: UnsafeMutablePointer<Int8>) -> [RowParameters] {
        (0 ..< rows).map { r in
            let row = UnsafeBufferPointer(start: values + r * depth, count: depth)
            return isAsymmetric ? asymmetric(row, into: quantized + r * depth) : symmetric(row, into: quantized + r * depth)
        }
    }

    @inline(__always) private static func clampTo127(_ x: Float) -> Float { min(127, max(-127, x)) }
}
