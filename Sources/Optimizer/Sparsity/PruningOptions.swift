/// How the pruning step zeroes weights. JSON keys are the property names; every key but
/// `sparsity` is optional: `{"sparsity": 0.5, "scope": "global", "structure": "2:4"}`.
public struct PruningOptions: Codable, Equatable, Sendable {
    /// Which weights share one magnitude threshold.
    public enum Scope: String, Codable, CaseIterable, Sendable {
        /// Every layer reaches the target sparsity on its own.
        case perLayer = "per-layer"
        /// One threshold over all pruned layers together; layers end at different sparsities.
        case global
    }

    /// The pattern of zeros.
    public enum Structure: String, Codable, CaseIterable, Sendable {
        /// Any weight may be zeroed.
        case unstructured
        /// In every group of 4 consecutive weights along the input-channel axis, the 2 smallest are
        /// zeroed (sparsity is then 0.5 whatever `sparsity` says).
        case twoOfFour = "2:4"
    }

    /// Fraction of weights to zero, in [0, 1).
    public var sparsity: Double
    public var scope: Scope
    public var structure: Structure
    /// Layers with fewer weights than this are left dense.
    public var minElements: Int
    /// Leave the first / last prunable layer (in operator order) dense.
    public var skipFirst: Bool
    public var skipLast: Bool
    /// Also prune DEPTHWISE_CONV_2D kernels (TFMOT's defaults left them dense).
    public var includeDepthwise: Bool

    public init(sparsity: Double, scope: Scope = .perLayer, structure: Structure = .unstructured, minElements: Int = 0,
                skipFirst: Bool = false, skipLast: Bool = false, includeDepthwise: Bool = false) {
        self.sparsity = sparsity
        self.scope = scope
        self.structure = structure
        self.minElements = minElements
        self.skipFirst = skipFirst
        self.skipLast = skipLast
        self.includeDepthwise = includeDepthwise
    }

    private enum CodingKeys: String, CodingKey {
        case sparsity, scope, structure, minElements, skipFirst, skipLast, includeDepthwise
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(sparsity: try c.decode(Double.self, forKey: .sparsity),
                  scope: try c.decodeIfPresent(Scope.self, forKey: .scope) ?? .perLayer,
                  structure: try c.decodeIfPresent(Structure.self, forKey: .structure) ?? .unstructured,
                  minElements: try c.decodeIfPresent(Int.self, forKey: .minElements) ?? 0,
                  skipFirst: try c.decodeIfPresent(Bool.self, forKey: .skipFirst) ?? false,
                  skipLast: try c.decodeIfPresent(Bool.self, forKey: .skipLast) ?? false,
                  includeDepthwise: try c.decodeIfPresent(Bool.self, forKey: .includeDepthwise) ?? false)
    }

    /// Throws when a value is out of range.
    public func check() throws(OptimizationError) {
        guard sparsity >= 0, sparsity < 1 else { throw .badRecipe("pruning sparsity \(sparsity) must lie in [0, 1)") }
        guard minElements >= 0 else { throw .badRecipe("pruning minElements must not be negative") }
    }

    /// The layer selection these options describe.
    var selection: LayerSelection {
        LayerSelection(minElements: minElements, skipFirst: skipFirst, skipLast: skipLast, includeDepthwise: includeDepthwise)
    }
}
