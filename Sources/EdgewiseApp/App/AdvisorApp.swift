import Advisor
import TerminalUI

/// The terminal advisor as an Elm-style program: `AppState` + `AppMessage` → `update`; `view`
/// draws the state into a cell buffer. Engine work runs in jobs that report back as messages.
struct AdvisorApp: TerminalApp {
    let engine: any Engine
    let tree: DecisionTree
    /// The bundled demo models (listed as recent files) and the data that goes with them.
    let demoModels: [String]
    let demoData: DataFiles

    func message(for key: Key, in state: AppState) -> AppMessage? {
        key == .resize ? nil : .key(key)
    }

    func update(_ state: inout AppState, _ message: AppMessage) -> [Effect<AppMessage>] {
        switch message {
        case .key(let key):
            return handle(key, &state)
        case .opened(let session, let data):
            return opened(session, data: data, &state)
        case .openFailed(let text):
            state.open.isLoading = false
            state.open.error = text
            state.screen = .openModel
            return []
        case .job(let jobID, let event):
            if var workbench = state.workbench {
                workbench.apply(event, to: jobID)
                state.workbench = workbench
            }
            return []
        case .committed(let paths):
            state.modal = .message(title: "Committed", text: "Wrote " + paths.joined(separator: ", ") + ".")
            return []
        case .commitFailed(let text):
            state.modal = .message(title: "Commit failed", text: text)
            return []
        }
    }

    func view(_ state: AppState, size: Size) -> CellBuffer {
        AppView.render(state, tree: tree, recent: recentFiles(state), size: size)
    }

    /// Routes a key: an open modal takes it first, then the screen.
    private func handle(_ key: Key, _ state: inout AppState) -> [Effect<AppMessage>] {
        if state.modal != nil { return handleModal(key, &state) }
        switch state.screen {
        case .openModel: return handleOpen(key, &state)
        case .wizard: return handleWizard(key, &state)
        case .workbench: return handleWorkbench(key, &state)
        }
    }

    /// A model is open: back to the wizard's first question with the data it came with.
    private func opened(_ session: ModelSession, data: DataFiles, _ state: inout AppState) -> [Effect<AppMessage>] {
        let effects = cancelJobs(state.workbench)
        state.session = session
        state.open = OpenModelState(recent: [session.path] + state.open.recent.filter { $0 != session.path })
        state.wizard = WizardState(data: data)
        state.workbench = nil
        state.screen = .wizard
        return effects
    }

    /// Cancels every job of a workbench.
    func cancelJobs(_ workbench: WorkbenchState?) -> [Effect<AppMessage>] {
        guard let workbench else { return [] }
        return workbench.jobs.filter(\.status.isRunning).map { .cancel($0.id) }
    }

    /// `q`: quits, or asks first while jobs run.
    func quit(_ state: inout AppState) -> [Effect<AppMessage>] {
        if state.workbench?.hasRunningJobs == true {
            state.modal = .confirmQuit
            return []
        }
        return [.quit]
    }
}

extension WizardState {
    /// A fresh wizard with the dataset fields filled from `data`.
    init(data: DataFiles) {
        self.init()
        calibrationPath = TextInput(data.calibration ?? "")
        testPath = TextInput(data.test ?? "")
    }
}
