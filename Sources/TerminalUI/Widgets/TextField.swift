/// One line showing a `TextInput`, scrolled sideways to keep the cursor visible; the cursor
/// cell is reversed when `focused` (backends hide the hardware cursor).
public struct TextField: Widget, Sendable {
    public var input: TextInput
    public var focused: Bool
    public var placeholder: String
    public var style: Style

    public init(_ input: TextInput, focused: Bool = true, placeholder: String = "", style: Style = .underline) {
        self.input = input
        self.focused = focused
        self.placeholder = placeholder
        self.style = style
    }

    public func render(in area: Rect, on buffer: inout CellBuffer) {
        let row = area.row(0)
        guard !row.isEmpty else { return }
        buffer.fill(row, with: Cell(" ", style: style))
        if input.text.isEmpty && !placeholder.isEmpty {
            buffer.write(placeholder.truncated(to: row.width), at: Point(x: row.x, y: row.y),
                         style: style.patched(with: .dim), clip: row)
        }
        let characters = Array(input.text)
        // Drop characters from the left until the cursor (plus one cell for it) fits.
        var first = 0
        while characters[first..<input.cursor].reduce(0, { $0 + $1.terminalWidth }) + 1 > row.width
                && first < input.cursor {
            first += 1
        }
        let before = characters[first..<input.cursor].reduce(0) { $0 + $1.terminalWidth }
        buffer.write(String(characters[first...]), at: Point(x: row.x, y: row.y), style: style, clip: row)
        guard focused else { return }
        let cursorPoint = Point(x: row.x + before, y: row.y)
        let under = input.cursor < characters.count ? characters[input.cursor]
            : input.text.isEmpty ? placeholder.first ?? " " : " "
        buffer.set(Cell(under, style: style.patched(with: .reverse)), at: cursorPoint)
    }
}
