/// What the screen shows when the terminal is smaller than a view needs.
public enum TooSmallScreen {
    /// A buffer of `size` asking for at least `minimum`, the text centred and wrapped.
    public static func render(size: Size, minimum: Size) -> CellBuffer {
        var buffer = CellBuffer(size: size)
        let lines: [Line] = [
            Line("Terminal too small", style: .bold, alignment: .center),
            Line("", alignment: .center),
            Line("Now \(size), needs \(minimum).", alignment: .center),
            Line("Please enlarge the terminal.", alignment: .center),
        ]
        let paragraph = Paragraph(lines)
        let rows = paragraph.rows(width: size.width).count
        let area = buffer.bounds.centered(width: size.width, height: rows)
        paragraph.render(in: area, on: &buffer)
        return buffer
    }
}
