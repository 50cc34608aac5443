/// What a terminal can show: which characters and whether colours.
public struct TerminalCapabilities: Hashable, Sendable {
    public var charset: Charset
    public var colors: Bool

    public init(charset: Charset, colors: Bool) {
        self.charset = charset
        self.colors = colors
    }

    /// Full Unicode and colours.
    public static let full = TerminalCapabilities(charset: .unicode, colors: true)

    /// Decides from the locale's codeset (`nl_langinfo(CODESET)`), whether the terminal has
    /// colours, and the environment: Unicode only for a UTF-8 codeset; colours only when the
    /// terminal has them and `NO_COLOR` is unset or empty (https://no-color.org).
    public static func detect(codeset: String, terminalHasColors: Bool,
                              environment: [String: String]) -> TerminalCapabilities {
        let normalized = codeset.uppercased().filter { $0 != "-" && $0 != "_" }
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return TerminalCapabilities(charset: normalized == "UTF8" ? .unicode : .ascii,
                                    colors: terminalHasColors && !noColor)
    }

    /// The buffer as this terminal shows it: translated to its charset, colours dropped when it
    /// has none.
    public func adapt(_ buffer: CellBuffer) -> CellBuffer {
        var result = charset.translate(buffer)
        guard !colors else { return result }
        for y in 0..<result.size.height {
            for x in 0..<result.size.width {
                var cell = result[x, y]
                guard cell.style != cell.style.monochrome else { continue }
                cell.style = cell.style.monochrome
                if !cell.isContinuation { result.set(cell, at: Point(x: x, y: y)) }
            }
        }
        return result
    }
}
