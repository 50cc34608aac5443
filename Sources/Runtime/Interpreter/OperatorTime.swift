/// One executed operator's total wall time over a profiling run.
public struct OperatorTime: Sendable, Equatable, Codable {
    /// The operator's index in the primary subgraph.
    public let index: Int
    /// Its op name, e.g. `CONV_2D`.
    public let name: String
    /// Wall time summed over all runs.
    public let seconds: Double
}
