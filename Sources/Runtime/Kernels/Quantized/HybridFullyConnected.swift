/// FULLY_CONNECTED with float32 input/output and int8 weights (TFLite fully_connected.cc
/// `EvalHybridDense` with portable_tensor_utils): each input row is quantized on the fly
/// (symmetric, or asymmetric with `asymmetricInputs`), the int32 dot products are scaled back by
/// `rowScale · weightScale_unit`, added to the bias, then the activation is applied.
public enum HybridFullyConnected {
    /// Options and the weights' quantization.
    public struct Parameters: Sendable, Equatable {
        public var fullyConnected: FullyConnected.Parameters
        /// One scale (per-tensor) or one per unit.
        public var weightScales: [Float]
        /// TFLite `asymmetric_quantize_inputs`.
        public var asymmetricInputs: Bool

        public init(fullyConnected: FullyConnected.Parameters, weightScales: [Float], asymmetricInputs: Bool) {
            self.fullyConnected = fullyConnected
            self.weightScales = weightScales
            self.asymmetricInputs = asymmetricInputs
        }
    }

    /// Reference hybrid fully-connected layer into `output` (shape from `FullyConnected.outputShape`).
    public static func compute(input: TensorView<Float>, weights: TensorView<Int8>, bias: TensorView<Float>?,
                               output: MutableTensorView<Float>, parameters p: Parameters) throws {
        let expected = try FullyConnected.outputShape(input: input.shape, weights: weights.shape, bias: bias?.shape,
                                                      parameters: p.fullyConnected)
        guard output.shape == expected else { throw ShapeError("FULLY_CONNECTED output must have shape \(expected), got \(output.shape)") }
        let units = weights.shape[0], depth = weights.shape[1], rows = input.count / depth
        guard p.weightScales.count == 1 || p.weightScales.count == units else {
            throw ShapeError("FULLY_CONNECTED weights have \(p.weightScales.count) scales, expected 1 or \(units)")
        }
        let (quantized, rowParameters) = HybridQuantization.quantizedRows(input.base, rows: rows, depth: depth, asymmetric: p.asymmetricInputs)
        let perChannel = p.weightScales.count > 1
        var rowSums = [Int32](repeating: 0, count: units)
        for u in 0 ..< units {
            for d in 0 ..< depth { rowSums[u] &+= Int32(weights[u * depth + d]) }
        }
        for r in 0 ..< rows {
            let rowScale = perChannel ? rowParameters[r].scale : rowParameters[r].scale * p.weightScales[0]
            for u in 0 ..< units {
                var dot: Int32 = 0
                for d in 0 ..< depth { dot &+= Int32(weights[u * depth + d]) &* Int32(quantized[r * depth + d]) }
                dot &-= rowSums[u] &* rowParameters[r].zeroPoint
                let scale = perChannel ? rowScale * p.weightScales[u] : rowScale
                let value = (bias.map { $0[u] } ?? 0) + Float(dot) * scale
                output[r * units + u] = p.fullyConnected.activation.apply(value)
            }
        }
    }
}
