/// A titled group of key hints in the help overlay.
public struct HelpSection: Hashable, Sendable {
    public var title: String
    public var hints: [KeyHint]

    public init(_ title: String, _ hints: [KeyHint]) {
        self.title = title
        self.hints = hints
    }
}

/// The full key map (`?`), centred in a rounded box: section titles in bold, keys in a column.
public struct HelpOverlay: Widget, Sendable {
    public var title: String
    public var sections: [HelpSection]

    public init(title: String = "Keys", sections: [HelpSection]) {
        self.title = title
        self.sections = sections
    }

    /// The overlay's text lines (before fitting into a box).
    public func lines() -> [Line] {
        let keyWidth = sections.flatMap(\.hints).map(\.key.terminalWidth).max() ?? 0
        var lines: [Line] = []
        for (i, section) in sections.enumerated() {
            if i > 0 { lines.append("") }
            lines.append(Line(section.title, style: .bold))
            for hint in section.hints {
                let pad = String(repeating: " ", count: keyWidth - hint.key.terminalWidth)
                lines.append(Line([Span("  " + hint.key + pad, style: .color(.cyan)), Span("  " + hint.action)]))
            }
        }
        return lines
    }

    public func render(in area: Rect, on buffer: inout CellBuffer) {
        let content = lines()
        let width = (content.map(\.width).max() ?? 0) + 4
        let box = area.centered(width: max(width, title.terminalWidth + 6), height: content.count + 2)
        guard box.width >= 4, box.height >= 3 else { return }
        buffer.fill(box)
        let block = Block(title: Line(title), borders: .rounded)
        block.render(in: box, on: &buffer)
        Paragraph(content, wrap: false).render(in: block.inner(box).inset(by: .symmetric(horizontal: 1)), on: &buffer)
    }
}
