/// A vertical list with an optional selected item, scrolled to keep it visible.
///
/// The selected row is marked with `highlightSymbol` and drawn in `highlightStyle`; other rows
/// are indented by the symbol's width. Markers `↑`/`↓` at the right edge show hidden rows.
public struct ListView: Widget, Sendable {
    public var items: [Line]
    public var selected: Int?
    public var offset: Int
    public var highlightSymbol: String
    public var highlightStyle: Style

    /// `offset` is the first row the caller last showed (see `Scrolling.offset`); the list
    /// moves it only as needed to show `selected`.
    public init(_ items: [Line], selected: Int? = nil, offset: Int = 0,
                highlightSymbol: String = "▸ ", highlightStyle: Style = .reverse) {
        self.items = items
        self.selected = selected
        self.offset = offset
        self.highlightSymbol = highlightSymbol
        self.highlightStyle = highlightStyle
    }

    /// The first visible row when drawn `height` rows high.
    public func visibleOffset(height: Int) -> Int {
        Scrolling.offset(selected: selected, offset: offset, visible: height, count: items.count)
    }

    public func render(in area: Rect, on buffer: inout CellBuffer) {
        guard !area.isEmpty else { return }
        let first = visibleOffset(height: area.height)
        let indent = highlightSymbol.terminalWidth
        for row in 0..<min(area.height, items.count - first) {
            let index = first + row
            let rowArea = area.row(row)
            let isSelected = index == selected
            if isSelected {
                buffer.fill(rowArea, with: Cell(" ", style: highlightStyle))
                buffer.write(highlightSymbol, at: Point(x: rowArea.x, y: rowArea.y), style: highlightStyle, clip: rowArea)
            }
            let textArea = Rect(x: rowArea.x + indent, y: rowArea.y, width: rowArea.width - indent, height: 1)
            buffer.write(items[index].truncated(to: textArea.width), in: textArea,
                         base: isSelected ? highlightStyle : .plain)
        }
        let marker = Rect(x: area.maxX - 1, y: area.y, width: 1, height: area.height)
        if first > 0 { buffer.write("↑", at: Point(x: marker.x, y: area.y), style: .dim) }
        if first + area.height < items.count {
            buffer.write("↓", at: Point(x: marker.x, y: area.maxY - 1), style: .dim)
        }
    }
}
