/// Data that cannot be used with a model: unreadable files, wrong shape or dtype, NaN values,
/// empty folders. The message names the file or input and says what was expected.
public struct DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The category of failure, for callers that react to it.
    public enum Kind: Sendable, Equatable {
        case unreadable, shapeMismatch, typeMismatch, notFinite, empty, missingArray, badOption
    }

    public let kind: Kind
    /// What went wrong and where, for people.
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
