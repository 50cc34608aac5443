/// A run of text in one style.
public struct Span: Hashable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public init(stringLiteral value: String) { self.init(value) }
}

/// Horizontal placement of a line within its area.
public enum Alignment: Hashable, Sendable {
    case left, center, right
}

/// One line of styled text.
public struct Line: Hashable, Sendable, ExpressibleByStringLiteral {
    public var spans: [Span]
    public var alignment: Alignment

    public init(_ spans: [Span], alignment: Alignment = .left) {
        self.spans = spans
        self.alignment = alignment
    }

    public init(_ text: String, style: Style = .plain, alignment: Alignment = .left) {
        self.init([Span(text, style: style)], alignment: alignment)
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// The line's text without styles.
    public var plainText: String { spans.map(\.text).joined() }

    /// Columns the line takes.
    public var width: Int { spans.reduce(0) { $0 + $1.text.terminalWidth } }

    /// The line cut to at most `width` columns, ending in `…` when something was cut.
    public func truncated(to width: Int) -> Line {
        guard self.width > width else { return self }
        guard width > 0 else { return Line([], alignment: alignment) }
        var result: [Span] = []
        var room = width - 1
        for span in spans where room > 0 {
            var text = ""
            for character in span.text {
                let w = character.terminalWidth
                if w > room { room = 0; break }
                text.append(character)
                room -= w
            }
            result.append(Span(text, style: span.style))
        }
        result.append(Span("…", style: spans.last?.style ?? .plain))
        return Line(result, alignment: alignment)
    }
}

extension String {
    /// The string cut to at most `width` columns, ending in `…` when something was cut.
    public func truncated(to width: Int) -> String {
        Line(self).truncated(to: width).plainText
    }
}
