import Foundation
import Optimizer

/// The advisor's decision tree, read from `Resources/advisor/decision_tree.json`: the questions
/// it asks, the candidates it can recommend, and the rules that filter and rank them.
public struct DecisionTree: Codable, Sendable {
    /// One question and its possible answers.
    public struct Question: Codable, Sendable {
        public var id: String
        public var text: String
        public var answers: [Answer]
    }

    /// One possible answer to a question.
    public struct Answer: Codable, Sendable {
        public var id: String
        public var text: String
    }

    /// What a candidate does when chosen.
    public enum Action: String, Codable, Sendable {
        /// Apply `recipe` and measure it.
        case recipe
        /// Start from `recipe` and keep the most sensitive layers float until the budget is met.
        case selectiveFallback
        /// Advice only: a step Edgewise cannot run (training-time techniques).
        case advice
    }

    /// A recipe (or piece of advice) the tree can recommend.
    public struct Candidate: Codable, Sendable {
        public var id: String
        public var title: String
        public var action: Action
        /// The recipe to apply; nil for advice.
        public var recipe: Recipe?
        /// One sentence from the guide's facts: why and when to use it.
        public var reason: String
    }

    /// A rule: when every listed question has one of the listed answers, apply its effects.
    public struct Rule: Codable, Sendable {
        public var when: [String: [String]]
        /// Candidates removed, with `because`.
        public var exclude: [String]?
        /// Candidate ids in preferred order; ids not listed keep their order after them.
        public var rank: [String]?
        /// Why the rule applies, shown in the walk.
        public var because: String
    }

    public var questions: [Question]
    public var candidates: [Candidate]
    public var rules: [Rule]
    /// Where the reasons come from.
    public var sources: [String]

    /// The bundled tree.
    public static func bundled() throws(AdvisorError) -> DecisionTree {
        try AdvisorData.decode(DecisionTree.self, at: "advisor/decision_tree.json")
    }
}
