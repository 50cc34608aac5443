import LiteModel

/// Magnitude pruning of conv / fully connected weights to a target sparsity (Model → Model).
/// Biases are never pruned. The file size does not change: zeros compress, they are not removed
/// (see `SparseEncoding` for TFLite's sparse format).
public struct PruningPass: Sendable {
    public var options: PruningOptions

    public init(options: PruningOptions) { self.options = options }

    /// The pruned model (the input is not changed), adding to `report`.
    public func apply(to model: Model, report: inout CompressionReport) throws(OptimizationError) -> Model {
        try options.check()
        guard !model.subgraphs.isEmpty else { throw .unsupportedModel("it has no subgraphs") }
        var editor = GraphEditor(model)
        var (layers, skipped) = options.selection.layers(of: model)
        for (layer, reason) in skipped { report.skip(layer, step: "prune", reason: reason) }
        if options.structure == .twoOfFour {
            layers = layers.filter { layer in
                guard layer.shape.last! % 4 == 0 else {
                    report.skip(layer, step: "prune", reason: "input channels \(layer.shape.last!) not a multiple of 4 (2:4)")
                    return false
                }
                return true
            }
        }
        let weights = layers.map { editor.floatConstant($0.tensorIndex)! }
        let pruned: [[Float]]
        switch (options.structure, options.scope) {
        case (.twoOfFour, _):
            pruned = weights.map { MagnitudePruning.structured($0, zeros: 2, groupSize: 4) }
        case (.unstructured, .perLayer):
            pruned = weights.map { MagnitudePruning.zeroSmallest($0, count: Int((options.sparsity * Double($0.count)).rounded())) }
        case (.unstructured, .global):
            let counts = MagnitudePruning.globalCounts(weights, sparsity: options.sparsity)
            pruned = zip(weights, counts).map { MagnitudePruning.zeroSmallest($0, count: $1) }
        }
        for (layer, values) in zip(layers, pruned) {
            editor.replaceWeights(of: layer.tensorIndex, with: values)
            report.record(layer, values: values)
        }
        editor.removeUnused()
        return editor.model
    }
}
