import LiteModel

/// What pruning and clustering did to each weight layer.
public struct CompressionReport: Equatable, Sendable {
    /// One weight tensor after the steps.
    public struct Layer: Equatable, Sendable {
        /// Index of the operator reading it, in the input model.
        public var operatorIndex: Int
        /// e.g. "CONV_2D".
        public var opType: String
        public var elements: Int
        /// Fraction of exact zeros after the steps.
        public var sparsity: Double
        /// Distinct values (zero included) after the steps.
        public var distinctValues: Int
    }

    /// A weight layer left unchanged by a step.
    public struct Skipped: Equatable, Sendable {
        public var step: String
        public var operatorIndex: Int
        public var opType: String
        public var reason: String
    }

    /// Layers changed by pruning or clustering, in operator order.
    public var layers: [Layer] = []
    public var skipped: [Skipped] = []

    public init() {}

    /// Records a layer's state after a step (replacing an earlier record of the same layer).
    mutating func record(_ layer: WeightLayer, values: [Float]) {
        let entry = Layer(operatorIndex: layer.operatorIndex, opType: layer.opType.name ?? "?", elements: values.count,
                          sparsity: Double(values.count { $0 == 0 }) / Double(max(values.count, 1)),
                          distinctValues: Set(values.map { $0 == 0 ? 0 : $0 }).count)
        if let i = layers.firstIndex(where: { $0.operatorIndex == layer.operatorIndex }) {
            layers[i] = entry
        } else {
            layers.append(entry)
            layers.sort { $0.operatorIndex < $1.operatorIndex }
        }
    }

    mutating func skip(_ layer: WeightLayer, step: String, reason: String) {
        skipped.append(Skipped(step: step, operatorIndex: layer.operatorIndex, opType: layer.opType.name ?? "?", reason: reason))
    }
}
