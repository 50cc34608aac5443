import TerminalUI

extension AdvisorApp {
    /// The recent files offered on the open-model screen: those opened this session, then the demos.
    func recentFiles(_ state: AppState) -> [String] {
        state.open.recent + demoModels.filter { !state.open.recent.contains($0) }
    }

    /// Keys on the open-model screen: type a path (Tab completes), ↓/↑ pick a recent file,
    /// Enter opens, Esc goes back (or quits when nothing is open).
    func handleOpen(_ key: Key, _ state: inout AppState) -> [Effect<AppMessage>] {
        guard !state.open.isLoading else { return [] }
        let recent = recentFiles(state)
        switch key {
        case .escape:
            guard state.session != nil else { return [.quit] }
            state.screen = state.workbench == nil ? .wizard : .workbench
            return []
        case .down:
            state.open.recentSelection = min((state.open.recentSelection ?? -1) + 1, recent.count - 1)
            return []
        case .up:
            guard let selection = state.open.recentSelection else { return [] }
            state.open.recentSelection = selection == 0 ? nil : selection - 1
            return []
        case .enter:
            let path = state.open.recentSelection.map { recent[$0] } ?? state.open.path.text.trimmed
            guard !path.isEmpty else {
                state.open.error = "type the path of a .tflite model, or pick a recent file with ↓"
                return []
            }
            state.open.isLoading = true
            state.open.error = nil
            return [openEffect(path)]
        default:
            state.open.recentSelection = nil
            let engine = self.engine
            let outcome = state.open.path.handle(key) { engine.completions(for: $0, extensions: [".tflite"]) }
            if case .completions(let list) = outcome { state.open.completions = list } else { state.open.completions = [] }
            state.open.error = nil
            return []
        }
    }

    /// Reads the model at `path` off the UI thread.
    func openEffect(_ path: String) -> Effect<AppMessage> {
        let engine = self.engine
        let isDemo = demoModels.contains(path)
        let data = isDemo ? demoData : DataFiles()
        return .run(id: "open") { sink in
            switch engine.open(path: path, isDemo: isDemo) {
            case .success(let session): sink.send(.opened(session, data))
            case .failure(let failure): sink.send(.openFailed(failure.message))
            }
        }
    }
}
