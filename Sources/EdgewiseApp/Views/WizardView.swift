import Advisor
import TerminalUI

/// The wizard: the path of answers on the left, the current question on the right.
enum WizardView {
    static func render(_ state: AppState, tree: DecisionTree, in area: Rect, on buffer: inout CellBuffer) {
        let wizard = state.wizard
        let columns = area.split(.horizontal, [.ratio(2, 5), .min(20)])
        let pathArea = AppView.pane("Your answers", focused: false, in: columns[0], on: &buffer)
        buffer.render(ListView(answerLines(wizard, tree: tree), selected: wizard.steps.firstIndex(of: wizard.step),
                               highlightSymbol: "▸ ", highlightStyle: .bold), in: pathArea)
        let steps = wizard.steps
        let heading = "Step \((steps.firstIndex(of: wizard.step) ?? 0) + 1) of \(steps.count)"
        switch wizard.step {
        case .question(let id):
            guard let question = tree.questions.first(where: { $0.id == id }) else { return }
            let inner = AppView.pane(Line(heading), focused: true, in: columns[1], on: &buffer)
            let rows = inner.split(.vertical, [.fixed(2), .min(1)])
            buffer.render(Paragraph([Line(question.text, style: .bold)]), in: rows[0])
            buffer.render(ListView(question.answers.map { Line($0.text) }, selected: wizard.selection), in: rows[1])
        case .datasets:
            let inner = AppView.pane(Line(heading + ": data files"), focused: true, in: columns[1], on: &buffer)
            renderDatasets(wizard, in: inner, on: &buffer)
        case .budgetValue:
            let inner = AppView.pane(Line(heading + ": budget"), focused: true, in: columns[1], on: &buffer)
            renderBudget(wizard, in: inner, on: &buffer)
        }
    }

    private static func renderBudget(_ wizard: WizardState, in area: Rect, on buffer: inout CellBuffer) {
        let sqnr = wizard.answers["budget"] == "sqnr"
        let question = sqnr ? "Minimum SQNR against the float model, in dB:" : "Maximum top-1 accuracy drop, in percentage points:"
        buffer.render(Paragraph([Line(question, style: .bold)]), in: Rect(x: area.x, y: area.y, width: area.width, height: 2))
        let field = Rect(x: area.x, y: area.y + 2, width: min(12, area.width), height: 1)
        buffer.render(TextField(wizard.budgetValue), in: field)
        buffer.write(sqnr ? " dB" : " pp", at: Point(x: field.maxX, y: field.y), clip: area)
        let hint = sqnr ? "e.g. 30: outputs at least 30 dB above the quantization noise"
            : "e.g. 1: at most 1 pp below the float model's top-1 accuracy"
        buffer.render(Paragraph([Line(hint, style: .dim)]), in: area.inset(by: Padding(top: 4)))
    }

    private static func renderDatasets(_ wizard: WizardState, in area: Rect, on buffer: inout CellBuffer) {
        let labelled = wizard.answers["data"] == "labelled"
        let fields: [(String, TextInput)] = [
            ("Calibration samples (unlabelled .npy/.npz, for int8/int16x8):", wizard.calibrationPath),
            (labelled ? "Test data with labels (.npz with x and y):" : "Test data (optional .npz/.npy):", wizard.testPath),
        ]
        var y = area.y
        for (index, (label, input)) in fields.enumerated() {
            buffer.write(Line(label, style: index == wizard.datasetField ? .bold : .plain).truncated(to: area.width),
                         in: Rect(x: area.x, y: y, width: area.width, height: 1))
            buffer.render(TextField(input, focused: index == wizard.datasetField, placeholder: "path"),
                          in: Rect(x: area.x, y: y + 1, width: area.width, height: 1))
            y += 3
        }
        let listArea = Rect(x: area.x, y: y, width: area.width, height: area.maxY - y)
        buffer.render(Paragraph(wizard.completions.map { Line($0, style: .dim) }, wrap: false), in: listArea)
    }

    /// One line per step: the question's short name and the answer given (or `·`).
    static func answerLines(_ wizard: WizardState, tree: DecisionTree) -> [Line] {
        wizard.steps.map { step in
            let (name, answer) = describe(step, wizard, tree: tree)
            let padded = name + String(repeating: " ", count: max(1, 9 - name.count))
            return Line([Span(padded, style: .dim), Span(answer ?? "·", style: answer == nil ? .dim : .plain)])
        }
    }

    /// The answers so far in one line: `CPU (XNNPACK) › Labelled data › …`.
    static func answerPath(_ wizard: WizardState, tree: DecisionTree) -> String {
        let given = wizard.steps.compactMap { describe($0, wizard, tree: tree).answer }
        return given.isEmpty ? "Answer the questions; Esc goes back, answers stay editable." : given.joined(separator: " › ")
    }

    private static func describe(_ step: WizardStep, _ wizard: WizardState, tree: DecisionTree) -> (name: String, answer: String?) {
        switch step {
        case .question(let id):
            let text = wizard.answers[id].flatMap { answer in
                tree.questions.first { $0.id == id }?.answers.first { $0.id == answer }?.text
            }
            return (id.prefix(1).uppercased() + id.dropFirst(), text)
        case .datasets:
            let files = [wizard.calibrationPath.text, wizard.testPath.text].filter { !$0.isEmpty }
                .map { $0.split(separator: "/").last.map(String.init) ?? $0 }
            let confirmed = wizard.answers[WizardState.filesConfirmed] != nil && !files.isEmpty
            return ("Files", confirmed ? files.joined(separator: ", ") : nil)
        case .budgetValue:
            let limit = wizard.answers["budget"] == "sqnr" ? "≥ \(wizard.budgetValue.text) dB" : "≤ \(wizard.budgetValue.text) pp"
            return ("Limit", wizard.answers[WizardState.limitConfirmed] != nil ? limit : nil)
        }
    }
}
