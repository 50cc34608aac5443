import Evaluation
import TerminalUI

/// Everything that changes the app's state: keys, and reports from background jobs.
enum AppMessage: Sendable {
    case key(Key)
    /// A model was read (from the open-model screen or at launch).
    case opened(ModelSession, DataFiles)
    case openFailed(String)
    /// A job (`baseline` or a candidate id) reports.
    case job(String, JobEvent)
    /// A commit wrote these files.
    case committed([String])
    case commitFailed(String)
}

/// What an engine job reports while it works, in order.
enum JobEvent: Sendable {
    /// Progress: the stage, the fraction of the whole job done, and the seconds since it started.
    case progress(stage: String, fraction: Double, elapsed: Double)
    /// The model to measure exists: its bytes, sizes, target estimate and compatibility.
    case built(modelBytes: [UInt8], gzipBytes: Int, estimateMs: Double, compatibility: CompatibilitySummary)
    /// Median latency measured here, in milliseconds.
    case latency(Double)
    /// Quality after another batch of samples.
    case quality(Quality)
    /// Per-layer error against the float model, worst first.
    case layers([LayerRow])
    case finished
    case failed(String)
}

/// Streamed quality figures of one model.
struct Quality: Equatable, Sendable {
    var samples: Int
    var total: Int
    var top1: ProportionEstimate?
    var agreement: ProportionEstimate?
    var sqnrDB: Double?
}
