/// A terminal in memory for tests: scripted keys in, recorded frames out.
///
/// Frames are stored as the configured terminal would show them (`capabilities` applies the
/// ASCII fallback and drops colours for monochrome). `readKey` never waits: it returns the next
/// scripted key (or scripted resize), or nil when the script is used up.
///
///     let terminal = InMemoryBackend(size: Size(width: 80, height: 24), keys: [.down, .enter])
///     // … run a `ProgramRunner` on it …
///     print(terminal.frames.last!.text)
@MainActor
public final class InMemoryBackend: TerminalBackend {
    /// The terminal size; set it directly between steps, or script a change with `resize(to:)`.
    public var size: Size
    public let capabilities: TerminalCapabilities
    /// Every buffer drawn, in order, as the terminal showed it.
    public private(set) var frames: [CellBuffer] = []
    /// Scripted events not read yet.
    private var script: [ScriptEvent]

    private enum ScriptEvent {
        case key(Key)
        case resize(Size)
    }
    /// True between `begin()` and `end()`.
    public private(set) var isActive = false
    /// How many times `end()` restored the terminal.
    public private(set) var endCount = 0

    public init(size: Size, keys: [Key] = [], capabilities: TerminalCapabilities = .full) {
        self.size = size
        self.script = keys.map { .key($0) }
        self.capabilities = capabilities
    }

    /// The last frame drawn.
    public var screen: CellBuffer? { frames.last }

    /// Adds keys to the end of the script.
    public func type(_ keys: Key...) { script.append(contentsOf: keys.map { .key($0) }) }

    /// Adds the characters of `text` to the script (spaces as `.space`).
    public func type(text: String) {
        script.append(contentsOf: text.map { .key($0 == " " ? .space : .character($0)) })
    }

    /// Scripts a resize after the keys already scripted: when read, the size changes and
    /// `readKey` returns `.resize`, as a real terminal does.
    public func resize(to newSize: Size) {
        script.append(.resize(newSize))
    }

    public func begin() throws { isActive = true }

    public func end() {
        guard isActive else { return }
        isActive = false
        endCount += 1
    }

    public func draw(_ buffer: CellBuffer) {
        frames.append(capabilities.adapt(buffer))
    }

    public func readKey(timeout: Duration) -> Key? {
        guard !script.isEmpty else { return nil }
        switch script.removeFirst() {
        case .key(let key):
            return key
        case .resize(let newSize):
            size = newSize
            return .resize
        }
    }
}
