/// A kernel's inputs or parameters do not fit together (shapes, axes, sizes); the message says
/// what was expected and what was found. The interpreter adds the operator index.
public struct ShapeError: Error, Equatable, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
