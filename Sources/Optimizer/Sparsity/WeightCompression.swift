import LiteModel

/// The pruning → clustering part of a recipe, run before any quantization.
public enum WeightCompression {
    /// Prunes, then clusters (each step when its options are given). With `int8Weights` (the
    /// scheme that follows stores weights as symmetric per-channel int8) the changed layers are
    /// then moved onto that int8 grid so quantization keeps their zeros and distinct values.
    public static func apply(to model: Model, pruning: PruningOptions?, clustering: ClusteringOptions?,
                             int8Weights: Bool) throws(OptimizationError) -> (model: Model, report: CompressionReport) {
        var report = CompressionReport()
        var result = model
        if let pruning { result = try PruningPass(options: pruning).apply(to: result, report: &report) }
        if let clustering { result = try ClusteringPass(options: clustering).apply(to: result, report: &report) }
        if int8Weights, !report.layers.isEmpty { result = snapped(result, layers: Set(report.layers.map(\.operatorIndex))) }
        return (result, report)
    }

    /// `model` with the weights of the operators `layers` on their int8 grids.
    private static func snapped(_ model: Model, layers: Set<Int>) -> Model {
        var editor = GraphEditor(model)
        for layer in WeightLayer.all(in: model) where layers.contains(layer.operatorIndex) {
            let values = CentroidQuantization.snapped(editor.floatConstant(layer.tensorIndex)!, shape: layer.shape, axis: layer.channelAxis)
            editor.replaceWeights(of: layer.tensorIndex, with: values)
        }
        editor.removeUnused()
        return editor.model
    }
}
