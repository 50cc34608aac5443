/// A rectangle of cells that views draw into and backends show.
///
/// Writes outside the buffer are ignored, and wide characters stay whole: overwriting either
/// half of one blanks the other half.
public struct CellBuffer: Hashable, Sendable {
    public let size: Size
    private var cells: [Cell]

    /// A buffer of `size` filled with `cell`.
    public init(size: Size, filledWith cell: Cell = .blank) {
        self.size = Size(width: max(0, size.width), height: max(0, size.height))
        self.cells = Array(repeating: cell, count: self.size.width * self.size.height)
    }

    /// The whole buffer as a rectangle at the origin.
    public var bounds: Rect { Rect(size: size) }

    /// The cell at column `x`, row `y` (which must be inside the buffer).
    public subscript(x: Int, y: Int) -> Cell {
        precondition(bounds.contains(Point(x: x, y: y)), "cell (\(x),\(y)) outside \(size)")
        return cells[y * size.width + x]
    }

    /// The cells of row `y`.
    public func row(_ y: Int) -> ArraySlice<Cell> {
        cells[(y * size.width)..<((y + 1) * size.width)]
    }

    /// Puts `cell` at `point`, keeping wide characters whole; does nothing outside the buffer.
    public mutating func set(_ cell: Cell, at point: Point) {
        guard bounds.contains(point) else { return }
        var cell = cell
        if cell.width == 2 && point.x + 1 >= size.width { cell = Cell(" ", style: cell.style) }
        clearHalves(at: point)
        put(cell, point)
        if cell.width == 2 {
            let right = Point(x: point.x + 1, y: point.y)
            clearHalves(at: right)
            put(.continuation(cell.style), right)
        }
    }

    /// Fills the part of `rect` inside the buffer with `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let area = rect.intersection(bounds)
        for y in area.y..<area.maxY {
            var x = area.x
            while x < area.maxX {
                if cell.width == 2 && x + 1 >= area.maxX {
                    set(Cell(" ", style: cell.style), at: Point(x: x, y: y))
                } else {
                    set(cell, at: Point(x: x, y: y))
                }
                x += cell.width
            }
        }
    }

    /// Draws `style` over the style of every cell in `rect` (see `Style.patched(with:)`).
    public mutating func patchStyle(_ rect: Rect, with style: Style) {
        let area = rect.intersection(bounds)
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX {
                cells[y * size.width + x].style = cells[y * size.width + x].style.patched(with: style)
            }
        }
    }

    /// Writes `text` from `point` to the right, clipped to `clip` (default: the whole buffer).
    ///
    /// Zero-width characters are skipped; a wide character that would cross the clip edge ends
    /// the write. Returns the number of columns written.
    @discardableResult
    public mutating func write(_ text: some StringProtocol, at point: Point, style: Style = .plain,
                               clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        guard point.y >= area.y, point.y < area.maxY else { return 0 }
        var x = point.x
        for character in text {
            let width = character.terminalWidth
            if width == 0 { continue }
            if x + width > area.maxX { break }
            if x >= area.x { set(Cell(character, style: style), at: Point(x: x, y: point.y)) }
            x += width
        }
        return max(0, x - max(point.x, area.x))
    }

    /// Writes the spans of `line` on the first row of `rect`, aligned within its width, each span's
    /// style drawn over `base`. Returns the number of columns written.
    @discardableResult
    public mutating func write(_ line: Line, in rect: Rect, base: Style = .plain) -> Int {
        guard !rect.isEmpty else { return 0 }
        let width = line.width
        var x = rect.x
        switch line.alignment {
        case .left: break
        case .center: x += max(0, (rect.width - width) / 2)
        case .right: x += max(0, rect.width - width)
        }
        let start = x
        for span in line.spans {
            x += write(span.text, at: Point(x: x, y: rect.y), style: base.patched(with: span.style), clip: rect)
        }
        return x - start
    }

    private mutating func put(_ cell: Cell, _ point: Point) {
        cells[point.y * size.width + point.x] = cell
    }

    /// Blanks the other half of a wide character that has a half at `point`.
    private mutating func clearHalves(at point: Point) {
        let existing = self[point.x, point.y]
        if existing.isContinuation, point.x > 0 {
            put(Cell(" ", style: self[point.x - 1, point.y].style), Point(x: point.x - 1, y: point.y))
        } else if existing.width == 2, point.x + 1 < size.width {
            put(Cell(" ", style: existing.style), Point(x: point.x + 1, y: point.y))
        }
    }
}
