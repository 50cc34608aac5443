import Advisor
import TerminalUI

extension AdvisorApp {
    /// Keys in the wizard: ↑↓/j/k choose, Enter answers and moves on, Esc goes back a step.
    func handleWizard(_ key: Key, _ state: inout AppState) -> [Effect<AppMessage>] {
        state.wizard.error = nil
        switch state.wizard.step {
        case .question(let id):
            return handleQuestion(id, key, &state)
        case .datasets:
            return handleDatasets(key, &state)
        case .budgetValue:
            switch key {
            case .enter:
                do throws(AdvisorError) {
                    _ = try Budget(parsing: state.wizard.budgetValue.text.trimmed + (state.wizard.answers["budget"] == "sqnr" ? "dB" : "pp"))
                    state.wizard.answers[WizardState.limitConfirmed] = "yes"
                    return advance(&state)
                } catch {
                    state.wizard.error = "type a number, e.g. 1 (percentage points) or 30 (dB)"
                    return []
                }
            case .escape: goBack(&state.wizard)
            default: _ = state.wizard.budgetValue.handle(key)
            }
            return []
        }
    }

    private func handleQuestion(_ id: String, _ key: Key, _ state: inout AppState) -> [Effect<AppMessage>] {
        guard let question = tree.questions.first(where: { $0.id == id }) else { return [] }
        switch key {
        case .up, .character("k"):
            state.wizard.selection = max(0, state.wizard.selection - 1)
        case .down, .character("j"):
            state.wizard.selection = min(question.answers.count - 1, state.wizard.selection + 1)
        case .enter, .space:
            let answer = question.answers[state.wizard.selection].id
            if id == "budget" && state.wizard.answers["budget"] != answer {
                state.wizard.budgetValue = TextInput(answer == "sqnr" ? "30" : "1")
            }
            state.wizard.answers[id] = answer
            return advance(&state)
        case .escape:
            goBack(&state.wizard)
        case .character("q"):
            return quit(&state)
        case .character("?"):
            state.modal = .help
        case .character("o"):
            state.screen = .openModel
        default:
            break
        }
        return []
    }

    /// The dataset picker: ↑↓ switch fields, typing edits, Tab completes, Enter checks and moves on.
    private func handleDatasets(_ key: Key, _ state: inout AppState) -> [Effect<AppMessage>] {
        switch key {
        case .up:
            state.wizard.datasetField = 0
            state.wizard.completions = []
        case .down:
            state.wizard.datasetField = 1
            state.wizard.completions = []
        case .escape:
            goBack(&state.wizard)
        case .enter:
            if let problem = datasetProblem(state.wizard) {
                state.wizard.error = problem
                return []
            }
            state.wizard.answers[WizardState.filesConfirmed] = "yes"
            return advance(&state)
        default:
            let engine = self.engine
            let complete = { (text: String) in engine.completions(for: text, extensions: [".npy", ".npz"]) }
            let outcome = state.wizard.datasetField == 0
                ? state.wizard.calibrationPath.handle(key, complete: complete)
                : state.wizard.testPath.handle(key, complete: complete)
            if case .completions(let list) = outcome { state.wizard.completions = list } else { state.wizard.completions = [] }
        }
        return []
    }

    /// Why the dataset answers can't be used yet, or nil.
    private func datasetProblem(_ wizard: WizardState) -> String? {
        let calibration = wizard.calibrationPath.text.trimmed, test = wizard.testPath.text.trimmed
        if calibration.isEmpty && test.isEmpty { return "choose at least one file (or go back and answer \"None\")" }
        if wizard.answers["data"] == "labelled" && test.isEmpty { return "labelled data: choose the test file with labels (y)" }
        for path in [calibration, test] where !path.isEmpty && !engine.fileExists(path) { return "\(path): no such file" }
        return nil
    }

    /// Moves to the next step, or on to the workbench after the last.
    private func advance(_ state: inout AppState) -> [Effect<AppMessage>] {
        let steps = state.wizard.steps
        guard let index = steps.firstIndex(of: state.wizard.step), index + 1 < steps.count else {
            return finishWizard(&state)
        }
        enter(steps[index + 1], &state.wizard)
        return []
    }

    private func goBack(_ wizard: inout WizardState) {
        let steps = wizard.steps
        guard let index = steps.firstIndex(of: wizard.step), index > 0 else { return }
        enter(steps[index - 1], &wizard)
    }

    /// Shows `step`, highlighting its earlier answer (or a sensible default).
    private func enter(_ step: WizardStep, _ wizard: inout WizardState) {
        wizard.step = step
        wizard.completions = []
        guard case .question(let id) = step, let question = tree.questions.first(where: { $0.id == id }) else { return }
        let answer = wizard.answers[id] ?? defaultAnswer(id, wizard)
        wizard.selection = question.answers.firstIndex { $0.id == answer } ?? 0
    }

    /// What the tree's data suggests before the user answered: labels → accuracy budget, etc.
    private func defaultAnswer(_ id: String, _ wizard: WizardState) -> String? {
        switch (id, wizard.answers["data"]) {
        case ("budget", "labelled"): "accuracy"
        case ("budget", "unlabelled"): "sqnr"
        case ("budget", _): "none"
        case ("data", _): wizard.testPath.text.isEmpty ? (wizard.calibrationPath.text.isEmpty ? "none" : "unlabelled") : "labelled"
        default: nil
        }
    }

    /// The wizard is done: the workbench opens with the ranked recipes and the float baseline runs.
    private func finishWizard(_ state: inout AppState) -> [Effect<AppMessage>] {
        guard let session = state.session else { return [] }
        let answers: Answers
        do throws(AdvisorError) { answers = try state.wizard.advisorAnswers() } catch {
            state.wizard.error = error.description
            return []
        }
        let wizard = state.wizard
        let data = answers.data == .none ? DataFiles()
            : DataFiles(calibration: wizard.calibrationPath.text.trimmed.nonEmpty, test: wizard.testPath.text.trimmed.nonEmpty)
        if let existing = state.workbench, existing.answers == answers, existing.data == data {
            state.screen = .workbench
            return []
        }
        var effects = cancelJobs(state.workbench)
        var workbench = WorkbenchState(answers: answers, data: data, walk: tree.walk(answers))
        effects.append(startBaseline(&workbench, session: session))
        state.workbench = workbench
        state.screen = .workbench
        return effects
    }
}

extension String {
    /// nil for an empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
