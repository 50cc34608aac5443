import Advisor
import ArgumentParser
import Evaluation
import Foundation
import LiteModel
import Optimizer

/// `edgewise advise MODEL --target T …`: the decision tree, compatibility, latency estimate and,
/// with data and a budget, the measured search for the cheapest model inside the budget.
struct Advise: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recommend an optimization for a target: compatibility, latency estimate, budget search.",
        discussion: """
            Walks the decision tree for your answers, reports which ops run on the target and which fall \
            back to the CPU, and estimates latency there (always an estimate, from a cost model). With \
            --budget and data (--data TEST.npz with x and optional y labels, and/or --calibration C.npy) it \
            quantizes and measures the candidates in the tree's order and stops at the first inside the budget; \
            when plain int8 misses, it keeps the most sensitive ops float until the budget holds.
            """
    )

    @Argument(help: "The float .tflite model.")
    var model: String

    @Option(help: "Target: cpu, gpu, edgetpu, hexagon, mcu (or unknown).")
    var target: TargetKind

    @Option(help: "Calibration samples (.npy or .npz) for int8 and int16x8.")
    var calibration: String?

    @Option(help: "Test data (.npz with inputs 'x' and optional labels 'y').")
    var data: String?

    @Option(help: "Quality budget: e.g. 1pp (max top-1 drop, needs labels) or 30dB (min SQNR).")
    var budget: String?

    @Option(help: "What matters most: size, download or latency.")
    var priority: Priority = .size

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Option(name: .customLong("save-recipe"), help: "Write the recommended recipe as JSON.")
    var saveRecipe: String?

    @Flag(help: "Overwrite the --save-recipe file if it exists.")
    var force = false

    func run() async throws {
        let recipeDestination = try saveRecipe.map { path throws(CLIError) in
            try OutputFile(path: path, inputs: [model] + [calibration, data].compactMap { $0 }, force: force)
        }
        let loaded = try LoadedModel(path: model, validate: true)
        let testSet = try data.map { path throws(CLIError) in try AdviseData.testSet(path, model: loaded.model) }
        let calibrationData = try calibration.map { path throws(CLIError) in try AdviseData.calibration(path, model: loaded.model) }
        let parsedBudget = try budget.map { text throws(CLIError) in
            do throws(AdvisorError) { return try Budget(parsing: text) } catch { throw CLIError(error.description) }
        }
        let availability: DataAvailability = testSet?.labels != nil ? .labelled : (testSet != nil || calibrationData != nil ? .unlabelled : .none)
        let answers = Answers(target: target, data: availability, budget: parsedBudget, priority: priority)
        var report: AdviceReport
        do throws(AdvisorError) {
            report = try AdviceReport.make(model: loaded.model, answers: answers, tree: try DecisionTree.bundled())
        } catch {
            throw CLIError(error.description)
        }
        try await search(into: &report, model: loaded.model, testSet: testSet, calibration: calibrationData)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            FileHandle.standardOutput.write(try encoder.encode(report))
            print()
        } else {
            print(report.renderText(modelName: model), terminator: "")
        }
        if let recipeDestination {
            guard let chosen = report.search?.chosen else { throw CLIError("no recipe met the budget; nothing written to \(recipeDestination.path)") }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try recipeDestination.write(Array(try encoder.encode(chosen.recipe) + Data("\n".utf8)))
        }
    }

    /// Runs the budget search when a budget and data are given; otherwise says why not.
    private func search(into report: inout AdviceReport, model: Model, testSet: AdviseData.TestSet?,
                        calibration: CalibrationData?) async throws {
        guard let budget = report.answers.budget else {
            report.searchSkipped = "pass --budget (e.g. 1pp or 30dB) and data to measure candidates"
            return
        }
        guard let inputs = testSet.map({ [$0.inputs] }) ?? calibration?.arrays else {
            report.searchSkipped = "pass --data TEST.npz or --calibration C.npy to measure candidates"
            return
        }
        if case .maxAccuracyDrop = budget, testSet?.labels == nil {
            report.searchSkipped = "a top-1 budget needs labels: pass --data with a 'y' array, or give the budget in dB"
            return
        }
        let host = try profile(.cpu)
        let evaluator: ModelEvaluator
        do {
            evaluator = try ModelEvaluator(model: model, calibration: calibration ?? (try? CalibrationData(arrays: inputs)),
                                           inputs: inputs, labels: testSet?.labels,
                                           profile: target == .unknown ? host : try profile(target), host: host)
        } catch {
            throw CLIError("\(self.model): cannot run the float model on the data: \(error)")
        }
        let search = BudgetSearch(budget: budget, candidates: report.walk.ranked, operators: Array(model.subgraphs[0].operators.indices))
        do {
            report.search = try await search.run(with: evaluator) { trial in
                FileHandle.standardError.write(Data("measured \(trial.candidate) [\(trial.recipe.scheme.rawValue)\(trial.recipe.keepFloat.isEmpty ? "" : " +\(trial.recipe.keepFloat.count) float")]\n".utf8))
            }
        } catch {
            report.searchSkipped = "the search stopped: \(error)"
        }
    }

    private func profile(_ kind: TargetKind) throws(CLIError) -> TargetProfile {
        do { return try TargetProfile.bundled(kind) } catch { throw CLIError(error.description) }
    }
}

extension TargetKind: ExpressibleByArgument {}
extension Priority: ExpressibleByArgument {}


/// Reads the data files `advise` takes.
enum AdviseData {
    /// Test inputs (samples on axis 0) and, when present, integer labels.
    struct TestSet {
        let inputs: NDArray
        let labels: [Int]?
    }

    /// An .npz with the inputs under `x` (or the model's input name, or its first array) and the
    /// labels under `y` or `labels`.
    static func testSet(_ path: String, model: Model) throws(CLIError) -> TestSet {
        guard FileManager.default.fileExists(atPath: path) else { throw CLIError("\(path): no such file") }
        let arrays: NamedArrays
        do { arrays = try NamedArrays(npzFile: path) } catch { throw CLIError("\(path): \(error)") }
        let inputName = model.subgraphs[0].inputs.first.flatMap { model.subgraphs[0].tensors[Int($0)].name }
        guard let inputs = arrays["x"] ?? inputName.flatMap({ arrays[$0] }) ?? arrays.ordered.first?.array else {
            throw CLIError("\(path): no arrays")
        }
        guard let labelArray = arrays["y"] ?? arrays["labels"] else { return TestSet(inputs: inputs, labels: nil) }
        do {
            return TestSet(inputs: inputs, labels: try labelArray.ints())
        } catch {
            throw CLIError("\(path): labels are not integers (\(error))")
        }
    }

    /// Calibration samples matched to the model's inputs by name.
    static func calibration(_ path: String, model: Model) throws(CLIError) -> CalibrationData {
        guard FileManager.default.fileExists(atPath: path) else { throw CLIError("\(path): no such file") }
        let graph = model.subgraphs[0]
        let signature = model.signatureDefs.first { $0.subgraphIndex == 0 }
        let names = graph.inputs.map { t in
            signature?.inputs.first { $0.tensorIndex == UInt32(t) }?.name ?? graph.tensors[Int(t)].name ?? ""
        }
        do {
            return try CalibrationData(file: path, inputNames: names)
        } catch {
            throw CLIError(error.description)
        }
    }
}
