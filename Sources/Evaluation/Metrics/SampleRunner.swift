import LiteModel
import Runtime

/// Runs a model one sample at a time on bytes from a `Dataset` and returns every output as
/// float values, quantized outputs dequantized with their scale and zero point.
public final class SampleRunner {
    public let interpreter: Interpreter
    /// Names the model in errors (its path or role).
    public let name: String

    public init(model: Model, name: String, threads: Int = 1, preserveAllTensors: Bool = false) throws(EvaluationError) {
        do {
            interpreter = try Interpreter(model: model, options: .init(threads: threads, preserveAllTensors: preserveAllTensors))
        } catch {
            throw .model(name, error)
        }
        self.name = name
    }

    /// Runs on one sample (bytes for each input, in input order); returns each output's values.
    public func run(_ inputs: [[UInt8]]) throws(EvaluationError) -> [[Float]] {
        do {
            for (position, bytes) in inputs.enumerated() {
                let result: Result<Void, RuntimeError> = bytes.withUnsafeBytes { raw in
                    Result { () throws(RuntimeError) in try interpreter.setInput(position, bytes: raw) }
                }
                try result.get()
            }
            try interpreter.invoke()
        } catch {
            throw .model(name, error)
        }
        return interpreter.outputs.enumerated().map { position, info in
            dequantized(interpreter.outputBytes(position), type: info.type, scale: info.scales.first, zeroPoint: info.zeroPoints.first)
        }
    }
}

/// Tensor bytes as floats: float types converted, integer types as `(q − zeroPoint) · scale`
/// when `scale` is given, else their plain values; other types give an empty array.
func dequantized(_ bytes: [UInt8], type: TensorType, scale: Float?, zeroPoint: Int64?) -> [Float] {
    guard let dtype = DType(type), let array = try? NDArray(dtype: dtype, shape: [bytes.count / dtype.itemSize], data: bytes) else {
        return []
    }
    let values = array.floats()
    guard !dtype.isFloatingPoint, let scale, scale != 0 else { return values }
    let zero = Float(zeroPoint ?? 0)
    return values.map { ($0 - zero) * scale }
}
