/// A failure of the advisor: missing or malformed data files, bad answers.
public enum AdvisorError: Error, Equatable, CustomStringConvertible {
    /// A bundled data file is missing or does not decode; `path` is relative to the bundle.
    case badData(path: String, reason: String)
    /// An answer the decision tree cannot use, e.g. an unparsable budget.
    case badAnswer(String)

    public var description: String {
        switch self {
        case .badData(let path, let reason): "advisor data \(path): \(reason)"
        case .badAnswer(let reason): reason
        }
    }
}
