import Advisor
import Evaluation
import Foundation
import Optimizer
import Testing
import TerminalUI
@testable import EdgewiseApp

/// The update loop driven key by key through the real runner, with a fake engine.
@MainActor @Suite struct UpdateTests {
    func runner(_ engine: FakeEngine, _ state: AppState? = nil) throws -> ProgramRunner<AdvisorApp> {
        let app = try Fixtures.app(engine)
        return ProgramRunner(app: app, state: try state ?? Fixtures.wizardState(app),
                             backend: InMemoryBackend(size: Size(width: 100, height: 30)))
    }

    @Test func walkingTheWizardWithDefaultsOpensTheWorkbenchAndMeasuresTheFloatModel() async throws {
        let engine = FakeEngine()
        let runner = try runner(engine)
        // target: CPU (first); data: labelled (both demo files given); files; budget: accuracy; 1 pp; priority: size.
        for _ in 0..<6 { runner.handle(.enter) }
        await runner.settle()
        #expect(runner.state.screen == .workbench)
        #expect(runner.state.workbench?.answers == Fixtures.answers)
        #expect(runner.state.workbench?.ranked.first?.id == "int8")
        #expect(engine.baselines == 1)
        #expect(runner.state.workbench?.baseline.status == .done)
    }

    @Test func escapeGoesBackAndKeepsTheAnswersEditable() throws {
        let runner = try runner(FakeEngine())
        runner.handle(.down)            // GPU
        runner.handle(.enter)
        #expect(runner.state.wizard.step == .question("data"))
        runner.handle(.escape)
        #expect(runner.state.wizard.step == .question("target"))
        #expect(runner.state.wizard.selection == 1)
        #expect(runner.state.wizard.answers["target"] == "gpu")
        runner.handle(.up)
        runner.handle(.enter)
        #expect(runner.state.wizard.answers["target"] == "cpu")
    }

    @Test func labelledDataWithoutATestFileIsRefused() throws {
        let app = try Fixtures.app()
        var state = try Fixtures.wizardState(app)
        state.wizard = WizardState(data: DataFiles(calibration: "/calib.npy", test: nil))
        let runner = ProgramRunner(app: app, state: state, backend: InMemoryBackend(size: Size(width: 100, height: 30)))
        runner.handle(.enter)           // CPU
        runner.handle(.down)            // from the suggested "unlabelled" to "labelled"
        runner.handle(.enter)
        runner.handle(.enter)           // the dataset picker
        #expect(runner.state.wizard.step == .datasets)
        #expect(runner.state.wizard.error?.contains("labelled") == true)
    }

    @Test func enterRunsTheHighlightedRecipeAndItsResultsStreamIntoTheRun() async throws {
        let engine = FakeEngine(runEvents: [
            .built(modelBytes: Array(repeating: 0, count: 1000), gzipBytes: 800, estimateMs: 0.1, compatibility: Fixtures.compatibility),
            .latency(0.2),
            .quality(Quality(samples: 50, total: 100, top1: ProportionEstimate(successes: 45, total: 50), agreement: nil, sqnrDB: 12)),
            .finished,
        ])
        let app = try Fixtures.app(engine)
        var state = try Fixtures.workbenchState(app)
        state.workbench?.runs = [:]
        state.workbench?.runOrder = []
        let runner = ProgramRunner(app: app, state: state, backend: InMemoryBackend(size: Size(width: 100, height: 30)))
        runner.handle(.enter)
        await runner.settle()
        let run = try #require(runner.state.workbench?.runs["int8"])
        #expect(engine.runs == [Recipe(scheme: .int8, io: .float)])
        #expect(run.status == .done && run.metrics.sizeBytes == 1000 && run.metrics.latencyMs == 0.2)
        #expect(run.metrics.top1?.successes == 45 && run.modelBytes?.count == 1000)
    }

    @Test func spaceOnALayerKeepsItFloatAndReRunsWhileLateReportsOfTheOldJobAreIgnored() async throws {
        let engine = FakeEngine()
        let app = try Fixtures.app(engine)
        var state = try Fixtures.workbenchState(app)
        state.workbench?.focus = .layers
        let runner = ProgramRunner(app: app, state: state, backend: InMemoryBackend(size: Size(width: 100, height: 30)))
        runner.handle(.down)            // the second-worst layer: op 6 (TANH)
        runner.handle(.space)
        await runner.settle()
        #expect(engine.runs.last?.keepFloat == [.operatorIndex(6)])
        let jobID = try #require(runner.state.workbench?.runs["int8"]?.jobID)
        #expect(jobID != "int8#1")
        runner.send(.job("int8#1", .latency(99)))
        #expect(runner.state.workbench?.runs["int8"]?.metrics.latencyMs == nil)
        runner.send(.job(jobID, .latency(0.3)))
        #expect(runner.state.workbench?.runs["int8"]?.metrics.latencyMs == 0.3)
    }

    @Test func xCancelsTheRunningJob() throws {
        let app = try Fixtures.app()
        var state = try Fixtures.workbenchState(app)
        state.workbench?.focus = .jobs
        state.workbench?.jobSelection = 2      // baseline, int8, int16x8
        _ = app.update(&state, .key(.character("x")))
        #expect(state.workbench?.runs["int16x8"]?.status == .cancelled)
        _ = app.update(&state, .job("int16x8#2", .finished))
        #expect(state.workbench?.runs["int16x8"]?.status == .cancelled)
    }

    @Test func quittingWhileAJobRunsAsksFirst() throws {
        let app = try Fixtures.app()
        var state = try Fixtures.workbenchState(app)
        #expect(app.update(&state, .key(.character("q"))).isEmpty)
        #expect(state.modal == .confirmQuit)
        _ = app.update(&state, .key(.character("n")))
        #expect(state.modal == nil)
        state.workbench?.runs["int16x8"]?.status = .done
        #expect(app.update(&state, .key(.character("q"))).count == 1)
    }

    @Test func commitAsksBeforeOverwritingThenWritesModelRecipeAndReport() async throws {
        let engine = FakeEngine(existing: ["out.tflite"])
        let app = try Fixtures.app(engine)
        let runner = ProgramRunner(app: app, state: try Fixtures.workbenchState(app), backend: InMemoryBackend(size: Size(width: 100, height: 30)))
        runner.handle(.character("s"))
        guard case .commit = runner.state.modal else { Issue.record("no commit dialog"); return }
        runner.handle(.control("u"))
        for c in "out" { runner.handle(.character(c)) }
        runner.handle(.enter)
        #expect(runner.state.modal == .confirmOverwrite(CommitDialog(runID: "int8", path: TextInput("out")), existing: ["out.tflite"]))
        runner.handle(.character("y"))
        await runner.settle()
        let request = try #require(engine.commits.first)
        #expect(request.overwrite && request.files == CommitFiles(path: "out.tflite"))
        #expect(request.files.all == ["out.tflite", "out.recipe.json", "out.report.txt"])
        #expect(request.modelBytes == [1, 2, 3])
        let recipe = try JSONDecoder().decode(Recipe.self, from: Data(request.recipeJSON))
        #expect(recipe == Recipe(scheme: .int8))
        #expect(request.report.contains("latency, measured here") && request.report.contains("estimated for CPU"))
        guard case .message(let title, _) = runner.state.modal else { Issue.record("no confirmation"); return }
        #expect(title == "Committed")
    }
}
