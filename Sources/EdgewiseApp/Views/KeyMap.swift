import TerminalUI

/// The keys, as the help bar and the `?` overlay (and the README) list them.
enum KeyMap {
    /// The full key map for the help overlay.
    static let sections: [HelpSection] = [
        HelpSection("Everywhere", [
            KeyHint("?", "show or hide this help"),
            KeyHint("q", "quit (asks while jobs run)"),
            KeyHint("Ctrl-C", "quit at once"),
            KeyHint("o", "open another model"),
        ]),
        HelpSection("Wizard", [
            KeyHint("↑↓ j k", "choose an answer"),
            KeyHint("Enter", "answer and go on"),
            KeyHint("Esc", "previous step (answers stay editable)"),
        ]),
        HelpSection("Workbench", [
            KeyHint("Tab S-Tab", "next / previous pane"),
            KeyHint("↑↓ j k", "move in the pane"),
            KeyHint("Enter", "run the highlighted recipe"),
            KeyHint("Space", "keep the layer float and re-run"),
            KeyHint("x", "cancel the job"),
            KeyHint("c", "compare runs side by side"),
            KeyHint("s", "commit: write model, recipe, report"),
            KeyHint("/", "filter recipes or layers"),
            KeyHint("Esc", "back to the wizard"),
        ]),
    ]

    /// The one-line help bar for what has the keys now.
    static func hints(_ state: AppState) -> [KeyHint] {
        switch state.modal {
        case .help: return [KeyHint("Esc", "close help")]
        case .confirmQuit, .confirmOverwrite: return [KeyHint("y", "yes"), KeyHint("n", "no")]
        case .commit: return [KeyHint("Enter", "write"), KeyHint("Tab", "complete"), KeyHint("Esc", "cancel")]
        case .message: return [KeyHint("Enter", "close")]
        case nil: break
        }
        switch state.screen {
        case .openModel:
            return [KeyHint("Enter", "open"), KeyHint("Tab", "complete"), KeyHint("↓", "recent files"),
                    KeyHint("Esc", state.session == nil ? "quit" : "back"), KeyHint("^C", "quit")]
        case .wizard:
            switch state.wizard.step {
            case .datasets:
                return [KeyHint("↑↓", "field"), KeyHint("Tab", "complete"), KeyHint("Enter", "next"), KeyHint("Esc", "back"), KeyHint("^C", "quit")]
            case .budgetValue:
                return [KeyHint("Enter", "next"), KeyHint("Esc", "back"), KeyHint("^C", "quit")]
            case .question:
                return [KeyHint("↑↓", "choose"), KeyHint("Enter", "answer"), KeyHint("Esc", "back"), KeyHint("o", "open model"),
                        KeyHint("?", "help"), KeyHint("q", "quit")]
            }
        case .workbench:
            if state.workbench?.isFiltering == true {
                return [KeyHint("type", "to filter"), KeyHint("Enter", "done"), KeyHint("Esc", "clear")]
            }
            return [KeyHint("Enter", "run"), KeyHint("Tab", "pane"), KeyHint("Space", "keep float"), KeyHint("x", "cancel"),
                    KeyHint("c", "compare"), KeyHint("s", "commit"), KeyHint("/", "filter"), KeyHint("?", "help"),
                    KeyHint("Esc", "wizard"), KeyHint("q", "quit")]
        }
    }
}
