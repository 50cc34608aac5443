/// A modal box centred over the screen: title, wrapped message, an optional text field and a
/// row of buttons (`[ OK ]` when selected, reversed; plain otherwise).
public struct Dialog: Widget, Sendable {
    public var title: String
    public var message: String
    public var input: TextInput?
    public var buttons: [String]
    public var selectedButton: Int
    public var width: Int

    public init(title: String, message: String, input: TextInput? = nil,
                buttons: [String] = ["OK", "Cancel"], selectedButton: Int = 0, width: Int = 56) {
        self.title = title
        self.message = message
        self.input = input
        self.buttons = buttons
        self.selectedButton = selectedButton
        self.width = width
    }

    /// The box the dialog occupies within `area`.
    public func frame(in area: Rect) -> Rect {
        let w = min(width, area.width)
        let messageRows = Paragraph(message).rows(width: max(1, w - 4)).count
        let h = messageRows + (input == nil ? 0 : 2) + (buttons.isEmpty ? 0 : 2) + 2
        return area.centered(width: w, height: h)
    }

    public func render(in area: Rect, on buffer: inout CellBuffer) {
        let box = frame(in: area)
        guard box.width >= 4, box.height >= 3 else { return }
        buffer.fill(box)
        let block = Block(title: Line(title), borders: .double)
        block.render(in: box, on: &buffer)
        let inner = block.inner(box).inset(by: .symmetric(horizontal: 1))
        let paragraph = Paragraph(message)
        let messageRows = paragraph.rows(width: inner.width).count
        paragraph.render(in: Rect(x: inner.x, y: inner.y, width: inner.width, height: messageRows), on: &buffer)
        if let input {
            TextField(input).render(in: inner.row(messageRows + 1), on: &buffer)
        }
        guard !buttons.isEmpty else { return }
        let labels = buttons.enumerated().map { i, title in
            i == selectedButton ? Span("[ \(title) ]", style: Style(bold: true, reverse: true)) : Span("  \(title)  ")
        }
        var spans: [Span] = []
        for (i, label) in labels.enumerated() {
            if i > 0 { spans.append("  ") }
            spans.append(label)
        }
        buffer.write(Line(spans, alignment: .center).truncated(to: inner.width), in: inner.row(inner.height - 1))
    }
}
