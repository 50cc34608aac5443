/// Lines of text, wrapped at word boundaries (or cut) to the area's width, scrolled by `scroll`
/// rows.
public struct Paragraph: Widget, Sendable {
    public var lines: [Line]
    public var wrap: Bool
    public var scroll: Int
    public var style: Style

    public init(_ lines: [Line], wrap: Bool = true, scroll: Int = 0, style: Style = .plain) {
        self.lines = lines
        self.wrap = wrap
        self.scroll = scroll
        self.style = style
    }

    /// A paragraph of plain text; `\n` starts a new line.
    public init(_ text: String, wrap: Bool = true, style: Style = .plain) {
        self.init(text.split(separator: "\n", omittingEmptySubsequences: false).map { Line(String($0)) },
                  wrap: wrap, style: style)
    }

    /// The rows the paragraph takes at `width`.
    public func rows(width: Int) -> [Line] {
        wrap ? lines.flatMap { $0.wrapped(to: width) } : lines.map { $0.truncated(to: width) }
    }

    public func render(in area: Rect, on buffer: inout CellBuffer) {
        for (i, line) in rows(width: area.width).dropFirst(max(0, scroll)).prefix(area.height).enumerated() {
            buffer.write(line, in: area.row(i), base: style)
        }
    }
}
