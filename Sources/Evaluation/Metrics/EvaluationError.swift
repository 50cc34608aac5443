import Runtime

/// Why an evaluation stopped: bad data, a model that cannot run, or outputs that don't fit.
public enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    case data(DatasetError)
    /// A model (named by its role or path) could not be prepared or run.
    case model(String, RuntimeError)
    /// Outputs, labels or models that don't fit together.
    case mismatch(String)

    public var description: String {
        switch self {
        case .data(let error): error.description
        case .model(let name, let error): "\(name): \(error)"
        case .mismatch(let message): message
        }
    }
}
