/// Line characters for borders.
public struct BorderSet: Hashable, Sendable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character

    /// Thin lines: `┌─┐`.
    public static let plain = BorderSet(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐",
                                        bottomLeft: "└", bottomRight: "┘")
    /// Rounded corners: `╭─╮`.
    public static let rounded = BorderSet(horizontal: "─", vertical: "│", topLeft: "╭", topRight: "╮",
                                          bottomLeft: "╰", bottomRight: "╯")
    /// Heavy lines, e.g. for the focused pane: `┏━┓`.
    public static let heavy = BorderSet(horizontal: "━", vertical: "┃", topLeft: "┏", topRight: "┓",
                                        bottomLeft: "┗", bottomRight: "┛")
    /// Double lines, e.g. for dialogs: `╔═╗`.
    public static let double = BorderSet(horizontal: "═", vertical: "║", topLeft: "╔", topRight: "╗",
                                         bottomLeft: "╚", bottomRight: "╝")
}

/// Which characters a terminal can show.
///
/// Views always draw Unicode; on a terminal whose locale isn't UTF-8 the backend passes the
/// buffer through `Charset.ascii`, which turns thin lines into `+-|`, heavy and double
/// horizontal lines into `=`, blocks into `#` and any
/// other non-ASCII character into `?`.
public enum Charset: Hashable, Sendable {
    case unicode
    case ascii

    /// The buffer as this charset shows it.
    public func translate(_ buffer: CellBuffer) -> CellBuffer {
        guard self == .ascii else { return buffer }
        var result = CellBuffer(size: buffer.size)
        for y in 0..<buffer.size.height {
            for x in 0..<buffer.size.width {
                let cell = buffer[x, y]
                if cell.isContinuation {
                    result.set(Cell(Charset.wideFiller, style: cell.style), at: Point(x: x, y: y))
                } else {
                    result.set(Cell(Charset.asciiEquivalent(of: cell.character), style: cell.style),
                               at: Point(x: x, y: y))
                }
            }
        }
        return result
    }

    /// What the right half of a wide character shows in ASCII (the left half shows `?`).
    static let wideFiller: Character = "?"

    /// The ASCII character standing in for `character`.
    public static func asciiEquivalent(of character: Character) -> Character {
        if character.isASCII { return character }
        if let mapped = asciiMap[character] { return mapped }
        return "?"
    }

    private static let asciiMap: [Character: Character] = {
        var map: [Character: Character] = [:]
        for c in "─┄╌╴╶" { map[c] = "-" }
        for c in "━═┅╍╸╺" { map[c] = "=" }
        for c in "│┃║┆┇╎╏╵╷╹╻" { map[c] = "|" }
        for c in "┌┐└┘╭╮╰╯┏┓┗┛╔╗╚╝├┤┬┴┼┣┫┳┻╋╠╣╦╩╬" { map[c] = "+" }
        for c in "█▉▊▋▌▍▎▏▓▒" { map[c] = "#" }
        map["░"] = "."
        map["…"] = "~"
        for c in "▸▶►›" { map[c] = ">" }
        for c in "◂◀◄‹" { map[c] = "<" }
        for c in "↑▲" { map[c] = "^" }
        for c in "↓▼" { map[c] = "v" }
        map["←"] = "<"
        map["→"] = ">"
        map["·"] = "."
        map["•"] = "*"
        map["×"] = "x"
        map["±"] = "~"
        map["✓"] = "+"
        map["✗"] = "x"
        map["⏎"] = "^"
        return map
    }()
}
