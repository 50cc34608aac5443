/// A terminal that shows buffers and delivers keys. Used from the main actor only.
@MainActor
public protocol TerminalBackend: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// Takes over the terminal (full screen, raw keys).
    func begin() throws
    /// Gives the terminal back as it was; safe to call more than once.
    func end()
    /// Shows `buffer` (drawn at the top-left; redraws only what changed since the last frame).
    func draw(_ buffer: CellBuffer)
    /// The next key, waiting at most `timeout`; nil when none arrived in time.
    func readKey(timeout: Duration) -> Key?
}
