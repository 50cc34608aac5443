/// A row of tab titles separated by `│`; the selected one bold and reversed.
public struct Tabs: Widget, Sendable {
    public var titles: [String]
    public var selected: Int

    public init(_ titles: [String], selected: Int) {
        self.titles = titles
        self.selected = selected
    }

    public func render(in area: Rect, on buffer: inout CellBuffer) {
        var spans: [Span] = []
        for (i, title) in titles.enumerated() {
            if i > 0 { spans.append(Span("│", style: .dim)) }
            spans.append(Span(" \(title) ", style: i == selected ? Style(bold: true, reverse: true) : .plain))
        }
        buffer.write(Line(spans).truncated(to: area.width), in: area.row(0))
    }
}
