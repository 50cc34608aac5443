/// How a tensor's calibration values become the range [min, max] that is quantized.
/// JSON: `{"kind": "minmax"}`, `{"kind": "percentile", "percentile": 99.99}`, `{"kind": "mse"}`.
public enum Observer: Codable, Equatable, Sendable {
    /// Global min and max over all samples (what the TF converter does).
    case minMax
    /// Clip to the given percentile of the values at each end (e.g. 99.99).
    case percentile(Double)
    /// The clipped range that minimizes the mean squared quantization error.
    case mse

    /// The default percentile.
    public static let defaultPercentile = 99.99

    private enum CodingKeys: String, CodingKey { case kind, percentile }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        let percentile = try container.decodeIfPresent(Double.self, forKey: .percentile)
        guard let observer = Observer(name: kind, percentile: percentile) else {
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container,
                                                   debugDescription: "unknown observer \"\(kind)\" (expected minmax, percentile or mse)")
        }
        self = observer
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .kind)
        if case .percentile(let value) = self { try container.encode(value, forKey: .percentile) }
    }

    /// "minmax", "percentile" or "mse".
    public var name: String {
        switch self {
        case .minMax: "minmax"
        case .percentile: "percentile"
        case .mse: "mse"
        }
    }

    /// The observer called `name`; `percentile` applies to "percentile" (default 99.99) and must
    /// lie in (50, 100].
    public init?(name: String, percentile: Double? = nil) {
        switch name.lowercased() {
        case "minmax": self = .minMax
        case "mse": self = .mse
        case "percentile":
            let value = percentile ?? Self.defaultPercentile
            guard value > 50, value <= 100 else { return nil }
            self = .percentile(value)
        default: return nil
        }
    }
}
