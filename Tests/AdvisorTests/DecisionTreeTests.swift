import Testing
@testable import Advisor

/// Walks of the bundled decision tree, checked against the guide's rules as stated in the issue:
/// which recipes need which data and which targets accept which numerics.
@Suite struct DecisionTreeTests {
    static func ranked(_ answers: Answers) throws -> [String] { try DecisionTree.bundled().walk(answers).ranked.map(\.id) }

    @Test func withoutDataOnlyDataFreeRecipesRemain() throws {
        // float16 and dynamic range need no data; int8, int16x8 and QAT do.
        let ids = try Self.ranked(Answers(target: .cpu, data: .none, priority: .size))
        #expect(Set(ids).isSubset(of: ["dynamic", "float16", "prune-cluster"]))
        #expect(ids.first == "dynamic")
    }

    @Test func edgeTPUKeepsOnlyFullIntegerAndTrainingAdvice() throws {
        let walk = try DecisionTree.bundled().walk(Answers(target: .edgetpu, data: .labelled, priority: .latency))
        #expect(walk.ranked.map(\.id) == ["int8", "qat", "prune-cluster"])
        #expect(walk.excluded.contains { $0.candidate.id == "float16" && $0.because.contains("only fully int8") })
    }

    @Test func edgeTPUWithoutDataHasNoRunnableRecipeAndSaysWhy() throws {
        let walk = try DecisionTree.bundled().walk(Answers(target: .edgetpu, data: .none, priority: .size))
        #expect(walk.ranked.allSatisfy { $0.action == .advice })
        #expect(walk.notes.contains { $0.contains("needs calibration samples") })
    }

    @Test func latencyPutsInt16x8AfterSelectiveFallbackAndSizeBeforeIt() throws {
        let latency = try Self.ranked(Answers(target: .cpu, data: .labelled, priority: .latency))
        #expect(latency.firstIndex(of: "int8-selective")! < latency.firstIndex(of: "int16x8")!)
        let size = try Self.ranked(Answers(target: .cpu, data: .labelled, priority: .size))
        #expect(size.firstIndex(of: "int16x8")! < size.firstIndex(of: "int8-selective")!)
        #expect(size.first == "int8")
    }

    @Test func downloadPriorityRecommendsPruningOrClusteringFirst() throws {
        #expect(try Self.ranked(Answers(target: .cpu, data: .unlabelled, priority: .download)).first == "prune-cluster")
    }

    @Test func gpuDropsInt16x8AndPrefersFloat16ForLatency() throws {
        let ids = try Self.ranked(Answers(target: .gpu, data: .unlabelled, priority: .latency))
        #expect(!ids.contains("int16x8"))
        #expect(ids.first == "float16")
    }

    @Test func unlabelledDataRulesOutQATAndAskForAnSQNRBudget() throws {
        let walk = try DecisionTree.bundled().walk(Answers(target: .cpu, data: .unlabelled,
                                                           budget: .maxAccuracyDrop(percentagePoints: 1), priority: .size))
        #expect(!walk.ranked.contains { $0.id == "qat" })
        #expect(walk.notes.contains { $0.contains("minimum SQNR") })
    }

    @Test func walkRecordsEachAnswer() throws {
        let walk = try DecisionTree.bundled().walk(Answers(target: .hexagon, data: .labelled,
                                                           budget: .minSQNR(decibels: 30), priority: .size))
        #expect(walk.steps.map(\.answer) == ["Qualcomm Hexagon DSP", "Labelled data",
                                             "Minimum SQNR against the float model: SQNR ≥ 30 dB", "Size on disk"])
    }

    @Test func everyCandidateHasAReasonAndRecipesDecode() throws {
        let tree = try DecisionTree.bundled()
        for candidate in tree.candidates {
            #expect(!candidate.reason.isEmpty)
            #expect((candidate.recipe == nil) == (candidate.action == .advice), "\(candidate.id)")
        }
        let ruleIDs = tree.rules.flatMap { ($0.exclude ?? []) + ($0.rank ?? []) }
        #expect(Set(ruleIDs).isSubset(of: Set(tree.candidates.map(\.id))))
    }

    @Test(arguments: [("1pp", Budget.maxAccuracyDrop(percentagePoints: 1)), ("0.5%", .maxAccuracyDrop(percentagePoints: 0.5)),
                      ("30dB", .minSQNR(decibels: 30)), ("42.5db", .minSQNR(decibels: 42.5))])
    func budgetsParse(text: String, expected: Budget) throws {
        #expect(try Budget(parsing: text) == expected)
    }

    @Test func badBudgetIsRejected() {
        #expect(throws: AdvisorError.self) { try Budget(parsing: "fast") }
        #expect(throws: AdvisorError.self) { try Budget(parsing: "-1pp") }
    }
}
