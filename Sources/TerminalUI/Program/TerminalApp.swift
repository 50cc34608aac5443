/// A terminal program in the Elm style: state changes only in `update`, the screen is a pure
/// function of the state (`view`), and keys become messages (`message(for:in:)`).
public protocol TerminalApp {
    associatedtype State
    associatedtype Message: Sendable

    /// Applies `message` to `state` and returns what else to do.
    func update(_ state: inout State, _ message: Message) -> [Effect<Message>]
    /// Draws `state` into a buffer of `size`.
    func view(_ state: State, size: Size) -> CellBuffer
    /// The message a key means in `state`, or nil to ignore the key.
    func message(for key: Key, in state: State) -> Message?
    /// Below this size the runner shows `TooSmallScreen` instead of `view` (default 80×24).
    var minimumSize: Size { get }
}

extension TerminalApp {
    public var minimumSize: Size { Size(width: 80, height: 24) }
}
