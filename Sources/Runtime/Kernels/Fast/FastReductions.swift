/// MEAN / SUM / REDUCE_MAX whose reduced axes form one contiguous block (e.g. NHWC spatial mean
/// over axes 1 and 2), as flat `[outer, reduced, inner]` loops that vectorise over `inner`.
/// Each output element accumulates its inputs in the same (row-major) order as
/// `Reductions.reduce`, so results are bit-identical to the reference kernel.
enum FastReductions {
    /// The input seen as `[outer, reduced, inner]`.
    struct Layout: Sendable, Equatable {
        let outer, reduced, inner: Int
    }

    /// The flat layout for reducing `shape` over `axes`, or nil when the reduced axes are not one
    /// contiguous block, the input is empty, or every axis is reduced by SUM/MAX (the reference
    /// then seeds the accumulator with the first element).
    static func layout(_ op: ReductionOperator, shape: [Int], axes: [Int]) -> Layout? {
        guard let flags = try? Reductions.reducedAxes(shape, axes),
              let first = flags.firstIndex(of: true), let last = flags.lastIndex(of: true),
              flags[first...last].allSatisfy({ $0 }), !shape.contains(0) else { return nil }
        if op != .mean && flags.allSatisfy({ $0 }) { return nil }
        return Layout(outer: shape[..<first].reduce(1, *), reduced: shape[first...last].reduce(1, *),
                      inner: shape[(last + 1)...].reduce(1, *))
    }

    /// Reduces `input` laid out as `layout` into `output` (`outer × inner` elements).
    static func reduce(_ op: ReductionOperator, _ layout: Layout, _ input: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>) {
        let (reduced, inner) = (layout.reduced, layout.inner)
        for o in 0..<layout.outer {
            let accumulator = output + o * inner
            let block = input + o * reduced * inner
            switch op {
            case .mean, .sum:
                accumulator.update(repeating: 0, count: inner)
                for r in 0..<reduced {
                    let row = block + r * inner
                    for i in 0..<inner { accumulator[i] += row[i] }
                }
            case .max:
                accumulator.update(repeating: -.greatestFiniteMagnitude, count: inner)
                for r in 0..<reduced {
                    let row = block + r * inner
                    for i in 0..<inner where row[i] > accumulator[i] { accumulator[i] = row[i] }
                }
            }
        }
        if op == .mean {
            let count = Float(reduced)
            for i in 0..<(layout.outer * inner) { output[i] = output[i] / count }
        }
    }
}
