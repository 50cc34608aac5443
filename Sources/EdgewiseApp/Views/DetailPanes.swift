import Foundation
import LiteModel
import TerminalUI

/// The tabbed pane in the lower right: model summary, compatibility, layers and jobs.
enum DetailPanes {
    static func render(_ workbench: WorkbenchState, session: ModelSession, in area: Rect, on buffer: inout CellBuffer) {
        var spans: [Span] = []
        for (i, pane) in Pane.details.enumerated() {
            if i > 0 { spans.append(Span("│", style: .dim)) }
            spans.append(Span(" \(pane.title) ", style: pane == workbench.detail ? Style(bold: true, reverse: true) : .plain))
        }
        let inner = AppView.pane(Line(spans), focused: Pane.details.contains(workbench.focus), in: area, on: &buffer)
        switch workbench.detail {
        case .compatibility: renderCompatibility(workbench, in: inner, on: &buffer)
        case .layers: renderLayers(workbench, in: inner, on: &buffer)
        case .jobs: renderJobs(workbench, in: inner, on: &buffer)
        default: buffer.render(Paragraph(summary(workbench, session: session)), in: inner)
        }
    }

    /// The model, its data and the float baseline in a few lines.
    static func summary(_ workbench: WorkbenchState, session: ModelSession) -> [Line] {
        let s = session.summary
        func row(_ name: String, _ text: String) -> Line {
            Line([Span(name.padding(toLength: 8, withPad: " ", startingAt: 0), style: .dim), Span(text)])
        }
        func tensor(_ t: TensorSummary) -> String { "\(t.name) \(t.dtype) \(t.shape)" }
        let base = workbench.baseline.metrics
        var lines = [
            row("model", session.name + (session.isDemo ? " (bundled demo)" : "")),
            row("file", Format.bytes(session.bytes.count) + (base.gzipBytes.map { " · gzip " + Format.bytes($0) } ?? "")),
            row("graph", "\(s.operators.count) ops · \(Format.grouped(s.size.parameters)) parameters · \(Format.grouped(s.size.macs)) MACs"),
        ]
        lines += s.inputs.map { row("input", tensor($0)) } + s.outputs.map { row("output", tensor($0)) }
        lines.append(row("ops", s.opHistogram.map { $0.count > 1 ? "\($0.op)×\($0.count)" : $0.op }.joined(separator: " ")))
        let files = [workbench.data.calibration.map { "calibration " + $0.lastPathComponent },
                     workbench.data.test.map { "test " + $0.lastPathComponent }].compactMap { $0 }
        lines.append(row("data", files.isEmpty ? "none" : files.joined(separator: " · ")))
        var float: [String] = []
        if let top1 = base.top1 {
            let (lower, upper) = top1.interval()
            float.append(String(format: "top-1 %.1f %% [%.1f, %.1f] on %d", top1.value * 100, lower * 100, upper * 100, top1.total))
        }
        if let latency = base.latencyMs { float.append(Format.milliseconds(latency) + " measured here") }
        if let estimate = base.estimateMs { float.append(Format.milliseconds(estimate) + " estimated for " + workbench.answers.target.shortName) }
        lines.append(row("float", float.isEmpty ? "measuring…" : float.joined(separator: " · ")))
        return lines
    }

    private static func renderCompatibility(_ workbench: WorkbenchState, in area: Rect, on buffer: inout CellBuffer) {
        let run = workbench.selectedRun?.metrics.compatibility == nil ? workbench.baseline : workbench.selectedRun!
        guard let report = run.metrics.compatibility else {
            buffer.render(Paragraph("Checking the model against the target…", style: .dim), in: area)
            return
        }
        let head = "\(run.shortTitle): \(report.accelerated) of \(report.total) ops on \(report.targetName) · partitions "
            + report.partitions.joined(separator: ", ")
        let headRows = Paragraph([Line(head, style: .bold)]).rows(width: area.width).prefix(2)
        buffer.render(Paragraph(Array(headRows), wrap: false), in: area)
        let rows = report.ops.map { op in
            [Line(String(op.index)), Line(op.name),
             Line(op.placement, style: op.placement == "target" ? Style(foreground: .green) : Style(foreground: .yellow)),
             Line(op.detail, style: .dim)]
        }
        let table = Table(columns: [TableColumn("op", width: .fixed(3), alignment: .right), TableColumn("type", width: .fixed(17)),
                                    TableColumn("where", width: .fixed(7)), TableColumn("why", width: .min(10))],
                          rows: rows, selected: workbench.focus == .compatibility ? workbench.compatibilityScroll : nil)
        buffer.render(table, in: area.inset(by: Padding(top: headRows.count)))
    }

    private static func renderLayers(_ workbench: WorkbenchState, in area: Rect, on buffer: inout CellBuffer) {
        guard let run = workbench.selectedRun, !run.layers.isEmpty else {
            let text = workbench.selectedRun?.status.isRunning == true ? "Per-layer error appears when the run has measured it…"
                : "Run a recipe (Enter on the left) to see its per-layer error, worst first."
            buffer.render(Paragraph(text, style: .dim), in: area)
            return
        }
        buffer.write(Line("SQNR of each layer's output vs float, worst first · Space keeps it float and re-runs", style: .dim)
            .truncated(to: area.width), in: area.row(0))
        let kept = run.keptFloat
        let rows = workbench.visibleLayers.map { layer in
            [Line(String(layer.operatorIndex)), Line(layer.opName), Line(Format.decibels(layer.sqnrDB)),
             kept.contains(layer.operatorIndex) ? Line("float", style: Style(foreground: .cyan, bold: true)) : Line("", style: .dim),
             Line(layer.tensorName, style: .dim)]
        }
        let table = Table(columns: [TableColumn("op", width: .fixed(3), alignment: .right), TableColumn("type", width: .fixed(17)),
                                    TableColumn("SQNR", width: .fixed(8), alignment: .right), TableColumn("keep", width: .fixed(5)),
                                    TableColumn("tensor", width: .min(8))],
                          rows: rows, selected: workbench.focus == .layers ? workbench.layerSelection : nil)
        buffer.render(table, in: area.inset(by: Padding(top: 1)))
    }

    private static func renderJobs(_ workbench: WorkbenchState, in area: Rect, on buffer: inout CellBuffer) {
        for (i, job) in workbench.jobs.enumerated() where i < area.height {
            let row = area.row(i)
            let selected = workbench.focus == .jobs && i == workbench.jobSelection
            let name = (selected ? "▸ " : "  ") + job.shortTitle.padding(toLength: 9, withPad: " ", startingAt: 0)
            switch job.status {
            case .running(let stage, let fraction, let eta):
                buffer.render(ProgressBar(label: name + stage.padding(toLength: 18, withPad: " ", startingAt: 0), fraction: fraction,
                                          eta: eta.map { .milliseconds(Int($0 * 1000)) }), in: row)
            case .done:
                buffer.write(Line([Span(name), Span("✓ done", style: Style(foreground: .green))]), in: row)
            case .failed(let text):
                buffer.write(Line([Span(name), Span("✗ " + text, style: AppView.errorStyle)]).truncated(to: row.width), in: row)
            case .cancelled:
                buffer.write(Line([Span(name), Span("- cancelled", style: .dim)]), in: row)
            }
            if selected { buffer.patchStyle(row, with: .bold) }
        }
    }
}

extension String {
    /// The last path component.
    var lastPathComponent: String { split(separator: "/").last.map(String.init) ?? self }
}
