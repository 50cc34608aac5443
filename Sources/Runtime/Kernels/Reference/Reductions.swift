/// Reductions over axes (TFLite MEAN, SUM, REDUCE_MAX) and ARG_MAX.
public enum Reductions {}

/// What a reduction computes over the reduced axes.
public enum ReductionOperator: Sendable, Equatable {
    case mean, sum, max
}

extension Reductions {
    /// Output shape of a reduction: reduced axes become 1 with `keepDims`, else disappear.
    /// Negative axes count from the end and duplicates are ignored; a scalar input stays a scalar.
    public static func outputShape(input: [Int], axes: [Int], keepDims: Bool) throws -> [Int] {
        let reduced = try reducedAxes(input, axes)
        var shape: [Int] = []
        for (axis, size) in input.enumerated() {
            if !reduced[axis] { shape.append(size) } else if keepDims { shape.append(1) }
        }
        return shape
    }

    /// Reduces `input` over `axes` in input (row-major) order with a float accumulator, as
    /// TFLite's reference kernels do. MEAN divides the float sum by the reduced element count
    /// (NaN for an empty input); SUM/MAX start from 0/lowest, except that when every axis is
    /// reduced TFLite seeds the accumulator with the first element.
    public static func reduce(
        _ op: ReductionOperator, _ input: TensorView<Float>, axes: [Int], keepDims: Bool,
        into output: MutableTensorView<Float>
    ) {
        guard let reduced = try? reducedAxes(input.shape, axes) else {
            preconditionFailure("reduction axes \(axes) do not fit input shape \(input.shape)")
        }
        var kept = input.shape
        for axis in kept.indices where reduced[axis] { kept[axis] = 1 }
        precondition(output.count == kept.reduce(1, *), "reduction output must have \(kept.reduce(1, *)) elements")
        if op == .mean && input.count == 0 {
            for i in 0..<output.count { output[i] = .nan }
            return
        }
        let seedsWithFirst = op != .mean && reduced.allSatisfy { $0 } && input.count > 0
        let initial: Float = op == .max ? -.greatestFiniteMagnitude : 0
        for i in 0..<output.count { output[i] = seedsWithFirst ? input[0] : initial }
        Broadcast.forEachIndex(input.shape, kept, outputShape: input.shape) { i, _, o in
            if seedsWithFirst && i == 0 { return }
            let x = input[i]
            switch op {
            case .mean, .sum: output[o] += x
            case .max: if x > output[o] { output[o] = x }
            }
        }
        if op == .mean {
            let count = Float(input.count / output.count)
            for i in 0..<output.count { output[i] = output[i] / count }
        }
    }

    /// One flag per input axis: true if `axes` (negative allowed, duplicates ignored) names it.
    static func reducedAxes(_ shape: [Int], _ axes: [Int]) throws -> [Bool] {
        var reduced = [Bool](repeating: false, count: shape.count)
        guard !shape.isEmpty else { return reduced }
        for axis in axes {
            let resolved = axis < 0 ? axis + shape.count : axis
            guard resolved >= 0 && resolved < shape.count else {
                throw ShapeError("reduction axis \(axis) is out of range for input shape \(shape) (expected -\(shape.count)..<\(shape.count))")
            }
            reduced[resolved] = true
        }
        return reduced
    }
}
