/// A run of changed cells on one row, for redrawing only what changed.
public struct CellRun: Hashable, Sendable {
    /// Where the run starts (always on a whole character, never on a continuation cell).
    public var start: Point
    /// The new cells, continuation cells included.
    public var cells: [Cell]

    public init(start: Point, cells: [Cell]) {
        self.start = start
        self.cells = cells
    }
}

extension CellBuffer {
    /// The runs of cells that differ between `previous` and this buffer, row by row, left to
    /// right. Every row is one run when the sizes differ. A changed half of a wide character
    /// pulls the whole character into the run.
    public func changes(from previous: CellBuffer) -> [CellRun] {
        guard previous.size == size else {
            return (0..<size.height).map { CellRun(start: Point(x: 0, y: $0), cells: Array(row($0))) }
        }
        var runs: [CellRun] = []
        for y in 0..<size.height {
            let new = Array(row(y)), old = Array(previous.row(y))
            var x = 0
            while x < size.width {
                guard new[x] != old[x] else { x += 1; continue }
                var start = x
                if new[start].isContinuation || old[start].isContinuation { start = max(0, start - 1) }
                var end = x + 1
                while end < size.width && (new[end] != old[end] || new[end].isContinuation || old[end].isContinuation) {
                    end += 1
                }
                if let last = runs.last, last.start.y == y, last.start.x + last.cells.count >= start {
                    runs[runs.count - 1].cells.append(contentsOf: new[(last.start.x + last.cells.count)..<end])
                } else {
                    runs.append(CellRun(start: Point(x: start, y: y), cells: Array(new[start..<end])))
                }
                x = end
            }
        }
        return runs
    }
}
