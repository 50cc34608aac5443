import Advisor
import TerminalUI

/// The whole screen: title bar, the current screen, a status line, the help bar and any modal.
enum AppView {
    static let titleStyle = Style(foreground: .white, background: .blue, bold: true)
    static let errorStyle = Style(foreground: .red, bold: true)

    static func render(_ state: AppState, tree: DecisionTree, recent: [String], size: Size) -> CellBuffer {
        var buffer = CellBuffer(size: size)
        let rows = buffer.bounds.split(.vertical, [.fixed(1), .min(1), .fixed(1), .fixed(1)])
        buffer.fill(rows[0], with: Cell(" ", style: titleStyle))
        buffer.write(title(state).truncated(to: rows[0].width), in: rows[0], base: titleStyle)
        switch state.screen {
        case .openModel: OpenModelView.render(state, recent: recent, in: rows[1], on: &buffer)
        case .wizard: WizardView.render(state, tree: tree, in: rows[1], on: &buffer)
        case .workbench: WorkbenchView.render(state, in: rows[1], on: &buffer)
        }
        buffer.write(status(state, tree: tree).truncated(to: rows[2].width), in: rows[2])
        buffer.render(HelpBar(KeyMap.hints(state)), in: rows[3])
        if let modal = state.modal { ModalView.render(modal, state: state, in: buffer.bounds, on: &buffer) }
        return buffer
    }

    private static func title(_ state: AppState) -> Line {
        var spans: [Span] = [" Edgewise "]
        if let session = state.session {
            spans.append(Span("│ " + session.name + (session.isDemo ? " (demo) " : " ")))
        }
        switch state.screen {
        case .openModel: spans.append("│ open a model")
        case .wizard:
            let steps = state.wizard.steps
            let index = (steps.firstIndex(of: state.wizard.step) ?? 0) + 1
            spans.append(Span("│ wizard, step \(index) of \(steps.count)"))
        case .workbench:
            if let workbench = state.workbench {
                let budget = workbench.answers.budget.map { " │ budget: \($0)" } ?? ""
                spans.append(Span("│ workbench │ target: \(workbench.answers.target.shortName)" + budget))
            }
        }
        return Line(spans)
    }

    /// Errors and notices, the filter being typed, or the path of answers.
    private static func status(_ state: AppState, tree: DecisionTree) -> Line {
        switch state.screen {
        case .openModel:
            if let error = state.open.error { return Line(" " + error, style: errorStyle) }
            return Line(state.open.isLoading ? " reading the model…" : " ", style: .dim)
        case .wizard:
            if let error = state.wizard.error { return Line(" " + error, style: errorStyle) }
            return Line(" " + WizardView.answerPath(state.wizard, tree: tree), style: .dim)
        case .workbench:
            guard let workbench = state.workbench else { return "" }
            if workbench.isFiltering || !workbench.filter.text.isEmpty {
                return Line([Span(" filter /", style: .bold), Span(workbench.filter.text), Span(workbench.isFiltering ? "▏" : "", style: .dim)])
            }
            if let notice = workbench.notice { return Line(" " + notice, style: Style(foreground: .yellow)) }
            let answers = workbench.answers
            return Line(" " + [answers.target.shortName, answers.data.rawValue + " data", answers.budget.map { "\($0)" } ?? "no budget",
                               answers.priority.rawValue + " first"].joined(separator: " · "), style: .dim)
        }
    }

    /// A framed pane; the focused one has a heavy cyan border.
    static func pane(_ title: Line, focused: Bool, in area: Rect, on buffer: inout CellBuffer) -> Rect {
        let block = Block(title: title, borders: focused ? .heavy : .plain,
                          borderStyle: focused ? Style(foreground: .cyan) : .dim,
                          titleStyle: focused ? Style(foreground: .cyan, bold: true) : .bold)
        buffer.render(block, in: area)
        return block.inner(area)
    }
}
