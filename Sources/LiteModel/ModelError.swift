import FlatBuffers

/// Why a `.tflite` file could not be read or written, with where it happened.
public enum ModelError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The bytes are not a TFLite FlatBuffer (wrong or missing `TFL3` identifier).
    case notTFLite(found: String)
    /// The FlatBuffer structure is broken (bad offset, truncated vector…).
    case corrupt(FlatBufferError)
    /// The structure is readable but refers to things that don't exist.
    case invalid(String)
    /// The file could not be read or written.
    case io(path: String, reason: String)
    /// The model is too large for the chosen encoding.
    case tooLarge(String)

    public var description: String {
        switch self {
        case .notTFLite(let found):
            return "not a TFLite model: file identifier is \(found), expected \"TFL3\" (at byte offset 4)"
        case .corrupt(let error):
            return "corrupt model: \(error.message) (at byte offset \(error.offset))"
        case .invalid(let message):
            return "invalid model: \(message)"
        case .io(let path, let reason):
            return "\(path): \(reason)"
        case .tooLarge(let message):
            return "model too large: \(message)"
        }
    }
}
