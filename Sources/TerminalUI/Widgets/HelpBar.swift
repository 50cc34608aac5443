/// A key and what it does, e.g. `q` → `quit`.
public struct KeyHint: Hashable, Sendable {
    public var key: String
    public var action: String

    public init(_ key: String, _ action: String) {
        self.key = key
        self.action = action
    }
}

/// The one-line key reminder at the bottom of the screen: `q quit  ? help  ↑↓ move`. Hints that
/// don't fit whole are left out (from the end).
public struct HelpBar: Widget, Sendable {
    public var hints: [KeyHint]
    public var keyStyle: Style
    public var style: Style

    public init(_ hints: [KeyHint], keyStyle: Style = Style(foreground: .cyan, bold: true), style: Style = .plain) {
        self.hints = hints
        self.keyStyle = keyStyle
        self.style = style
    }

    public func render(in area: Rect, on buffer: inout CellBuffer) {
        let row = area.row(0)
        guard !row.isEmpty else { return }
        buffer.fill(row, with: Cell(" ", style: style))
        var x = row.x
        for hint in hints {
            let width = hint.key.terminalWidth + 1 + hint.action.terminalWidth
            guard x + width <= row.maxX else { break }
            x += buffer.write(hint.key, at: Point(x: x, y: row.y), style: style.patched(with: keyStyle), clip: row)
            x += 1
            x += buffer.write(hint.action, at: Point(x: x, y: row.y), style: style, clip: row)
            x += 2
        }
    }
}
