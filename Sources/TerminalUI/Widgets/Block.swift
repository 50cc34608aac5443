/// A bordered box with an optional title in the top border; the frame of a pane.
public struct Block: Widget, Sendable {
    public var title: Line?
    public var borders: BorderSet?
    public var borderStyle: Style
    public var titleStyle: Style

    /// A block with `title`; `borders: nil` draws no frame (the title, if any, takes the top row).
    public init(title: Line? = nil, borders: BorderSet? = .plain, borderStyle: Style = .plain,
                titleStyle: Style = .bold) {
        self.title = title
        self.borders = borders
        self.borderStyle = borderStyle
        self.titleStyle = titleStyle
    }

    /// The area left inside the frame (and below the title when there is no frame).
    public func inner(_ area: Rect) -> Rect {
        if borders != nil { return area.inset(by: .all(1)) }
        return title == nil ? area : area.inset(by: Padding(top: 1))
    }

    public func render(in area: Rect, on buffer: inout CellBuffer) {
        guard !area.isEmpty else { return }
        if let b = borders, area.width >= 2, area.height >= 2 {
            let hLine = String(repeating: b.horizontal, count: area.width - 2)
            buffer.write(String(b.topLeft) + hLine + String(b.topRight), at: Point(x: area.x, y: area.y),
                         style: borderStyle, clip: area)
            buffer.write(String(b.bottomLeft) + hLine + String(b.bottomRight),
                         at: Point(x: area.x, y: area.maxY - 1), style: borderStyle, clip: area)
            for y in (area.y + 1)..<(area.maxY - 1) {
                buffer.set(Cell(b.vertical, style: borderStyle), at: Point(x: area.x, y: y))
                buffer.set(Cell(b.vertical, style: borderStyle), at: Point(x: area.maxX - 1, y: y))
            }
        }
        guard let title else { return }
        let titleArea = borders == nil ? area.row(0) : Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1)
        guard titleArea.width > 2 || borders == nil else { return }
        if borders == nil {
            buffer.write(title.truncated(to: titleArea.width), in: titleArea, base: titleStyle)
        } else {
            let padded = Line([" "] + title.spans + [" "], alignment: title.alignment)
            buffer.write(padded.truncated(to: titleArea.width), in: titleArea, base: titleStyle)
        }
    }
}
