import Advisor
import Testing
import TerminalUI
@testable import EdgewiseApp

/// Every screen drawn by the real runner into the in-memory terminal at 100×30, 80×24 and 40×12
/// (below the minimum: the "enlarge the terminal" screen), compared with golden text files.
/// `UPDATE_SNAPSHOTS=1 swift test --filter ScreenSnapshotTests` rewrites them; review the diff.
@MainActor @Suite struct ScreenSnapshotTests {
    static let sizes = [Size(width: 100, height: 30), Size(width: 80, height: 24), Size(width: 40, height: 12)]
    let snapshots = SnapshotDirectory(besides: #filePath)

    /// The screens, each a state made from fixed data.
    static func screens(_ app: AdvisorApp) throws -> [(String, AppState)] {
        var screens: [(String, AppState)] = []
        var open = try Fixtures.wizardState(app)
        open.screen = .openModel
        open.open.path = TextInput("models/")
        open.open.completions = ["models/a.tflite", "models/b.tflite"]
        screens.append(("open-model", open))
        var wizard = try Fixtures.wizardState(app)
        screens.append(("wizard-target", wizard))
        wizard.wizard.answers = ["target": "cpu", "data": "labelled"]
        wizard.wizard.step = .datasets
        wizard.wizard.calibrationPath = TextInput("demo/calib.npy")
        wizard.wizard.testPath = TextInput("demo/test.npz")
        screens.append(("wizard-datasets", wizard))
        wizard.wizard.answers = ["target": "cpu", "data": "labelled", "budget": "accuracy", WizardState.filesConfirmed: "yes"]
        wizard.wizard.step = .budgetValue
        screens.append(("wizard-budget", wizard))
        let workbench = try Fixtures.workbenchState(app)
        screens.append(("workbench", workbench))
        var compare = workbench
        compare.workbench?.compare = true
        screens.append(("workbench-compare", compare))
        for pane in [Pane.layers, .compatibility, .jobs] {
            var detail = workbench
            detail.workbench?.focus = pane
            detail.workbench?.detail = pane
            screens.append(("workbench-\(pane.rawValue)", detail))
        }
        var help = workbench
        help.modal = .help
        screens.append(("help", help))
        var commit = workbench
        commit.modal = .commit(CommitDialog(runID: "int8", path: TextInput("mnist_sensitive_float32-int8.tflite")))
        screens.append(("commit", commit))
        var quit = workbench
        quit.modal = .confirmQuit
        screens.append(("confirm-quit", quit))
        return screens
    }

    static func render(_ app: AdvisorApp, _ state: AppState, size: Size,
                       capabilities: TerminalCapabilities = .full) -> CellBuffer {
        let terminal = InMemoryBackend(size: size, capabilities: capabilities)
        let runner = ProgramRunner(app: app, state: state, backend: terminal)
        runner.redrawIfNeeded()
        return terminal.screen!
    }

    @Test func everyScreenMatchesItsSnapshotAtEverySize() throws {
        let app = try Fixtures.app()
        for (name, state) in try Self.screens(app) {
            for size in Self.sizes {
                let text = Self.render(app, state, size: size).text
                let outcome = snapshots.check(text, named: "\(name)-\(size.width)x\(size.height)")
                #expect(outcome == .matched || outcome == .recorded, "\(outcome)")
            }
        }
    }

    @Test func monochromeAsciiTerminalGetsPlainCharactersAndNoColours() throws {
        let app = try Fixtures.app()
        let buffer = Self.render(app, try Fixtures.workbenchState(app), size: Size(width: 80, height: 24),
                                 capabilities: TerminalCapabilities(charset: .ascii, colors: false))
        #expect(buffer.lines.allSatisfy { $0.allSatisfy(\.isASCII) })
        #expect(buffer.bounds.split(.vertical, Array(repeating: .fixed(1), count: 24)).allSatisfy { row in
            (row.x..<row.maxX).allSatisfy { buffer[$0, row.y].style.foreground == .default && buffer[$0, row.y].style.background == .default }
        })
        #expect(snapshots.check(buffer.text, named: "workbench-ascii-80x24") == .matched
            || snapshots.check(buffer.text, named: "workbench-ascii-80x24") == .recorded)
    }

    @Test func smallerIsGreenAndAccuracyBeyondTheBudgetIsRed() throws {
        let app = try Fixtures.app()
        let buffer = Self.render(app, try Fixtures.workbenchState(app), size: Size(width: 100, height: 30))
        func style(ofFirst text: String, onRowContaining label: String) -> Style? {
            guard let y = buffer.lines.firstIndex(where: { $0.contains(label) }),
                  let range = buffer.lines[y].range(of: text) else { return nil }
            return buffer[buffer.lines[y].distance(from: buffer.lines[y].startIndex, to: range.lowerBound), y].style
        }
        // int8: 106,320 B against 411,708 B is smaller (better); top-1 91.3 % vs 97.0 % is a
        // 5.7 pp drop, beyond the 1 pp budget (worse).
        #expect(style(ofFirst: "▼ -74.2 %", onRowContaining: "size (raw)")?.foreground == .green)
        #expect(style(ofFirst: "▼ -5.7 pp", onRowContaining: "top-1 accuracy")?.foreground == .red)
    }
}
