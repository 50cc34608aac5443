import Advisor
import TerminalUI

/// The workbench's panes, in Tab order.
enum Pane: String, CaseIterable, Equatable, Sendable {
    case recipes, deltas, summary, compatibility, layers, jobs

    /// The panes shown as tabs in the lower right.
    static let details: [Pane] = [.summary, .compatibility, .layers, .jobs]

    var title: String {
        switch self {
        case .recipes: "Recipes"
        case .deltas: "Deltas vs float"
        case .summary: "Summary"
        case .compatibility: "Compatibility"
        case .layers: "Layers"
        case .jobs: "Jobs"
        }
    }
}

/// The workbench: ranked recipes, their runs and what the panes show.
struct WorkbenchState {
    var answers: Answers
    var data: DataFiles
    /// Candidates still possible, best first, with the tree's notes.
    var ranked: [DecisionTree.Candidate]
    var notes: [String]
    var focus: Pane = .recipes
    /// The detail tab shown in the lower right.
    var detail: Pane = .summary
    var recipeSelection = 0
    var layerSelection = 0
    var jobSelection = 0
    var compatibilityScroll = 0
    /// Show every run side by side in the deltas pane.
    var compare = false
    /// The `/` filter on the recipes or layers list, and whether it is being typed.
    var filter = TextInput()
    var isFiltering = false
    /// The float model's measurements.
    var baseline: RunState
    /// Runs by candidate id, and the order they were started in.
    var runs: [String: RunState] = [:]
    var runOrder: [String] = []
    /// A one-line message in the status row.
    var notice: String?
    /// Jobs started so far (numbers each start's `jobID`).
    var jobsStarted = 0

    init(answers: Answers, data: DataFiles, walk: TreeWalk) {
        self.answers = answers
        self.data = data
        self.ranked = walk.ranked
        self.notes = walk.notes
        self.baseline = RunState(id: "baseline", jobID: "baseline#0", title: "float baseline", recipe: nil)
    }

    /// The recipes list after the filter (indices into `ranked`).
    var visibleRecipes: [Int] {
        let needle = filter.text.lowercased()
        return ranked.indices.filter {
            needle.isEmpty || ranked[$0].title.lowercased().contains(needle) || ranked[$0].id.contains(needle)
        }
    }

    /// The highlighted candidate.
    var selectedCandidate: DecisionTree.Candidate? {
        let visible = visibleRecipes
        guard !visible.isEmpty else { return nil }
        return ranked[visible[min(recipeSelection, visible.count - 1)]]
    }

    /// The run of the highlighted candidate, if it ran.
    var selectedRun: RunState? { selectedCandidate.flatMap { runs[$0.id] } }

    /// The layers of the selected run after the filter.
    var visibleLayers: [LayerRow] {
        let needle = filter.text.lowercased()
        return (selectedRun?.layers ?? []).filter {
            needle.isEmpty || $0.opName.lowercased().contains(needle) || $0.tensorName.lowercased().contains(needle)
        }
    }

    /// Baseline first, then runs in start order: what the jobs pane lists.
    var jobs: [RunState] { [baseline] + runOrder.compactMap { runs[$0] } }

    /// Whether any job is still running.
    var hasRunningJobs: Bool { jobs.contains { $0.status.isRunning } }
}
