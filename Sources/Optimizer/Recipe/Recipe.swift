/// A post-training optimization, as data: pruning and clustering (optional, in that order), then
/// which quantization scheme, how to calibrate, which ops stay float, and whether to store pruned
/// weights in TFLite's sparse format. Saved and replayed as JSON; keys are the property names below.
///
/// ```json
/// {"scheme": "int8", "io": "float", "observer": {"kind": "percentile", "percentile": 99.99},
///  "keepFloat": [{"operator": 3}, {"tensorName": "logits.*"}, {"opType": "SOFTMAX"}],
///  "calibrationLimit": 200, "pruning": {"sparsity": 0.5, "structure": "2:4"},
///  "clustering": {"clusters": 16}, "sparseEncoding": false}
/// ```
public struct Recipe: Codable, Equatable, Sendable {
    /// The quantization scheme.
    public enum Scheme: String, Codable, CaseIterable, Sendable {
        /// float32 constants stored as float16, dequantized at load time.
        case float16
        /// int8 weights with float activations (hybrid kernels).
        case dynamic
        /// Full integer: int8 weights and activations.
        case int8
        /// int16 activations, int8 weights, int64 conv/FC biases.
        case int16x8
        /// No quantization (pruning and/or clustering only).
        case none

        /// Whether the scheme stores conv / FC weights as symmetric per-channel int8.
        var quantizesWeightsToInt8: Bool { self == .dynamic || self == .int8 || self == .int16x8 }
    }

    /// Type of the model's inputs and outputs for the `int8` scheme.
    public enum IOType: String, Codable, CaseIterable, Sendable {
        /// int8 inputs and outputs, no QUANTIZE/DEQUANTIZE at the boundary.
        case int8
        /// float inputs and outputs with QUANTIZE/DEQUANTIZE ops at the boundary.
        case float
    }

    public var scheme: Scheme
    /// Boundary type for `int8` (ignored by the other schemes, whose I/O stays float).
    public var io: IOType
    /// How calibration statistics become ranges.
    public var observer: Observer
    /// Ops kept in float whatever the scheme.
    public var keepFloat: [KeepFloatRule]
    /// Use at most this many calibration samples (nil: all).
    public var calibrationLimit: Int?
    /// Magnitude pruning before quantization (nil: none).
    public var pruning: PruningOptions?
    /// Weight clustering after pruning, before quantization (nil: none).
    public var clustering: ClusteringOptions?
    /// Store weights that get smaller that way in TFLite's sparse format, each with a DENSIFY op.
    public var sparseEncoding: Bool

    public init(scheme: Scheme, io: IOType = .float, observer: Observer = .minMax, keepFloat: [KeepFloatRule] = [],
                calibrationLimit: Int? = nil, pruning: PruningOptions? = nil, clustering: ClusteringOptions? = nil,
                sparseEncoding: Bool = false) {
        self.scheme = scheme
        self.io = io
        self.observer = observer
        self.keepFloat = keepFloat
        self.calibrationLimit = calibrationLimit
        self.pruning = pruning
        self.clustering = clustering
        self.sparseEncoding = sparseEncoding
    }

    /// Whether the scheme quantizes activations and so needs calibration data.
    public var needsCalibration: Bool { scheme == .int8 || scheme == .int16x8 }

    private enum CodingKeys: String, CodingKey {
        case scheme, io, observer, keepFloat, calibrationLimit, pruning, clustering, sparseEncoding
    }

    /// Decodes a recipe; every key but `scheme` is optional.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        scheme = try container.decode(Scheme.self, forKey: .scheme)
        io = try container.decodeIfPresent(IOType.self, forKey: .io) ?? .float
        observer = try container.decodeIfPresent(Observer.self, forKey: .observer) ?? .minMax
        keepFloat = try container.decodeIfPresent([KeepFloatRule].self, forKey: .keepFloat) ?? []
        calibrationLimit = try container.decodeIfPresent(Int.self, forKey: .calibrationLimit)
        pruning = try container.decodeIfPresent(PruningOptions.self, forKey: .pruning)
        clustering = try container.decodeIfPresent(ClusteringOptions.self, forKey: .clustering)
        sparseEncoding = try container.decodeIfPresent(Bool.self, forKey: .sparseEncoding) ?? false
    }
}
