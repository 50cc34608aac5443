/// The small palette every terminal with colours can show.
public enum Color: Hashable, Sendable, CaseIterable {
    /// The terminal's own foreground or background colour.
    case `default`
    case red, green, yellow, blue, magenta, cyan, white, gray
}

/// How a cell is drawn: text attributes and colours.
public struct Style: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(foreground: Color = .default, background: Color = .default,
                bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    /// The terminal's default look.
    public static let plain = Style()
    public static let bold = Style(bold: true)
    public static let dim = Style(dim: true)
    public static let reverse = Style(reverse: true)
    public static let underline = Style(underline: true)

    /// A plain style with the given foreground colour.
    public static func color(_ foreground: Color) -> Style { Style(foreground: foreground) }

    /// `other` drawn over this style: attributes add up, `other`'s non-default colours win.
    public func patched(with other: Style) -> Style {
        Style(foreground: other.foreground == .default ? foreground : other.foreground,
              background: other.background == .default ? background : other.background,
              bold: bold || other.bold, dim: dim || other.dim,
              reverse: reverse || other.reverse, underline: underline || other.underline)
    }

    /// The style without colours, as a monochrome terminal shows it.
    public var monochrome: Style {
        var copy = self
        copy.foreground = .default
        copy.background = .default
        return copy
    }
}
