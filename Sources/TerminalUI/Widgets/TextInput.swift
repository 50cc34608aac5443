/// The value behind a one-line text field: its text and a cursor between characters.
public struct TextInput: Hashable, Sendable {
    public private(set) var text: String
    /// Characters before the cursor (0 … `text.count`).
    public private(set) var cursor: Int

    /// An input holding `text` with the cursor at its end.
    public init(_ text: String = "") {
        self.text = text
        self.cursor = text.count
    }

    /// What a key did to the input.
    public enum Outcome: Hashable, Sendable {
        /// The text or cursor changed.
        case edited
        /// Tab found several completions; the text was extended to what they share.
        case completions([String])
        /// The key isn't an editing key (e.g. Enter, Esc, ↑); the caller handles it.
        case ignored
    }

    /// Applies an editing key: printable characters and Space insert, Backspace/Delete remove,
    /// ←/→/Home/End (and Ctrl-A/Ctrl-E) move, Ctrl-U clears, and Tab asks `complete` for the
    /// full texts that could follow the current one and takes the one or their common prefix.
    public mutating func handle(_ key: Key, complete: (String) -> [String] = { _ in [] }) -> Outcome {
        switch key {
        case .character(let c): insert(c)
        case .space: insert(" ")
        case .backspace:
            guard cursor > 0 else { return .edited }
            text.remove(at: index(cursor - 1))
            cursor -= 1
        case .delete:
            if cursor < text.count { text.remove(at: index(cursor)) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = text.count
        case .control("u"): self = TextInput()
        case .tab: return completeText(with: complete(text))
        default: return .ignored
        }
        return .edited
    }

    private mutating func completeText(with candidates: [String]) -> Outcome {
        guard let first = candidates.first else { return .edited }
        var common = first
        for candidate in candidates.dropFirst() {
            common = String(zip(common, candidate).prefix { $0 == $1 }.map(\.0))
        }
        if common.count > text.count && common.hasPrefix(text) { self = TextInput(common) }
        return candidates.count == 1 ? .edited : .completions(candidates)
    }

    private mutating func insert(_ c: Character) {
        text.insert(c, at: index(cursor))
        cursor += 1
    }

    private func index(_ offset: Int) -> String.Index {
        text.index(text.startIndex, offsetBy: offset)
    }
}
