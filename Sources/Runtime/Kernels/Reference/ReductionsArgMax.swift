extension Reductions {
    /// Output shape of ARG_MAX: the input shape without `axis` (negative counts from the end).
    public static func argMaxOutputShape(input: [Int], axis: Int) throws -> [Int] {
        var shape = input
        shape.remove(at: try argMaxAxis(input, axis))
        return shape
    }

    /// Index of the largest element along `axis` (`Index` is Int32 or Int64). Ties keep the first
    /// index; as in current TFLite, NaN never wins, a number replaces a NaN, and an all-NaN slice
    /// gives 0.
    public static func argMax<Element: Comparable, Index: FixedWidthInteger>(
        _ input: TensorView<Element>, axis: Int, into output: MutableTensorView<Index>
    ) {
        guard let axis = try? argMaxAxis(input.shape, axis) else {
            preconditionFailure("ARG_MAX axis \(axis) does not fit input shape \(input.shape)")
        }
        let axisSize = input.shape[axis]
        let inner = input.shape[(axis + 1)...].reduce(1, *)
        let outer = input.shape[..<axis].reduce(1, *)
        precondition(output.count == outer * inner, "ARG_MAX output must have \(outer * inner) elements")
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * axisSize * inner + i
                var best = input[base]
                var bestIndex = 0
                for k in 1..<axisSize {
                    let candidate = input[base + k * inner]
                    // `x != x` is true only for NaN.
                    if candidate == candidate && (best != best || candidate > best) {
                        best = candidate
                        bestIndex = k
                    }
                }
                output[o * inner + i] = Index(bestIndex)
            }
        }
    }

    private static func argMaxAxis(_ shape: [Int], _ axis: Int) throws -> Int {
        let resolved = axis < 0 ? axis + shape.count : axis
        guard resolved >= 0 && resolved < shape.count, shape[resolved] > 0 else {
            throw ShapeError("ARG_MAX axis \(axis) must name a non-empty axis of input shape \(shape)")
        }
        return resolved
    }
}
