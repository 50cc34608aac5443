import Optimizer
import Testing
@testable import Advisor

/// A fake optimizer + evaluator for a 9-op model: int8 loses `damage[k]` pp for every quantized
/// op k (5 pp with all quantized); int16x8 loses 0.1 pp, dynamic 0.3 pp, float16 nothing. Sizes
/// grow with every float op.
final class FakeEvaluator: CandidateEvaluator {
    let damage: [Int: Double] = [6: 3.0, 5: 1.8, 1: 0.2]
    var int16x8Drop = 0.1
    private(set) var measured: [Recipe] = []

    func measure(_ recipe: Recipe) async throws -> Measurement {
        measured.append(recipe)
        let kept = recipe.keepFloat.compactMap { rule -> Int? in if case .operatorIndex(let i) = rule { i } else { nil } }
        let drop: Double = switch recipe.scheme {
        case .int8: (0..<9).filter { !kept.contains($0) }.reduce(0) { $0 + (damage[$1] ?? 0) }
        case .int16x8: int16x8Drop
        case .dynamic: 0.3
        default: 0
        }
        let size = 1000 + 400 * kept.count + (recipe.scheme == .float16 ? 1000 : 0)
        return Measurement(sizeBytes: size, gzipBytes: size * 9 / 10, accuracyDrop: drop, estimatedSeconds: 0.001 * Double(1 + kept.count))
    }
}

@Suite struct BudgetSearchTests {
    static func search(priority: Priority, budget: Budget = .maxAccuracyDrop(percentagePoints: 1)) throws -> BudgetSearch {
        let answers = Answers(target: .cpu, data: .labelled, budget: budget, priority: priority)
        return BudgetSearch(budget: budget, candidates: try DecisionTree.bundled().walk(answers).ranked, operators: Array(0..<9))
    }

    @Test func sizePriorityStopsAtInt16x8AfterInt8MissesTheBudget() async throws {
        let evaluator = FakeEvaluator()
        let result = try await Self.search(priority: .size).run(with: evaluator)
        #expect(evaluator.measured.map(\.scheme) == [.int8, .int16x8])
        #expect(result.chosen?.candidate == "int16x8")
        #expect(result.trials.first?.meetsBudget == false)
    }

    @Test func latencyPriorityKeepsTheMostSensitiveOpsFloat() async throws {
        let evaluator = FakeEvaluator()
        let result = try await Self.search(priority: .latency).run(with: evaluator)
        // Plain int8 misses (5 pp). Quantizing op 6 alone costs 3 pp, op 5 alone 1.8 pp, op 1 alone
        // 0.2 pp. Keeping 6 float leaves 2 pp; keeping 6 and 5 leaves 0.2 pp, inside 1 pp.
        #expect(result.fallbackBaseline?.measurement.accuracyDrop == 5)
        #expect(result.sensitivity.prefix(3).map(\.op) == [6, 5, 1])
        #expect(result.keptFloat == [6, 5])
        #expect(result.chosen?.recipe.keepFloat == [.operatorIndex(6), .operatorIndex(5)])
        #expect(abs((result.chosen?.measurement.accuracyDrop ?? 9) - 0.2) < 1e-9)
        // int8 once, 9 one-op trials, then [6] and [6, 5].
        #expect(evaluator.measured.count == 1 + 9 + 2)
    }

    @Test func nothingInsideTheBudgetLeavesNoChoiceAndListsAdvice() async throws {
        let evaluator = FakeEvaluator()
        evaluator.int16x8Drop = 2
        let result = try await Self.search(priority: .size, budget: .maxAccuracyDrop(percentagePoints: -1)).run(with: evaluator)
        #expect(result.chosen == nil)
        #expect(result.advice.map(\.id) == ["qat", "prune-cluster"])
    }

    @Test func sqnrBudgetNeedsAnSQNRMeasurement() {
        let budget = Budget.minSQNR(decibels: 30)
        #expect(!budget.isMet(by: Measurement(sizeBytes: 1, gzipBytes: 1, accuracyDrop: 0)))
        #expect(budget.isMet(by: Measurement(sizeBytes: 1, gzipBytes: 1, sqnr: 31)))
        #expect(!budget.isMet(by: Measurement(sizeBytes: 1, gzipBytes: 1, sqnr: 29)))
    }
}
