import LiteModel

/// How the integer passes quantize each op type that LiteRT runs in int8 (and which of those
/// also run in int16x8), with the op versions the TF converter writes (read from the fixtures'
/// converter output and TF `operator_property.cc`). Ops not listed stay float.
struct QuantizedOperatorRule {
    /// Where an op's output parameters come from.
    enum Output {
        /// From the output's own calibration range (the kernel requantizes).
        case calibrated
        /// Exactly the parameters of input 0 (pooling, reshape…: no requantization).
        case sameAsInput
        /// Fixed by the spec: (int8 scale, int8 zero point, int16 scale).
        case fixed(Float, Int64, Float)
    }

    var version: Int32
    var supportsInt16: Bool
    var output: Output
    /// For conv / depthwise / fully connected: the channel axis of the weights (input 1); input 2
    /// is then the bias.
    var weightAxis: Int?

    static func rule(for builtin: BuiltinOperator) -> QuantizedOperatorRule? { rules[builtin] }

    private static let rules: [BuiltinOperator: QuantizedOperatorRule] = [
        .conv2D: .init(version: 3, supportsInt16: true, output: .calibrated, weightAxis: 0),
        .depthwiseConv2D: .init(version: 3, supportsInt16: true, output: .calibrated, weightAxis: 3),
        .fullyConnected: .init(version: 4, supportsInt16: true, output: .calibrated, weightAxis: 0),
        .add: .init(version: 2, supportsInt16: true, output: .calibrated),
        .sub: .init(version: 2, supportsInt16: true, output: .calibrated),
        .mul: .init(version: 2, supportsInt16: true, output: .calibrated),
        .mean: .init(version: 2, supportsInt16: true, output: .calibrated),
        .relu: .init(version: 2, supportsInt16: false, output: .calibrated),
        .relu6: .init(version: 2, supportsInt16: false, output: .calibrated),
        .softmax: .init(version: 2, supportsInt16: true, output: .fixed(1.0 / 256, -128, 1.0 / 32768)),
        .logistic: .init(version: 2, supportsInt16: true, output: .fixed(1.0 / 256, -128, 1.0 / 32768)),
        .tanh: .init(version: 2, supportsInt16: true, output: .fixed(1.0 / 128, 0, 1.0 / 32768)),
        .logSoftmax: .init(version: 2, supportsInt16: false, output: .fixed(16.0 / 256, 127, 0)),
        .maxPool2D: .init(version: 2, supportsInt16: true, output: .sameAsInput),
        .averagePool2D: .init(version: 2, supportsInt16: true, output: .sameAsInput),
        .reshape: .init(version: 1, supportsInt16: true, output: .sameAsInput),
        .squeeze: .init(version: 1, supportsInt16: true, output: .sameAsInput),
        .pad: .init(version: 2, supportsInt16: true, output: .sameAsInput),
        .transpose: .init(version: 2, supportsInt16: true, output: .sameAsInput),
    ]

    private init(version: Int32, supportsInt16: Bool, output: Output, weightAxis: Int? = nil) {
        self.version = version
        self.supportsInt16 = supportsInt16
        self.output = output
        self.weightAxis = weightAxis
    }
}
