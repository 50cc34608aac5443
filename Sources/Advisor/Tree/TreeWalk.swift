/// The result of walking the decision tree with a set of answers.
public struct TreeWalk: Codable, Sendable {
    /// One answered question.
    public struct Step: Codable, Sendable {
        public var question: String
        public var answer: String
    }

    /// A candidate the tree ruled out, and why.
    public struct Exclusion: Codable, Sendable {
        public var candidate: DecisionTree.Candidate
        public var because: String
    }

    public var steps: [Step]
    /// Sentences of the rules that fired, in order.
    public var notes: [String]
    /// Candidates still possible, best first.
    public var ranked: [DecisionTree.Candidate]
    public var excluded: [Exclusion]
}

extension DecisionTree {
    /// Walks the tree: records each question's answer, applies every rule whose conditions hold
    /// (in file order: exclusions remove candidates, rankings reorder the rest), and returns the
    /// ranked candidates with the reasons.
    public func walk(_ answers: Answers) -> TreeWalk {
        let steps = questions.map { question in
            let value = answers.value(for: question.id) ?? "?"
            let text = question.answers.first { $0.id == value }?.text ?? value
            let shown = question.id == "budget" ? (answers.budget.map { "\(text): \($0)" } ?? text) : text
            return TreeWalk.Step(question: question.text, answer: shown)
        }
        var remaining = candidates
        var excluded: [TreeWalk.Exclusion] = []
        var notes: [String] = []
        for rule in rules where rule.when.allSatisfy({ answers.value(for: $0.key).map($0.value.contains) ?? false }) {
            notes.append(rule.because)
            if let ids = rule.exclude {
                for candidate in remaining where ids.contains(candidate.id) {
                    excluded.append(.init(candidate: candidate, because: rule.because))
                }
                remaining.removeAll { ids.contains($0.id) }
            }
            if let order = rule.rank {
                let position = { (id: String) in order.firstIndex(of: id) ?? order.count }
                remaining = remaining.enumerated()
                    .sorted { (position($0.element.id), $0.offset) < (position($1.element.id), $1.offset) }
                    .map(\.element)
            }
        }
        return TreeWalk(steps: steps, notes: notes, ranked: remaining, excluded: excluded)
    }
}
