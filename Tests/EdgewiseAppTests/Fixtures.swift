import Advisor
import Evaluation
import Foundation
import Optimizer
import TerminalUI
@testable import EdgewiseApp

/// An engine that does no work: it hands out the demo model, sends scripted job events, and
/// records what the app asked for.
final class FakeEngine: Engine, @unchecked Sendable {
    private let lock = NSLock()
    private var _baselines = 0
    private var _runs: [Recipe] = []
    private var _commits: [CommitRequest] = []
    let existing: Set<String>
    let runEvents: [JobEvent]

    init(existing: Set<String> = [], runEvents: [JobEvent] = []) {
        self.existing = existing
        self.runEvents = runEvents
    }

    var baselines: Int { lock.withLock { _baselines } }
    var runs: [Recipe] { lock.withLock { _runs } }
    var commits: [CommitRequest] { lock.withLock { _commits } }

    func open(path: String, isDemo: Bool) -> Result<ModelSession, EngineFailure> {
        LiteEngine().open(path: path, isDemo: isDemo)
    }

    func measureBaseline(_ context: JobContext, send: @escaping @Sendable (JobEvent) -> Void) async {
        lock.withLock { _baselines += 1 }
        send(.finished)
    }

    func run(_ recipe: Recipe, context: JobContext, send: @escaping @Sendable (JobEvent) -> Void) async {
        lock.withLock { _runs.append(recipe) }
        for event in runEvents { send(event) }
    }

    func commit(_ request: CommitRequest) -> Result<[String], EngineFailure> {
        lock.withLock { _commits.append(request) }
        return .success(request.files.all)
    }

    func completions(for partial: String, extensions: [String]) -> [String] {
        ["models/a.tflite", "models/b.tflite"].filter { $0.hasPrefix(partial) }
    }

    func fileExists(_ path: String) -> Bool { existing.contains(path) || path.hasPrefix("/") }
}

/// Fixed data for screens and updates: the demo model with made-up but fixed measurements.
enum Fixtures {
    static let demoFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Resources/demo").standardized.path
    static let modelPath = demoFolder + "/mnist_sensitive_float32.tflite"
    static let demoData = DataFiles(calibration: demoFolder + "/calib.npy", test: demoFolder + "/test.npz")

    static func app(_ engine: any Engine = FakeEngine()) throws -> AdvisorApp {
        AdvisorApp(engine: engine, tree: try DecisionTree.bundled(), demoModels: [modelPath], demoData: demoData)
    }

    static func session() throws -> ModelSession {
        try LiteEngine().open(path: modelPath, isDemo: true).get()
    }

    /// The app right after opening the demo: the wizard's first question.
    static func wizardState(_ app: AdvisorApp) throws -> AppState {
        var state = AppState(screen: .openModel)
        _ = app.update(&state, .opened(try session(), demoData))
        return state
    }

    static let answers = Answers(target: .cpu, data: .labelled, budget: .maxAccuracyDrop(percentagePoints: 1), priority: .size)

    static let compatibility = CompatibilitySummary(
        targetName: "CPU (XNNPACK delegate)", accelerated: 9, total: 11, partitions: ["0–0 CPU", "1–9 target", "10–10 CPU"],
        ops: [.init(index: 0, name: "QUANTIZE", placement: "CPU", detail: "QUANTIZE converts the model's float boundary."),
              .init(index: 1, name: "CONV_2D", placement: "target", detail: "CONV_2D runs on CPU (XNNPACK delegate).")],
        findings: [])

    /// A workbench with the float baseline done, int8 done and int16x8 half-way through.
    static func workbenchState(_ app: AdvisorApp) throws -> AppState {
        var state = try wizardState(app)
        var workbench = WorkbenchState(answers: answers, data: demoData, walk: app.tree.walk(answers))
        workbench.baseline.status = .done
        workbench.baseline.metrics = Metrics(sizeBytes: 411_708, gzipBytes: 379_120, latencyMs: 0.412, estimateMs: 0.310,
                                             top1: ProportionEstimate(successes: 970, total: 1000), samples: 1000, totalSamples: 1000,
                                             compatibility: compatibility)
        var int8 = RunState(id: "int8", jobID: "int8#1", title: "Full integer (int8)", recipe: Recipe(scheme: .int8))
        int8.status = .done
        int8.modelBytes = [1, 2, 3]
        int8.metrics = Metrics(sizeBytes: 106_320, gzipBytes: 88_004, latencyMs: 0.188, estimateMs: 0.121,
                               top1: ProportionEstimate(successes: 913, total: 1000), agreement: ProportionEstimate(successes: 921, total: 1000),
                               sqnrDB: 10.35, samples: 1000, totalSamples: 1000, compatibility: compatibility)
        int8.layers = [LayerRow(operatorIndex: 1, opName: "CONV_2D", tensorName: "conv1/Relu", sqnrDB: 8.2),
                       LayerRow(operatorIndex: 6, opName: "TANH", tensorName: "fc1/Tanh", sqnrDB: 19.6),
                       LayerRow(operatorIndex: 3, opName: "CONV_2D", tensorName: "pw/Relu", sqnrDB: 27.4)]
        var int16 = RunState(id: "int16x8", jobID: "int16x8#2", title: "16-bit activations, 8-bit weights (int16x8)",
                             recipe: Recipe(scheme: .int16x8))
        int16.status = .running(stage: "evaluating 400/1000", fraction: 0.55, etaSeconds: 3.2)
        int16.metrics = Metrics(sizeBytes: 112_544, gzipBytes: 92_310, latencyMs: 0.461, estimateMs: 0.128,
                                top1: ProportionEstimate(successes: 389, total: 400), agreement: ProportionEstimate(successes: 399, total: 400),
                                sqnrDB: 42.6, samples: 400, totalSamples: 1000)
        workbench.runs = ["int8": int8, "int16x8": int16]
        workbench.runOrder = ["int8", "int16x8"]
        workbench.jobsStarted = 2
        state.workbench = workbench
        state.screen = .workbench
        return state
    }
}
