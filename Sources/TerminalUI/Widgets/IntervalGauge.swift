/// A value on a scale drawn as a line, with an optional confidence interval:
/// `────━━━━╋━━━─────` (scale `─`, interval `━`, value `╋`). Without an interval the line is
/// heavy from the scale's start up to the value: `━━━━━━╋──────`.
///
/// Positions map linearly from `scale` to the columns, rounded to the nearest; values outside
/// the scale sit at its ends.
public struct IntervalGauge: Widget, Sendable {
    public var value: Double
    public var interval: ClosedRange<Double>?
    public var scale: ClosedRange<Double>
    public var style: Style

    public init(value: Double, interval: ClosedRange<Double>? = nil, scale: ClosedRange<Double>,
                style: Style = .plain) {
        self.value = value
        self.interval = interval
        self.scale = scale
        self.style = style
    }

    /// The column (0 ..< width) of `x` on the scale.
    public func column(of x: Double, width: Int) -> Int {
        guard width > 1, scale.upperBound > scale.lowerBound, x.isFinite else { return 0 }
        let t = (x - scale.lowerBound) / (scale.upperBound - scale.lowerBound)
        return Int((min(1, max(0, t)) * Double(width - 1)).rounded())
    }

    public func render(in area: Rect, on buffer: inout CellBuffer) {
        guard !area.isEmpty else { return }
        let width = area.width
        let mark = column(of: value, width: width)
        let heavy: ClosedRange<Int> = interval.map { column(of: $0.lowerBound, width: width)...column(of: $0.upperBound, width: width) }
            ?? 0...mark
        for i in 0..<width {
            let character: Character = i == mark ? "╋" : heavy.contains(i) ? "━" : "─"
            let cellStyle = heavy.contains(i) ? style : style.patched(with: .dim)
            buffer.set(Cell(character, style: cellStyle), at: Point(x: area.x + i, y: area.y))
        }
    }
}
