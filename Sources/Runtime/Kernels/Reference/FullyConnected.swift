/// FULLY_CONNECTED on float32 tensors (TFLite reference_ops::FullyConnected semantics).
///
/// Weights `[units, depth]`; the input is read as `[count / depth, depth]`; optional bias `[units]`.
public enum FullyConnected {
    /// FULLY_CONNECTED options.
    public struct Parameters: Sendable, Equatable {
        /// Output keeps the input's leading dimensions (`[..., units]`) instead of `[batch, units]`.
        public var keepNumDims: Bool
        /// Applied as a clamp to `activation.floatRange`, like TFLite's float kernels.
        public var activation: FusedActivation

        public init(keepNumDims: Bool = false, activation: FusedActivation = .none) {
            self.keepNumDims = keepNumDims
            self.activation = activation
        }
    }

    /// `[batch, units]`, or the input shape with its last dimension replaced by `units` when
    /// `keepNumDims`; throws when the shapes do not fit.
    public static func outputShape(input: [Int], weights: [Int], bias: [Int]?, parameters: Parameters) throws -> [Int] {
        guard weights.count == 2, weights[1] > 0 else {
            throw ShapeError("FULLY_CONNECTED weights must have shape [units, depth] with depth > 0, got \(weights)")
        }
        let count = input.reduce(1, *)
        guard count % weights[1] == 0 else {
            throw ShapeError("FULLY_CONNECTED input \(input) has \(count) elements, not a multiple of depth \(weights[1])")
        }
        if let bias, bias.reduce(1, *) != weights[0] {
            throw ShapeError("FULLY_CONNECTED bias must have \(weights[0]) elements, got shape \(bias)")
        }
        guard parameters.keepNumDims else { return [count / weights[1], weights[0]] }
        guard input.last == weights[1] else {
            throw ShapeError("FULLY_CONNECTED with keep_num_dims needs input last dimension \(weights[1]), got shape \(input)")
        }
        return input.dropLast() + [weights[0]]
    }

    /// Reference fully-connected layer into `output` (shape from `outputShape`).
    public static func compute(input: TensorView<Float>, weights: TensorView<Float>, bias: TensorView<Float>?,
                               output: MutableTensorView<Float>, parameters: Parameters) throws {
        let expected = try outputShape(input: input.shape, weights: weights.shape, bias: bias?.shape, parameters: parameters)
        guard output.shape == expected else { throw ShapeError("FULLY_CONNECTED output must have shape \(expected), got \(output.shape)") }
        let (low, high) = parameters.activation.floatRange
        let units = weights.shape[0], depth = weights.shape[1]
        for b in 0 ..< input.count / depth {
            for u in 0 ..< units {
                var total: Float = 0
                for d in 0 ..< depth { total += input[b * depth + d] * weights[u * depth + d] }
                let value = total + (bias.map { $0[u] } ?? 0)
                output[b * units + u] = min(max(value, low), high)
            }
        }
    }
}
