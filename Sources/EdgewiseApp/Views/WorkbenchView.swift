import Advisor
import TerminalUI

/// The workbench: ranked recipes and the reason on the left; deltas and a tabbed detail pane
/// (summary, compatibility, layers, jobs) on the right.
enum WorkbenchView {
    static func render(_ state: AppState, in area: Rect, on buffer: inout CellBuffer) {
        guard let workbench = state.workbench, let session = state.session else { return }
        let columns = area.split(.horizontal, [.ratio(9, 25), .min(30)])
        let left = columns[0].split(.vertical, [.fixed(min(workbench.ranked.count + 2, max(3, area.height / 2))), .min(3)])
        renderRecipes(workbench, in: left[0], on: &buffer)
        renderReason(workbench, in: left[1], on: &buffer)
        let right = columns[1].split(.vertical, [.fixed(11), .min(4)])
        DeltaPane.render(workbench, in: right[0], on: &buffer)
        DetailPanes.render(workbench, session: session, in: right[1], on: &buffer)
    }

    private static func renderRecipes(_ workbench: WorkbenchState, in area: Rect, on buffer: inout CellBuffer) {
        let visible = workbench.visibleRecipes
        let title = workbench.filter.text.isEmpty ? "Recipes, best first" : "Recipes /\(workbench.filter.text)"
        let inner = AppView.pane(Line(title), focused: workbench.focus == .recipes, in: area, on: &buffer)
        let items = visible.map { index -> Line in
            let candidate = workbench.ranked[index]
            let (mark, style) = marker(candidate, run: workbench.runs[candidate.id])
            return Line([Span(mark + " ", style: style), Span("\(index + 1). \(candidate.title)")])
        }
        buffer.render(ListView(items, selected: visible.isEmpty ? nil : min(workbench.recipeSelection, visible.count - 1)), in: inner)
    }

    /// A status mark for a candidate: `✓` done, `…` running, `✗` failed, `-` cancelled, `·` advice.
    static func marker(_ candidate: DecisionTree.Candidate, run: RunState?) -> (String, Style) {
        guard candidate.action != .advice else { return ("·", .dim) }
        switch run?.status {
        case .done: return ("✓", Style(foreground: .green))
        case .running: return ("…", Style(foreground: .yellow))
        case .failed: return ("✗", Style(foreground: .red))
        case .cancelled: return ("-", .dim)
        case nil: return (" ", .plain)
        }
    }

    private static func renderReason(_ workbench: WorkbenchState, in area: Rect, on buffer: inout CellBuffer) {
        let inner = AppView.pane("Why", focused: false, in: area, on: &buffer)
        guard let candidate = workbench.selectedCandidate else {
            buffer.render(Paragraph("No recipe matches the filter.", style: .dim), in: inner)
            return
        }
        var lines = [Line(candidate.reason)]
        if candidate.action == .advice { lines.append(Line("Advice only: a step Edgewise cannot run.", style: .dim)) }
        if case .failed(let text) = workbench.runs[candidate.id]?.status { lines.append(Line("Failed: " + text, style: AppView.errorStyle)) }
        buffer.render(Paragraph(lines), in: inner)
    }
}
