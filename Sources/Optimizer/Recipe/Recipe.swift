/// A post-training optimization, as data: which scheme, how to calibrate, which ops stay float.
/// Saved and replayed as JSON; keys are the property names below.
///
/// ```json
/// {"scheme": "int8", "io": "float", "observer": {"kind": "percentile", "percentile": 99.99},
///  "keepFloat": [{"operator": 3}, {"tensorName": "logits.*"}, {"opType": "SOFTMAX"}],
///  "calibrationLimit": 200}
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
    /// Reserved for a later pruning step (target sparsity 0…1); not applied by this module yet.
    public var pruningSparsity: Double?
    /// Reserved for a later weight-clustering step (number of clusters); not applied yet.
    public var clusters: Int?

    public init(scheme: Scheme, io: IOType = .float, observer: Observer = .minMax, keepFloat: [KeepFloatRule] = [],
                calibrationLimit: Int? = nil, pruningSparsity: Double? = nil, clusters: Int? = nil) {
        self.scheme = scheme
        self.io = io
        self.observer = observer
        self.keepFloat = keepFloat
        self.calibrationLimit = calibrationLimit
        self.pruningSparsity = pruningSparsity
        self.clusters = clusters
    }

    /// Whether the scheme quantizes activations and so needs calibration data.
    public var needsCalibration: Bool { scheme == .int8 || scheme == .int16x8 }

    private enum CodingKeys: String, CodingKey {
        case scheme, io, observer, keepFloat, calibrationLimit, pruningSparsity, clusters
    }

    /// Decodes a recipe; every key but `scheme` is optional.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        scheme = try container.decode(Scheme.self, forKey: .scheme)
        io = try container.decodeIfPresent(IOType.self, forKey: .io) ?? .float
        observer = try container.decodeIfPresent(Observer.self, forKey: .observer) ?? .minMax
        keepFloat = try container.decodeIfPresent([KeepFloatRule].self, forKey: .keepFloat) ?? []
        calibrationLimit = try container.decodeIfPresent(Int.self, forKey: .calibrationLimit)
        pruningSparsity = try container.decodeIfPresent(Double.self, forKey: .pruningSparsity)
        clusters = try container.decodeIfPresent(Int.self, forKey: .clusters)
    }
}
