/// A column of a `Table`: header, width rule and alignment of its cells.
public struct TableColumn: Hashable, Sendable {
    public var title: String
    public var width: Constraint
    public var alignment: Alignment

    public init(_ title: String, width: Constraint, alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// Rows of cells under a bold header, columns sized by `Layout.lengths` one space apart; the
/// selected row is reversed and kept in view.
public struct Table: Widget, Sendable {
    public var columns: [TableColumn]
    public var rows: [[Line]]
    public var selected: Int?
    public var offset: Int
    public var headerStyle: Style
    public var highlightStyle: Style

    public init(columns: [TableColumn], rows: [[Line]], selected: Int? = nil, offset: Int = 0,
                headerStyle: Style = Style(bold: true, underline: true), highlightStyle: Style = .reverse) {
        self.columns = columns
        self.rows = rows
        self.selected = selected
        self.offset = offset
        self.headerStyle = headerStyle
        self.highlightStyle = highlightStyle
    }

    /// The first visible data row when drawn `height` rows high (header included).
    public func visibleOffset(height: Int) -> Int {
        Scrolling.offset(selected: selected, offset: offset, visible: height - 1, count: rows.count)
    }

    public func render(in area: Rect, on buffer: inout CellBuffer) {
        guard !area.isEmpty else { return }
        let cells = area.split(.horizontal, columns.map(\.width), spacing: 1)
        for (column, cell) in zip(columns, cells) {
            let title = Line(column.title, alignment: column.alignment).truncated(to: cell.width)
            buffer.write(title, in: cell.row(0), base: headerStyle)
        }
        let first = visibleOffset(height: area.height)
        for row in 0..<max(0, min(area.height - 1, rows.count - first)) {
            let index = first + row
            let y = area.y + 1 + row
            let isSelected = index == selected
            if isSelected { buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), with: Cell(" ", style: highlightStyle)) }
            for (i, cell) in cells.enumerated() where i < rows[index].count {
                var line = rows[index][i]
                line.alignment = columns[i].alignment
                buffer.write(line.truncated(to: cell.width), in: Rect(x: cell.x, y: y, width: cell.width, height: 1),
                             base: isSelected ? highlightStyle : .plain)
            }
        }
    }
}
