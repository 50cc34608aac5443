/// An estimated inference time on one target, from the cost model (never a measurement).
public struct LatencyEstimate: Codable, Sendable {
    /// Always "estimate": shown with every figure so it is never mistaken for a measurement.
    public var label = "estimate"
    public var target: String
    /// Total, in seconds.
    public var seconds: Double
    /// Time of the ops on the target.
    public var acceleratedSeconds: Double
    /// Time of the ops on the CPU (fallback, boundary, reference kernels).
    public var fallbackSeconds: Double
    /// Hand-overs between the target and the CPU.
    public var transferSeconds: Double
    /// Parameters that do not fit on chip, streamed on every run.
    public var streamingSeconds: Double
    /// Per-op time, in op order.
    public var perOpSeconds: [Double]
    /// What the numbers rest on (from the profile).
    public var basis: String
}
