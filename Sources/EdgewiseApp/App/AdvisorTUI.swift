import Advisor
import EdgewiseResources
import TerminalUI

/// Starts the terminal advisor: `edgewise` (the bundled demo) or `edgewise MODEL`.
public enum AdvisorTUI {
    /// What to open.
    public struct Options: Sendable {
        /// The model; nil opens the bundled demo with its data.
        public var model: String?
        public var testData: String?
        public var calibration: String?

        public init(model: String? = nil, testData: String? = nil, calibration: String? = nil) {
            self.model = model
            self.testData = testData
            self.calibration = calibration
        }
    }

    /// Why the advisor could not start (bad model path, no terminal, missing bundled data).
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Opens the model, takes over the terminal and runs until the user quits. The terminal is
    /// restored on quit, on errors and (by the backend's handlers) on Ctrl-C and SIGTERM.
    @MainActor
    public static func run(_ options: Options) async throws {
        let (app, state) = try prepare(options, engine: LiteEngine())
        let runner = ProgramRunner(app: app, state: state, backend: NcursesBackend())
        do {
            try await runner.run()
        } catch let error as TerminalError {
            throw StartError(description: error.description)
        }
    }

    /// The app and its first state: the model read, the wizard at its first question.
    static func prepare(_ options: Options, engine: any Engine) throws(StartError) -> (AdvisorApp, AppState) {
        let tree: DecisionTree
        do { tree = try DecisionTree.bundled() } catch { throw StartError(description: error.description) }
        let demos = ["demo/mnist_sensitive_float32.tflite", "demo/mnist_cnn_float32.tflite"].compactMap { EdgewiseResources.url($0)?.path }
        let demoData = DataFiles(calibration: EdgewiseResources.url("demo/calib.npy")?.path, test: EdgewiseResources.url("demo/test.npz")?.path)
        let app = AdvisorApp(engine: engine, tree: tree, demoModels: demos, demoData: demoData)
        guard let path = options.model ?? demos.first else { throw StartError(description: "the bundled demo model is missing") }
        let isDemo = options.model == nil
        let session: ModelSession
        switch engine.open(path: path, isDemo: isDemo) {
        case .success(let opened): session = opened
        case .failure(let failure): throw StartError(description: failure.message)
        }
        var state = AppState(screen: .openModel)
        _ = app.update(&state, .opened(session, isDemo ? demoData : DataFiles(calibration: options.calibration, test: options.testData)))
        return (app, state)
    }
}
