/// A problem found while reading a FlatBuffers binary: what is wrong and at which byte offset.
public struct FlatBufferError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Byte offset from the start of the buffer where the problem was found.
    public let offset: Int
    /// What is wrong, in words.
    public let message: String

    public init(offset: Int, _ message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { "\(message) (at byte offset \(offset))" }
}
