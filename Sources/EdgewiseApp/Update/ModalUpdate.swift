import Foundation
import Optimizer
import TerminalUI

extension AdvisorApp {
    /// Keys while a modal is open.
    func handleModal(_ key: Key, _ state: inout AppState) -> [Effect<AppMessage>] {
        switch state.modal {
        case .help, .message:
            if [.escape, .enter, .character("?"), .character("q"), .space].contains(key) { state.modal = nil }
            return []
        case .confirmQuit:
            switch key {
            case .character("y"), .enter, .character("q"): return [.quit]
            case .character("n"), .escape: state.modal = nil
            default: break
            }
            return []
        case .commit(var dialog):
            return handleCommitDialog(key, &dialog, &state)
        case .confirmOverwrite(let dialog, _):
            switch key {
            case .character("y"), .enter:
                state.modal = nil
                return commitEffects(dialog, overwrite: true, state)
            case .character("n"), .escape:
                state.modal = .commit(dialog)
            default: break
            }
            return []
        case nil:
            return []
        }
    }

    private func handleCommitDialog(_ key: Key, _ dialog: inout CommitDialog, _ state: inout AppState) -> [Effect<AppMessage>] {
        switch key {
        case .escape:
            state.modal = nil
            return []
        case .enter:
            let path = dialog.path.text.trimmed
            guard !path.isEmpty else {
                dialog.error = "type a path for the optimized model"
                state.modal = .commit(dialog)
                return []
            }
            let files = CommitFiles(path: path)
            let existing = files.all.filter(engine.fileExists)
            if !existing.isEmpty {
                dialog.error = nil
                state.modal = .confirmOverwrite(dialog, existing: existing)
                return []
            }
            state.modal = nil
            return commitEffects(dialog, overwrite: false, state)
        default:
            let engine = self.engine
            _ = dialog.path.handle(key) { engine.completions(for: $0, extensions: [".tflite"]) }
            dialog.error = nil
            state.modal = .commit(dialog)
            return []
        }
    }

    /// The job that writes the run's model, recipe and report.
    func commitEffects(_ dialog: CommitDialog, overwrite: Bool, _ state: AppState) -> [Effect<AppMessage>] {
        guard let session = state.session, let workbench = state.workbench, let run = workbench.runs[dialog.runID],
              let bytes = run.modelBytes, let recipe = run.recipe else { return [] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json = ((try? encoder.encode(recipe)) ?? Data()) + Data("\n".utf8)
        let request = CommitRequest(files: CommitFiles(path: dialog.path.text), modelBytes: bytes, recipeJSON: [UInt8](json),
                                    report: CommitReport.text(session: session, workbench: workbench, run: run),
                                    inputModel: session.path, overwrite: overwrite)
        let engine = self.engine
        return [.run(id: "commit") { sink in
            switch engine.commit(request) {
            case .success(let paths): sink.send(.committed(paths))
            case .failure(let failure): sink.send(.commitFailed(failure.message))
            }
        }]
    }
}
