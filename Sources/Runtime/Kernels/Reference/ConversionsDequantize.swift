/// Affine quantization of a tensor for DEQUANTIZE: one scale/zero point, or one per index of
/// `quantizedDimension` (per-axis) when there are several.
public struct DequantizationParameters: Sendable, Equatable {
    public var scales: [Float]
    public var zeroPoints: [Int]
    public var quantizedDimension: Int

    /// Per-tensor parameters.
    public init(scale: Float, zeroPoint: Int) {
        self.init(scales: [scale], zeroPoints: [zeroPoint], quantizedDimension: 0)
    }

    /// Per-axis parameters along `quantizedDimension` (per-tensor when there is one scale).
    public init(scales: [Float], zeroPoints: [Int], quantizedDimension: Int) {
        self.scales = scales; self.zeroPoints = zeroPoints; self.quantizedDimension = quantizedDimension
    }
}

/// A quantized integer element DEQUANTIZE reads (Int8, UInt8, Int16).
public protocol QuantizedElement: FixedWidthInteger {}
extension Int8: QuantizedElement {}
extension UInt8: QuantizedElement {}
extension Int16: QuantizedElement {}

extension Conversions {
    /// DEQUANTIZE keeps the input shape; per-axis parameters need one scale and zero point per
    /// index of the quantized dimension.
    public static func dequantizeOutputShape(input: [Int], _ parameters: DequantizationParameters) throws -> [Int] {
        let count = parameters.scales.count
        guard count >= 1, parameters.zeroPoints.count == count else {
            throw ShapeError("DEQUANTIZE needs matching scales and zero points, got \(count) scales and \(parameters.zeroPoints.count) zero points")
        }
        if count > 1 {
            let axis = parameters.quantizedDimension
            guard axis >= 0, axis < input.count, input[axis] == count else {
                throw ShapeError("DEQUANTIZE per-axis parameters: expected \(count) channels along dimension \(axis), input shape is \(input)")
            }
        }
        return input
    }

    /// `float(double(scale) · (q − zeroPoint))` per element, with the channel's parameters when
    /// quantized per axis. (TFLite's per-channel kernel multiplies in float; for 8/16-bit inputs
    /// the product is exact in double, so both round to the same float.)
    public static func dequantize<Q: QuantizedElement>(
        _ input: TensorView<Q>, _ parameters: DequantizationParameters, into output: MutableTensorView<Float>
    ) {
        precondition(output.count == input.count, "DEQUANTIZE output must have \(input.count) elements")
        let channels = parameters.scales.count
        let axis = parameters.quantizedDimension
        let inner = channels > 1 ? input.shape[(axis + 1)...].reduce(1, *) : 1
        for i in 0..<input.count {
            let channel = channels > 1 ? (i / inner) % channels : 0
            let centred = Int(input[i]) - parameters.zeroPoints[channel]
            output[i] = Float(Double(parameters.scales[channel]) * Double(centred))
        }
    }

    /// DEQUANTIZE of IEEE half-precision values given as raw bits (exact conversion).
    public static func dequantizeFloat16(_ input: TensorView<UInt16>, into output: MutableTensorView<Float>) {
        precondition(output.count == input.count, "DEQUANTIZE output must have \(input.count) elements")
        for i in 0..<input.count { output[i] = Float(Float16(bitPattern: input[i])) }
    }
}
