import Optimizer

/// Finds the first candidate, in the tree's order, whose measured model is inside the budget.
///
/// Plain recipes are measured as they are. A `selectiveFallback` candidate measures its recipe
/// first; when that misses the budget it measures per-op sensitivity (the recipe applied to one op
/// at a time, every other op kept float), then keeps the most damaging ops float, one more at a
/// time, until the budget holds. Quantizing one op alone (rather than keeping one op float) also
/// catches a sensitive tensor between two ops, which stays quantized unless both its producer and
/// its consumers are float. Advice candidates are listed, not measured.
public struct BudgetSearch {
    public var budget: Budget
    /// Candidates in the tree's order.
    public var candidates: [DecisionTree.Candidate]
    /// Operator indices the sensitivity analysis may keep float.
    public var operators: [Int]

    public init(budget: Budget, candidates: [DecisionTree.Candidate], operators: [Int]) {
        self.budget = budget
        self.candidates = candidates
        self.operators = operators
    }

    /// Runs the search; `progress` hears about every measurement as it finishes.
    public func run(with evaluator: some CandidateEvaluator,
                    progress: (BudgetSearchResult.Trial) -> Void = { _ in }) async throws -> BudgetSearchResult {
        var result = BudgetSearchResult(budget: budget)
        var cache: [(Recipe, Measurement)] = []
        func measure(_ candidate: String, _ recipe: Recipe, probe: Bool = false) async throws -> BudgetSearchResult.Trial {
            let measurement: Measurement
            if let known = cache.first(where: { $0.0 == recipe })?.1 {
                measurement = known
            } else {
                measurement = try await evaluator.measure(recipe)
                cache.append((recipe, measurement))
                let trial = BudgetSearchResult.Trial(candidate: candidate, recipe: recipe, measurement: measurement,
                                                     meetsBudget: budget.isMet(by: measurement), isProbe: probe)
                result.trials.append(trial)
                progress(trial)
            }
            return .init(candidate: candidate, recipe: recipe, measurement: measurement, meetsBudget: budget.isMet(by: measurement),
                         isProbe: probe)
        }
        for candidate in candidates {
            switch candidate.action {
            case .advice:
                result.advice.append(candidate)
            case .recipe:
                guard let recipe = candidate.recipe else { continue }
                let trial = try await measure(candidate.id, recipe)
                if trial.meetsBudget { result.chosen = trial; return result }
            case .selectiveFallback:
                guard let base = candidate.recipe else { continue }
                let baseline = try await measure(candidate.id, base)
                if baseline.meetsBudget { result.chosen = baseline; return result }
                result.fallbackBaseline = baseline
                // Quantize one op at a time (all others float): the ops whose quantization alone
                // hurts most come first.
                var sensitivity: [BudgetSearchResult.Sensitivity] = []
                for op in operators {
                    var single = base
                    single.keepFloat = base.keepFloat + operators.filter { $0 != op }.map { .operatorIndex($0) }
                    let trial = try await measure(candidate.id, single, probe: true)
                    sensitivity.append(.init(op: op, measurement: trial.measurement))
                }
                sensitivity.sort { (budget.score($0.measurement), $0.op) < (budget.score($1.measurement), $1.op) }
                result.sensitivity = sensitivity
                var kept: [Int] = []
                for entry in sensitivity {
                    kept.append(entry.op)
                    var recipe = base
                    recipe.keepFloat = base.keepFloat + kept.map { .operatorIndex($0) }
                    let trial = try await measure(candidate.id, recipe)
                    if trial.meetsBudget {
                        result.chosen = trial
                        result.keptFloat = kept
                        return result
                    }
                }
            }
        }
        return result
    }
}

/// What the budget search measured and chose.
public struct BudgetSearchResult: Codable, Sendable {
    /// One measured recipe.
    public struct Trial: Codable, Sendable {
        public var candidate: String
        public var recipe: Recipe
        public var measurement: Measurement
        public var meetsBudget: Bool
        /// A sensitivity probe (one op quantized, the rest float), not a model to recommend.
        public var isProbe: Bool
    }

    /// The quality with only `op` quantized.
    public struct Sensitivity: Codable, Sendable {
        public var op: Int
        public var measurement: Measurement
    }

    public var budget: Budget
    /// Every distinct recipe measured, in order.
    public var trials: [Trial] = []
    /// The recommendation; nil when nothing met the budget.
    public var chosen: Trial?
    /// The selective-fallback candidate's plain recipe, when it missed the budget.
    public var fallbackBaseline: Trial?
    /// Per-op sensitivity, most damaging first (only when the selective fallback ran).
    public var sensitivity: [Sensitivity] = []
    /// Ops the chosen model keeps float (selective fallback only).
    public var keptFloat: [Int] = []
    /// Advice candidates the tree ranked (not measurable here).
    public var advice: [DecisionTree.Candidate] = []
}
