import LiteModel
import Runtime

/// One model input as a dataset sees it: the shape of one sample and how float values become the
/// input's bytes (float32 as is; int8/uint8/int16 quantized with the input's scale and zero point).
public struct InputBinding: Sendable {
    public let info: TensorInfo
    /// The input's shape without its batch dimension (a leading 1 or dynamic dimension).
    public let sampleShape: [Int]

    public init(_ info: TensorInfo) {
        self.info = info
        let batched = info.shape.count > 1 && (info.shape[0] == 1 || info.shapeSignature.first == -1)
        sampleShape = batched ? Array(info.shape.dropFirst()) : info.shape
    }

    /// Elements of one sample.
    public var sampleCount: Int { sampleShape.reduce(1, *) }

    /// The input's name for messages: `'image'` or `'image' (serving_default_image:0)`.
    var label: String { info.name == info.tensorName ? "'\(info.name)'" : "'\(info.name)' (\(info.tensorName))" }

    /// Whether float data can feed this input (converted or quantized).
    var acceptsFloats: Bool { [.float32, .int8, .uint8, .int16].contains(info.type) }

    /// The input bytes for one sample of float values, quantizing integer inputs as TFLite's
    /// QUANTIZE does: `round(x / scale) + zero_point` (halves away from zero), clamped to the type.
    func encode(_ values: [Float]) -> [UInt8] {
        switch info.type {
        case .int8: return quantized(values, Int8.self).map { UInt8(bitPattern: $0) }
        case .uint8: return quantized(values, UInt8.self)
        case .int16: return quantized(values, Int16.self).withUnsafeBytes { Array($0) }
        default: return values.withUnsafeBytes { Array($0) }
        }
    }

    private func quantized<T: FixedWidthInteger>(_ values: [Float], _: T.Type) -> [T] {
        let scale = info.scales.first ?? 1
        let zeroPoint = Float(info.zeroPoints.first ?? 0)
        return values.map { value in
            let q = (value / scale).rounded(.toNearestOrAwayFromZero) + zeroPoint
            return T(min(max(q, Float(T.min)), Float(T.max)))
        }
    }
}
