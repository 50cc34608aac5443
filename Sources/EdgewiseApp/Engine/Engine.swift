import Advisor
import LiteModel
import Optimizer

/// What a job needs: the float model, the data chosen in the wizard and the target.
struct JobContext: Sendable {
    var model: Model
    var modelBytes: [UInt8]
    var data: DataFiles
    var target: TargetKind
}

/// What a commit writes: the optimized model, its recipe and a short report.
struct CommitRequest: Sendable {
    var files: CommitFiles
    var modelBytes: [UInt8]
    var recipeJSON: [UInt8]
    var report: String
    /// The model the session opened (never overwritten).
    var inputModel: String
    /// Replace existing files (the user confirmed).
    var overwrite: Bool
}

/// Everything the app does outside its state: reading models, running the optimizer and
/// interpreter, and the file system. The real one is `LiveEngine`; tests use a fake.
protocol Engine: Sendable {
    /// Reads and validates the model at `path`; the error is a sentence for people.
    func open(path: String, isDemo: Bool) -> Result<ModelSession, EngineFailure>
    /// Measures the float model: size, compatibility, latency here, accuracy on the test data.
    func measureBaseline(_ context: JobContext, send: @escaping @Sendable (JobEvent) -> Void) async
    /// Applies `recipe` and measures the result against the float model.
    func run(_ recipe: Recipe, context: JobContext, send: @escaping @Sendable (JobEvent) -> Void) async
    /// Writes the commit's files atomically; returns their paths.
    func commit(_ request: CommitRequest) -> Result<[String], EngineFailure>
    /// Paths that could complete `partial` (folders end in `/`), keeping files whose name ends in
    /// one of `extensions`.
    func completions(for partial: String, extensions: [String]) -> [String]
    /// Whether a file (not a folder) exists at `path`.
    func fileExists(_ path: String) -> Bool
}

/// An engine error, already worded for people.
struct EngineFailure: Error, Equatable, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}
