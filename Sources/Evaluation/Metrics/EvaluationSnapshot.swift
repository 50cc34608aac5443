/// What an evaluation has measured so far; the last one is the result.
public struct EvaluationSnapshot: Equatable, Sendable {
    /// Samples run so far and samples to run.
    public var processed: Int
    public var total: Int
    /// Accuracy against the labels (first output as class scores), when the data has labels.
    public var classification: ClassificationTally?
    /// Class names by index when the data names them (image folders).
    public var classNames: [String]?
    /// How often the first output's top-1 class equals the reference model's, with a reference.
    public var agreement: ProportionEstimate?
    /// Each output against the reference's same output, with a reference.
    public var fidelity: [FidelityTally]
}

/// One update of a streamed evaluation.
public enum EvaluationEvent: Sendable {
    /// Estimates after another batch of samples.
    case progress(EvaluationSnapshot)
    /// The final result (also sent when cancelled, covering the samples run).
    case finished(EvaluationSnapshot)
    case failed(EvaluationError)
}
