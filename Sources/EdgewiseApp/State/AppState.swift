import Advisor
import TerminalUI

/// Which screen fills the terminal.
enum Screen: Equatable, Sendable {
    case openModel
    case wizard
    case workbench
}

/// A box over the screen that takes the keys until closed.
enum Modal: Equatable {
    /// The key map (`?`).
    case help
    /// `q` while jobs run.
    case confirmQuit
    /// `s`: where to write the selected run.
    case commit(CommitDialog)
    /// The commit would replace existing files.
    case confirmOverwrite(CommitDialog, existing: [String])
    /// A message (an error, or what was written); any key closes it.
    case message(title: String, text: String)
}

/// The commit dialog's path field and the run it commits.
struct CommitDialog: Equatable {
    var runID: String
    var path: TextInput
    var error: String?
}

/// The open-model screen: a path field with completion and recent files.
struct OpenModelState: Equatable {
    var path = TextInput()
    var completions: [String] = []
    var recent: [String] = []
    /// Highlighted recent file, or nil while the field has focus.
    var recentSelection: Int?
    var error: String?
    /// True while a model is being read.
    var isLoading = false
}

/// Everything the app shows; changed only by `AdvisorApp.update`.
struct AppState {
    var screen: Screen
    var session: ModelSession?
    var open = OpenModelState()
    var wizard = WizardState()
    var workbench: WorkbenchState?
    var modal: Modal?
}
