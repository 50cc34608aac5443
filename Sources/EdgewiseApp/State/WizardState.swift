import Advisor
import TerminalUI

/// One step of the wizard.
enum WizardStep: Equatable, Sendable {
    /// A question of the decision tree, by id (`target`, `data`, `budget`, `priority`).
    case question(String)
    /// The dataset picker (after the data question, unless the answer was "none").
    case datasets
    /// The budget's number (after choosing an accuracy or SQNR budget).
    case budgetValue
}

/// The wizard: the answers given so far (editable) and where the user is.
struct WizardState: Equatable {
    var step: WizardStep = .question("target")
    /// Keys in `answers` marking the dataset picker and the budget's number as confirmed.
    static let filesConfirmed = "files", limitConfirmed = "limit"
    /// Answer ids by question id, as the tree spells them (plus the two confirmation marks).
    var answers: [String: String] = [:]
    /// Highlighted answer of the current question.
    var selection = 0
    var budgetValue = TextInput("1")
    var calibrationPath = TextInput()
    var testPath = TextInput()
    /// Which dataset field has focus (0 calibration, 1 test).
    var datasetField = 0
    /// Completions offered by the last Tab, shown under the field.
    var completions: [String] = []
    /// Why the last Enter was refused.
    var error: String?

    /// The steps in order for the answers given so far.
    var steps: [WizardStep] {
        var steps: [WizardStep] = [.question("target"), .question("data")]
        if answers["data"] != "none" { steps.append(.datasets) }
        steps.append(.question("budget"))
        if let budget = answers["budget"], budget != "none" { steps.append(.budgetValue) }
        steps.append(.question("priority"))
        return steps
    }

    /// The answers as the advisor takes them, once every question is answered and valid.
    func advisorAnswers() throws(AdvisorError) -> Answers {
        guard let target = answers["target"].flatMap(TargetKind.init(rawValue:)),
              let data = answers["data"].flatMap(DataAvailability.init(rawValue:)),
              let priority = answers["priority"].flatMap(Priority.init(rawValue:)) else {
            throw .badAnswer("answer every question first")
        }
        var budget: Budget?
        switch answers["budget"] {
        case "accuracy": budget = try Budget(parsing: budgetValue.text.trimmed + "pp")
        case "sqnr": budget = try Budget(parsing: budgetValue.text.trimmed + "dB")
        default: budget = nil
        }
        return Answers(target: target, data: data, budget: budget, priority: priority)
    }
}

extension String {
    /// Without leading and trailing spaces.
    var trimmed: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
