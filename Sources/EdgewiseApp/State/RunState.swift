import Optimizer

/// Where a job is.
enum RunStatus: Equatable, Sendable {
    /// Working on `stage`; `fraction` of the whole job done, `etaSeconds` left (when known).
    case running(stage: String, fraction: Double, etaSeconds: Double?)
    case done
    case failed(String)
    case cancelled

    var isRunning: Bool {
        if case .running = self { return true }
        return false
    }
}

/// The float model's measurements, or one recipe applied and measured.
struct RunState: Equatable, Sendable {
    /// `baseline` for the float model, else the candidate's id.
    var id: String
    /// Tags this start's messages, so a stale job's late reports are ignored after a re-run.
    var jobID: String
    var title: String
    /// nil for the float baseline.
    var recipe: Recipe?
    var status: RunStatus
    var metrics = Metrics()
    /// Per-layer error, worst first (variants only).
    var layers: [LayerRow] = []
    /// The optimized `.tflite` file, once built (what a commit writes).
    var modelBytes: [UInt8]?

    /// A run just started.
    init(id: String, jobID: String, title: String, recipe: Recipe?) {
        self.id = id
        self.jobID = jobID
        self.title = title
        self.recipe = recipe
        self.status = .running(stage: "starting", fraction: 0, etaSeconds: nil)
    }

    /// Short column title: the scheme, with the number of layers kept float.
    var shortTitle: String {
        guard let recipe else { return "float" }
        let kept = recipe.keepFloat.count
        return recipe.scheme.rawValue + (kept > 0 ? "+\(kept)f" : "")
    }

    /// Operator indices the recipe keeps float.
    var keptFloat: Set<Int> {
        Set((recipe?.keepFloat ?? []).compactMap {
            if case .operatorIndex(let index) = $0 { return index }
            return nil
        })
    }
}
