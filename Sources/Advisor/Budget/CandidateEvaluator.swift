import Optimizer

/// What measuring one optimized model gave.
public struct Measurement: Codable, Equatable, Sendable {
    /// Bytes of the optimized `.tflite` file.
    public var sizeBytes: Int
    /// Bytes after gzip (what a download costs).
    public var gzipBytes: Int
    /// Top-1 accuracy lost against the float model, in percentage points (needs labels).
    public var accuracyDrop: Double?
    /// Signal-to-quantization-noise ratio of the outputs against the float model, in dB.
    public var sqnr: Double?
    /// The latency estimate on the chosen target, in seconds (an estimate, not a measurement).
    public var estimatedSeconds: Double?

    public init(sizeBytes: Int, gzipBytes: Int, accuracyDrop: Double? = nil, sqnr: Double? = nil, estimatedSeconds: Double? = nil) {
        self.sizeBytes = sizeBytes
        self.gzipBytes = gzipBytes
        self.accuracyDrop = accuracyDrop
        self.sqnr = sqnr
        self.estimatedSeconds = estimatedSeconds
    }
}

/// Turns a recipe into a measured model. The budget search only talks to this protocol, so it can
/// be driven by the real optimizer and interpreter or, in tests, by a fake.
public protocol CandidateEvaluator {
    /// Applies `recipe` to the model and measures the result.
    func measure(_ recipe: Recipe) async throws -> Measurement
}

extension Budget {
    /// Whether a measurement is inside the budget; false when it lacks the needed quantity.
    public func isMet(by measurement: Measurement) -> Bool {
        switch self {
        case .maxAccuracyDrop(let limit): measurement.accuracyDrop.map { $0 <= limit } ?? false
        case .minSQNR(let limit): measurement.sqnr.map { $0 >= limit } ?? false
        }
    }

    /// The measured quality on this budget's scale, larger is better (minus the drop, or the SQNR).
    func score(_ measurement: Measurement) -> Double {
        switch self {
        case .maxAccuracyDrop: -(measurement.accuracyDrop ?? .infinity)
        case .minSQNR: measurement.sqnr ?? -.infinity
        }
    }

    /// The measured quantity as text, e.g. "top-1 drop 3.2 pp".
    func describe(_ measurement: Measurement) -> String {
        switch self {
        case .maxAccuracyDrop: measurement.accuracyDrop.map { "top-1 drop \($0.formatted(decimals: 2)) pp" } ?? "no accuracy measured"
        case .minSQNR: measurement.sqnr.map { "SQNR \($0.formatted(decimals: 1)) dB" } ?? "no SQNR measured"
        }
    }
}
