/// A key press (or a terminal event that arrives like one).
public enum Key: Hashable, Sendable {
    case up, down, left, right
    case tab, backTab
    case enter, escape, backspace, delete
    case space
    case pageUp, pageDown, home, end
    /// Ctrl with a letter, e.g. `.control("c")` for Ctrl-C (lower-case letter).
    case control(Character)
    /// A function key, F1…F12.
    case function(Int)
    /// A printable character (never a space: that is `.space`).
    case character(Character)
    /// The terminal changed size.
    case resize

    /// Ctrl-C.
    public static let ctrlC = Key.control("c")

    /// Decodes a character read from the terminal (a wide-character read that is not a key
    /// code): control bytes become named keys, other characters `.character`.
    public init?(scalar: Unicode.Scalar) {
        switch scalar.value {
        case 0x09: self = .tab
        case 0x0A, 0x0D: self = .enter
        case 0x1B: self = .escape
        case 0x08, 0x7F: self = .backspace
        case 0x20: self = .space
        case 0x01...0x1A: self = .control(Character(Unicode.Scalar(scalar.value + 0x60)!))
        case 0x00, 0x1C...0x1F, 0x80..<0xA0: return nil
        default: self = .character(Character(scalar))
        }
    }

    /// Decodes a curses key code (a wide-character read that reported `KEY_CODE_YES`).
    ///
    /// The values are the X/Open curses codes from `<curses.h>` (`KEY_DOWN` = 0402 …), which
    /// ncurses has kept stable; the tests check them against the installed header.
    public init?(cursesKeyCode code: Int32) {
        switch code {
        case 0o402: self = .down
        case 0o403: self = .up
        case 0o404: self = .left
        case 0o405: self = .right
        case 0o406: self = .home
        case 0o407: self = .backspace
        case 0o411...0o424: self = .function(Int(code) - 0o410)
        case 0o512: self = .delete
        case 0o522: self = .pageDown
        case 0o523: self = .pageUp
        case 0o527: self = .enter
        case 0o541: self = .backTab
        case 0o550: self = .end
        case 0o632: self = .resize
        default: return nil
        }
    }
}
