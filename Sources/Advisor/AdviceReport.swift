import LiteModel

/// Everything `edgewise advise` reports: the walk through the tree, where the model's ops run on
/// the target, the latency estimate, and (when data was given) the budget search.
public struct AdviceReport: Codable, Sendable {
    public var answers: Answers
    public var walk: TreeWalk
    public var compatibility: CompatibilityReport
    /// The input model's latency on the target (an estimate).
    public var estimate: LatencyEstimate
    /// TFLM only: peak live activation bytes, a lower bound for the arena.
    public var arenaLowerBoundBytes: Int?
    /// The measured candidates and the choice; nil when no search ran.
    public var search: BudgetSearchResult?
    /// Why no search ran, when it did not.
    public var searchSkipped: String?

    /// Walks the tree, checks `model` against the target's profile and estimates its latency.
    /// `.unknown` targets are checked against the CPU profile.
    public static func make(model: Model, answers: Answers, tree: DecisionTree) throws(AdvisorError) -> AdviceReport {
        let host = try TargetProfile.bundled(.cpu)
        let profile = answers.target == .unknown ? host : try TargetProfile.bundled(answers.target)
        let compatibility = CompatibilityChecker.report(model: model, profile: profile)
        let estimate = LatencyEstimator.estimate(OpWorkload.of(model), report: compatibility, profile: profile, host: host)
        return AdviceReport(answers: answers, walk: tree.walk(answers), compatibility: compatibility, estimate: estimate,
                            arenaLowerBoundBytes: profile.partitioning == .none ? ArenaEstimate.peakActivationBytes(model) : nil)
    }
}
