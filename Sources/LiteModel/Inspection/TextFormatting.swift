import Foundation

/// Small formatters shared by the summary's text renderer.
enum TextFormat {
    /// `1×28×28×1` (a dynamic dimension shows as -1); `scalar` for rank 0.
    static func shape(_ dimensions: [Int]) -> String {
        dimensions.isEmpty ? "scalar" : dimensions.map(String.init).joined(separator: "×")
    }

    /// `12,345`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// `950`, `45.6K`, `1.23M`, `4.5G` (powers of 1000, three significant digits).
    static func compact(_ value: Int) -> String {
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "K")]
        for (size, suffix) in units where Double(value.magnitude) >= size {
            return significant(Double(value) / size) + suffix
        }
        return String(value)
    }

    /// `512 B`, `41.2 KiB`, `3.1 MiB` (powers of 1024); `separator` goes before the unit.
    static func bytes(_ value: Int, separator: String = " ") -> String {
        let units: [(Double, String)] = [(1_073_741_824, "GiB"), (1_048_576, "MiB"), (1024, "KiB")]
        for (size, suffix) in units where Double(value.magnitude) >= size {
            return significant(Double(value) / size) + separator + suffix
        }
        return "\(value)\(separator)B"
    }

    /// A number with three significant digits and no exponent for everyday magnitudes: `0.00392`.
    static func significant(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        return String(format: "%.3g", value)
    }

    /// `text` cut to `width` characters, ending in `…` when cut.
    static func fit(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(width - 1, 0))) + "…"
    }

    /// Lays out rows as columns separated by two spaces; `rightAligned` holds column numbers.
    /// Lines carry no trailing spaces.
    static func table(_ rows: [[String]], indent: Int = 2, rightAligned: Set<Int> = []) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return rows.map { row in
            var line = String(repeating: " ", count: indent)
            for (c, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[c] - cell.count)
                if c > 0 { line += "  " }
                if rightAligned.contains(c) { line += padding + cell } else { line += c == row.count - 1 ? cell : cell + padding }
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
