/// What a pass did: which operators now run quantized and which stayed float, and why.
public struct OptimizationReport: Equatable, Sendable {
    /// An operator of the input model left in float.
    public struct KeptFloat: Equatable, Sendable {
        /// Index in the input model's primary subgraph.
        public var operatorIndex: Int
        /// e.g. "CONV_2D".
        public var opType: String
        public var reason: String
    }

    public var scheme: Recipe.Scheme
    /// Indices (in the input model) of operators that now use quantized weights or activations.
    public var quantizedOperators: [Int] = []
    /// Operators that could have been quantized by type or data but stayed float.
    public var keptFloat: [KeptFloat] = []
    /// Constant tensors whose storage type changed.
    public var convertedTensors = 0
    /// Samples the calibration ran (0 when none was needed).
    public var calibrationSamples = 0

    public init(scheme: Recipe.Scheme) { self.scheme = scheme }
}
