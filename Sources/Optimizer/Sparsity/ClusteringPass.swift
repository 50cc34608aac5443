import LiteModel

/// Weight clustering (Model → Model): each chosen layer's weights are replaced by the nearest of
/// at most k centroids found by k-means on that layer. With `preserveSparsity`, exact zeros stay
/// zero and only the non-zero weights are clustered (k centroids besides zero).
public struct ClusteringPass: Sendable {
    public var options: ClusteringOptions

    public init(options: ClusteringOptions) { self.options = options }

    /// The clustered model (the input is not changed), adding to `report`.
    public func apply(to model: Model, report: inout CompressionReport) throws(OptimizationError) -> Model {
        try options.check()
        guard !model.subgraphs.isEmpty else { throw .unsupportedModel("it has no subgraphs") }
        var editor = GraphEditor(model)
        let (layers, skipped) = options.selection.layers(of: model)
        for (layer, reason) in skipped { report.skip(layer, step: "cluster", reason: reason) }
        for layer in layers {
            let values = clustered(editor.floatConstant(layer.tensorIndex)!)
            editor.replaceWeights(of: layer.tensorIndex, with: values)
            report.record(layer, values: values)
        }
        editor.removeUnused()
        return editor.model
    }

    /// `weights` with every (non-zero, when preserving sparsity) value moved to its centroid.
    func clustered(_ weights: [Float]) -> [Float] {
        let sample = options.preserveSparsity ? weights.filter { $0 != 0 } : weights
        guard Set(sample).count > options.clusters else { return weights.map { $0 == 0 ? 0 : $0 } }
        let kmeans = KMeans1D(values: sample, clusters: options.clusters, initialization: options.initialization, seed: options.seed)
        return weights.map { w in options.preserveSparsity && w == 0 ? 0 : kmeans.nearest(w) }
    }
}
