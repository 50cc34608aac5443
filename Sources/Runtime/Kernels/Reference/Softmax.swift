import Foundation

/// SOFTMAX and LOG_SOFTMAX over the last axis (float, TFLite reference formulas).
public enum Softmax {
    /// Both ops keep the input shape; the input needs at least one dimension.
    public static func outputShape(_ input: [Int]) throws -> [Int] {
        guard !input.isEmpty else { throw ShapeError("softmax needs an input of rank ≥ 1, got a scalar") }
        return input
    }

    /// `exp((x − max) · beta) / Σ exp((x − max) · beta)` per row of the last axis, summed in float.
    public static func softmax(_ input: TensorView<Float>, beta: Float, into output: MutableTensorView<Float>) {
        forEachRow(input, output) { row, out, depth in
            let maximum = rowMaximum(row, depth)
            var sum: Float = 0
            for c in 0..<depth {
                let e = exp((row[c] - maximum) * beta)
                out[c] = e
                sum += e
            }
            for c in 0..<depth { out[c] = out[c] / sum }
        }
    }

    /// `x − max − log(Σ exp(x − max))` per row of the last axis.
    public static func logSoftmax(_ input: TensorView<Float>, into output: MutableTensorView<Float>) {
        forEachRow(input, output) { row, out, depth in
            let maximum = rowMaximum(row, depth)
            var sum: Float = 0
            for c in 0..<depth { sum += exp(row[c] - maximum) }
            let logSum = log(sum)
            for c in 0..<depth { out[c] = row[c] - maximum - logSum }
        }
    }

    /// Calls `body(inputRow, outputRow, depth)` for each row along the last axis.
    private static func forEachRow(
        _ input: TensorView<Float>, _ output: MutableTensorView<Float>,
        _ body: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
    ) {
        precondition(output.count == input.count && input.rank >= 1, "softmax output must match the input")
        let depth = input.shape[input.rank - 1]
        guard depth > 0 else { return }
        for r in 0..<(input.count / depth) {
            body(input.base + r * depth, output.base + r * depth, depth)
        }
    }

    /// Row maximum seeded with the lowest float, compared as `std::max` does.
    private static func rowMaximum(_ row: UnsafePointer<Float>, _ depth: Int) -> Float {
        var maximum = -Float.greatestFiniteMagnitude
        for c in 0..<depth where maximum < row[c] { maximum = row[c] }
        return maximum
    }
}
