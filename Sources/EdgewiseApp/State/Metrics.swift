import Evaluation

/// What one model (the float baseline or an optimized variant) has measured so far. Every field
/// fills in as the job streams its results; nil means "not measured yet".
struct Metrics: Equatable, Sendable {
    var sizeBytes: Int?
    var gzipBytes: Int?
    /// Median latency of our interpreter on this machine (measured here).
    var latencyMs: Double?
    /// Latency on the chosen target from the advisor's cost model (an estimate).
    var estimateMs: Double?
    /// Top-1 accuracy against the labels, with its Wilson interval.
    var top1: ProportionEstimate?
    /// Top-1 agreement with the float model (variants only).
    var agreement: ProportionEstimate?
    /// SQNR of the first output against the float model, in dB (variants only).
    var sqnrDB: Double?
    /// Samples evaluated so far, and in all.
    var samples = 0
    var totalSamples = 0
    /// Where the model's ops run on the target.
    var compatibility: CompatibilitySummary?
}

/// The advisor's compatibility report, reduced to what the panes show.
struct CompatibilitySummary: Equatable, Sendable {
    struct Op: Equatable, Sendable {
        var index: Int
        var name: String
        /// `target`, `CPU` or `missing`.
        var placement: String
        var detail: String
    }

    var targetName: String
    var accelerated: Int
    var total: Int
    /// e.g. `0–3 target`.
    var partitions: [String]
    var ops: [Op]
    var findings: [String]
}

/// One operator's error against the float model, for the layers pane.
struct LayerRow: Equatable, Sendable {
    var operatorIndex: Int
    var opName: String
    var tensorName: String
    var sqnrDB: Double
}
