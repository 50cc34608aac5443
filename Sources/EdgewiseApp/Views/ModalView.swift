import TerminalUI

/// Modals drawn over the screen: help, confirmations, the commit dialog and messages.
enum ModalView {
    static func render(_ modal: Modal, state: AppState, in area: Rect, on buffer: inout CellBuffer) {
        switch modal {
        case .help:
            buffer.render(HelpOverlay(title: "Keys", sections: KeyMap.sections), in: area)
        case .confirmQuit:
            let running = state.workbench?.jobs.filter(\.status.isRunning).count ?? 0
            buffer.render(Dialog(title: "Quit?", message: "\(running) job(s) still running. Quit and cancel them?",
                                 buttons: ["Quit (y)", "Stay (n)"]), in: area)
        case .commit(let dialog):
            let title = state.workbench?.runs[dialog.runID]?.title ?? dialog.runID
            var message = "Writes the optimized model, its recipe (.recipe.json) and a short report (.report.txt). Path of the model:"
            if let error = dialog.error { message += "\n" + error }
            buffer.render(Dialog(title: "Commit: " + title, message: message, input: dialog.path,
                                 buttons: ["Write (Enter)", "Cancel (Esc)"]), in: area)
        case .confirmOverwrite(_, let existing):
            buffer.render(Dialog(title: "Overwrite?", message: "Already there: " + existing.joined(separator: ", ") + ". Replace?",
                                 buttons: ["Overwrite (y)", "Back (n)"]), in: area)
        case .message(let title, let text):
            buffer.render(Dialog(title: title, message: text, buttons: ["OK"]), in: area)
        }
    }
}
