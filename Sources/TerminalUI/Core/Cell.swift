/// One terminal cell: a character with its style.
///
/// A character two columns wide occupies its own cell and a *continuation* cell to its right
/// (`width == 0`), which backends skip when drawing.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var style: Style
    /// 1 for ordinary cells, 2 for the first half of a wide character, 0 for its second half.
    public private(set) var width: Int

    /// A cell showing `character` (which must be 1 or 2 columns wide) in `style`.
    public init(_ character: Character, style: Style = .plain) {
        self.character = character
        self.style = style
        self.width = character.terminalWidth == 2 ? 2 : 1
    }

    private init(continuationOf style: Style) {
        self.character = " "
        self.style = style
        self.width = 0
    }

    /// A space in the default style.
    public static let blank = Cell(" ")

    /// The right half of a wide character drawn in `style`.
    static func continuation(_ style: Style) -> Cell { Cell(continuationOf: style) }

    public var isContinuation: Bool { width == 0 }
}
