import CNcurses
import Foundation

/// Why the terminal could not be taken over.
public struct TerminalError: Error, CustomStringConvertible {
    public var description: String
}

/// The real terminal, through ncursesw. The only file that talks to ncurses.
///
/// `begin()` sets the locale, installs signal handlers that restore the terminal on SIGINT,
/// SIGTERM, SIGHUP and crashes, and starts curses (cbreak, no echo, keypad, 25 ms Esc delay,
/// hidden cursor); it picks Unicode or ASCII from the locale's codeset and colours when the
/// terminal has them and `NO_COLOR` is unset. `end()` restores everything.
@MainActor
public final class NcursesBackend: TerminalBackend {
    /// What the terminal turned out to support (valid after `begin()`).
    public private(set) var capabilities = TerminalCapabilities.full
    private var screen: OpaquePointer?
    private var shown: CellBuffer?
    private var pairs: [ColorKey: Int16] = [:]
    private var hasBrightColors = false

    private struct ColorKey: Hashable {
        var foreground: Color
        var background: Color
    }

    public init() {}

    public var size: Size {
        guard screen != nil else { return Size(width: 0, height: 0) }
        return Size(width: Int(edgewise_cols()), height: Int(edgewise_lines()))
    }

    public func begin() throws {
        guard screen == nil else { return }
        setlocale(LC_ALL, "")
        edgewise_install_signal_handlers()
        guard let newScreen = edgewise_newterm() else {
            edgewise_remove_signal_handlers()
            let term = ProcessInfo.processInfo.environment["TERM"] ?? "(unset)"
            throw TerminalError(description: "cannot start the terminal UI (TERM=\(term)); run it in an interactive terminal, or use the command-line verbs")
        }
        screen = newScreen
        cbreak()
        noecho()
        nonl()
        keypad(edgewise_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        capabilities = TerminalCapabilities.detect(codeset: String(cString: edgewise_codeset()),
                                                   terminalHasColors: has_colors(),
                                                   environment: ProcessInfo.processInfo.environment)
        if capabilities.colors {
            start_color()
            use_default_colors()
            hasBrightColors = edgewise_colors() >= 16
        }
        shown = nil
        pairs = [:]
    }

    public func end() {
        guard let current = screen else { return }
        endwin()
        delscreen(current)
        screen = nil
        edgewise_remove_signal_handlers()
    }

    public func draw(_ buffer: CellBuffer) {
        guard screen != nil else { return }
        let window = edgewise_stdscr()
        let frame = capabilities.adapt(buffer)
        let runs: [CellRun]
        if let shown, shown.size == frame.size {
            runs = frame.changes(from: shown)
        } else {
            werase(window)
            clearok(window, true)
            runs = frame.changes(from: CellBuffer(size: Size(width: 0, height: 0)))
        }
        for run in runs {
            for (i, cell) in run.cells.enumerated() where !cell.isContinuation {
                put(cell, y: run.start.y, x: run.start.x + i, window: window)
            }
        }
        wrefresh(window)
        shown = frame
    }

    public func readKey(timeout: Duration) -> Key? {
        guard screen != nil else { return nil }
        let window = edgewise_stdscr()
        let (seconds, attoseconds) = timeout.components
        wtimeout(window, Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000))
        var value: wint_t = 0
        switch wget_wch(window, &value) {
        case OK:
            return Unicode.Scalar(UInt32(value)).flatMap { Key(scalar: $0) }
        case KEY_CODE_YES:
            let key = Key(cursesKeyCode: Int32(value))
            if key == .resize { shown = nil }
            return key
        default:
            return nil
        }
    }

    private func put(_ cell: Cell, y: Int, x: Int, window: UnsafeMutablePointer<WINDOW>?) {
        var characters = cell.character.unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) }
        characters.append(0)
        var attributes: attr_t = 0
        let style = cell.style
        if style.bold { attributes |= edgewise_a_bold() }
        if style.dim { attributes |= edgewise_a_dim() }
        if style.reverse { attributes |= edgewise_a_reverse() }
        if style.underline { attributes |= edgewise_a_underline() }
        var pair: Int16 = 0
        if capabilities.colors, style.foreground != .default || style.background != .default {
            pair = colorPair(ColorKey(foreground: style.foreground, background: style.background))
            if !hasBrightColors && (style.foreground == .gray) { attributes |= edgewise_a_dim() }
        }
        var complex = cchar_t()
        setcchar(&complex, characters, attributes, pair, nil)
        mvwadd_wch(window, Int32(y), Int32(x), &complex)
    }

    /// The curses colour pair for a combination, made on first use (0 when pairs run out).
    private func colorPair(_ key: ColorKey) -> Int16 {
        if let pair = pairs[key] { return pair }
        let next = pairs.count + 1
        guard next < Int(edgewise_color_pairs()), next <= Int(Int16.max) else { return 0 }
        init_pair(Int16(next), cursesColor(key.foreground), cursesColor(key.background))
        pairs[key] = Int16(next)
        return Int16(next)
    }

    private func cursesColor(_ color: Color) -> Int16 {
        switch color {
        case .default: -1
        case .red: Int16(COLOR_RED)
        case .green: Int16(COLOR_GREEN)
        case .yellow: Int16(COLOR_YELLOW)
        case .blue: Int16(COLOR_BLUE)
        case .magenta: Int16(COLOR_MAGENTA)
        case .cyan: Int16(COLOR_CYAN)
        case .white: Int16(COLOR_WHITE)
        case .gray: hasBrightColors ? 8 : Int16(COLOR_WHITE)
        }
    }
}
