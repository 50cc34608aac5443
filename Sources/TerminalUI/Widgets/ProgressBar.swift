/// One line: `label ██████░░░░ 60% ETA 0:42` — a label, a bar filled by `fraction`, the percent
/// and an optional time left.
public struct ProgressBar: Widget, Sendable {
    public var label: String
    public var fraction: Double
    public var eta: Duration?
    public var style: Style

    public init(label: String, fraction: Double, eta: Duration? = nil, style: Style = .color(.cyan)) {
        self.label = label
        self.fraction = fraction
        self.eta = eta
        self.style = style
    }

    public func render(in area: Rect, on buffer: inout CellBuffer) {
        guard !area.isEmpty else { return }
        let clamped = fraction.isFinite ? min(1, max(0, fraction)) : 0
        var suffix = " " + String(Int((clamped * 100).rounded(.down))) + "%"
        if let eta { suffix += " ETA " + DurationText.clock(eta) }
        let labelText = label.isEmpty ? "" : label + " "
        let barWidth = max(0, area.width - labelText.terminalWidth - suffix.terminalWidth)
        let row = area.row(0)
        var x = row.x
        x += buffer.write(labelText.truncated(to: row.width), at: Point(x: x, y: row.y), clip: row)
        guard barWidth >= 4 else {
            buffer.write(suffix.dropFirst(), at: Point(x: x, y: row.y), clip: row)
            return
        }
        let filled = Int((clamped * Double(barWidth)).rounded(.down))
        x += buffer.write(String(repeating: "█", count: filled), at: Point(x: x, y: row.y), style: style, clip: row)
        x += buffer.write(String(repeating: "░", count: barWidth - filled), at: Point(x: x, y: row.y), style: .dim, clip: row)
        buffer.write(suffix, at: Point(x: x, y: row.y), clip: row)
    }
}

/// Short texts for durations.
public enum DurationText {
    /// `m:ss`, or `h:mm:ss` from one hour, rounded up to whole seconds (`0:00` for negatives).
    public static func clock(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let total = max(0, Int(seconds) + (attoseconds > 0 ? 1 : 0))
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
    }
}
