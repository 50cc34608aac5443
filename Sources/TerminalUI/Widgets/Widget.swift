/// Something that draws itself into a rectangle of a buffer, as a pure function of its values.
public protocol Widget {
    /// Draws into `area` of `buffer`, touching nothing outside it.
    func render(in area: Rect, on buffer: inout CellBuffer)
}

extension CellBuffer {
    /// Draws `widget` into `area`.
    public mutating func render(_ widget: some Widget, in area: Rect) {
        widget.render(in: area.intersection(bounds), on: &self)
    }
}
