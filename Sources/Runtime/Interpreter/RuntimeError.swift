/// Why a model cannot be prepared or run, with the operator or tensor concerned.
public enum RuntimeError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Operators the runtime has no kernel for, all of them at once (index, name, reason).
    case unsupportedOps([UnsupportedOp])
    /// An operator's inputs or options don't fit together.
    case invalidOp(index: Int, name: String, message: String)
    /// The model itself is inconsistent.
    case invalidModel(String)
    /// Input data does not match the model's input.
    case badInput(String)

    /// One operator the runtime cannot run.
    public struct UnsupportedOp: Equatable, Sendable {
        public let index: Int
        public let name: String
        public let reason: String
    }

    public var description: String {
        switch self {
        case .unsupportedOps(let ops):
            return ops.map { "unsupported op \($0.name) at operator \($0.index) (\($0.reason))" }.joined(separator: "\n")
        case .invalidOp(let index, let name, let message):
            return "\(name) at operator \(index): \(message)"
        case .invalidModel(let message):
            return "invalid model: \(message)"
        case .badInput(let message):
            return "bad input: \(message)"
        }
    }
}
