/// How much of the available length one segment of a split takes.
public enum Constraint: Hashable, Sendable {
    /// Exactly `n` cells (less when space runs out).
    case fixed(Int)
    /// `numerator/denominator` of the total length, rounded down.
    case ratio(Int, Int)
    /// At least `n` cells; segments with `.min` share the space left over by the others.
    case min(Int)
}

/// The axis along which a rectangle is split.
public enum SplitAxis: Sendable {
    /// Segments side by side, left to right (constraints apply to widths).
    case horizontal
    /// Segments stacked top to bottom (constraints apply to heights).
    case vertical
}

extension Rect {
    /// Splits the rectangle into one segment per constraint, `spacing` cells apart.
    ///
    /// Segments are sized in order; when the total asks for more than there is, later segments
    /// shrink (down to empty). Space left over goes in equal parts to the `.min` segments (the
    /// earlier ones get the remainder); with no `.min` segment it goes to the last `.ratio`
    /// segment, and with only `.fixed` segments it stays unused at the end.
    public func split(_ axis: SplitAxis, _ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        let lengths = Layout.lengths(total: axis == .horizontal ? width : height,
                                     constraints: constraints, spacing: spacing)
        var offset = axis == .horizontal ? x : y
        return lengths.map { length in
            defer { offset += length + spacing }
            switch axis {
            case .horizontal: return Rect(x: offset, y: y, width: length, height: height)
            case .vertical: return Rect(x: x, y: offset, width: width, height: length)
            }
        }
    }
}

/// The length computation behind `Rect.split`, usable on its own (e.g. for table columns).
public enum Layout {
    /// Segment lengths for `constraints` over `total` cells with `spacing` between segments.
    public static func lengths(total: Int, constraints: [Constraint], spacing: Int = 0) -> [Int] {
        guard !constraints.isEmpty else { return [] }
        let available = Swift.max(0, total - spacing * (constraints.count - 1))
        var lengths = constraints.map { constraint -> Int in
            switch constraint {
            case .fixed(let n), .min(let n): return Swift.max(0, n)
            case .ratio(let num, let den): return den > 0 ? Swift.max(0, available * num / den) : 0
            }
        }
        var remaining = available
        for i in lengths.indices {
            lengths[i] = Swift.min(lengths[i], remaining)
            remaining -= lengths[i]
        }
        guard remaining > 0 else { return lengths }
        let growable = constraints.indices.filter {
            if case .min = constraints[$0] { return true } else { return false }
        }
        if !growable.isEmpty {
            for (k, i) in growable.enumerated() {
                lengths[i] += remaining / growable.count + (k < remaining % growable.count ? 1 : 0)
            }
        } else if let last = constraints.lastIndex(where: {
            if case .ratio = $0 { return true } else { return false }
        }) {
            lengths[last] += remaining
        }
        return lengths
    }
}
