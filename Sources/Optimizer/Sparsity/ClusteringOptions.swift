/// How the clustering step shares weights. JSON: `{"clusters": 16, "initialization": "kmeans++"}`;
/// every key but `clusters` is optional.
public struct ClusteringOptions: Codable, Equatable, Sendable {
    /// Where k-means starts.
    public enum Initialization: String, Codable, CaseIterable, Sendable {
        /// k-means++ seeding (D² sampling) with a fixed seed.
        case kmeansPlusPlus = "kmeans++"
        /// Evenly spaced between the layer's smallest and largest weight.
        case linear
        /// At evenly spaced quantiles of the weights (denser where weights are dense).
        case density
    }

    /// Centroids per layer, 2…256.
    public var clusters: Int
    public var initialization: Initialization
    /// Zeros stay exactly zero and take no centroid (for pruned models).
    public var preserveSparsity: Bool
    /// Seed of the k-means++ sampling.
    public var seed: UInt64
    /// Layers with fewer weights than this are left alone.
    public var minElements: Int
    /// Also cluster DEPTHWISE_CONV_2D kernels (TFMOT's defaults left them alone).
    public var includeDepthwise: Bool

    public init(clusters: Int, initialization: Initialization = .kmeansPlusPlus, preserveSparsity: Bool = true,
                seed: UInt64 = 0, minElements: Int = 0, includeDepthwise: Bool = false) {
        self.clusters = clusters
        self.initialization = initialization
        self.preserveSparsity = preserveSparsity
        self.seed = seed
        self.minElements = minElements
        self.includeDepthwise = includeDepthwise
    }

    private enum CodingKeys: String, CodingKey {
        case clusters, initialization, preserveSparsity, seed, minElements, includeDepthwise
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(clusters: try c.decode(Int.self, forKey: .clusters),
                  initialization: try c.decodeIfPresent(Initialization.self, forKey: .initialization) ?? .kmeansPlusPlus,
                  preserveSparsity: try c.decodeIfPresent(Bool.self, forKey: .preserveSparsity) ?? true,
                  seed: try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? 0,
                  minElements: try c.decodeIfPresent(Int.self, forKey: .minElements) ?? 0,
                  includeDepthwise: try c.decodeIfPresent(Bool.self, forKey: .includeDepthwise) ?? false)
    }

    /// Throws when a value is out of range.
    public func check() throws(OptimizationError) {
        guard (2...256).contains(clusters) else { throw .badRecipe("clusters \(clusters) must lie in 2…256") }
        guard minElements >= 0 else { throw .badRecipe("clustering minElements must not be negative") }
    }

    /// The layer selection these options describe.
    var selection: LayerSelection {
        LayerSelection(minElements: minElements, skipFirst: false, skipLast: false, includeDepthwise: includeDepthwise)
    }
}
