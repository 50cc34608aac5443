/// A failure reading or writing `.npy` / `.npz` data, saying what went wrong and where.
public struct NumPyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The category of failure, for callers that react to it.
    public enum Kind: Sendable, Equatable {
        case io, truncated, badMagic, badHeader, unsupportedDType, unsupportedLayout
        case shapeMismatch, typeMismatch, badArchive, checksumMismatch, missingArray
    }

    public let kind: Kind
    /// What went wrong, for people.
    public let message: String
    /// The file path (or `archive.npz:name.npy`, or `<memory>`) being read or written.
    public let source: String
    /// Byte offset in `source` where the problem was found, when known.
    public let offset: Int?

    public init(_ kind: Kind, _ message: String, source: String, offset: Int? = nil) {
        self.kind = kind
        self.message = message
        self.source = source
        self.offset = offset
    }

    public var description: String {
        if let offset { return "\(source) (byte \(offset)): \(message)" }
        return "\(source): \(message)"
    }
}
