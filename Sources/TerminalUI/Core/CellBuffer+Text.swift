extension CellBuffer {
    /// Each row as text, full width (the right halves of wide characters are skipped).
    public var lines: [String] {
        (0..<size.height).map { y in
            String(row(y).filter { !$0.isContinuation }.map(\.character))
        }
    }

    /// The buffer as plain text for snapshots: one line per row, trailing spaces removed, each
    /// line ending in a newline.
    public var text: String {
        lines.map { line in
            var line = Substring(line)
            while line.last == " " { line.removeLast() }
            return line + "\n"
        }.joined()
    }
}

extension CellBuffer: CustomStringConvertible {
    /// The size and the text, for test failure messages.
    public var description: String { "CellBuffer \(size)\n" + text }
}
