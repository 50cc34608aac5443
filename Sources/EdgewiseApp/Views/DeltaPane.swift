import TerminalUI

/// The live deltas against the float model: one run in detail, or every run side by side (`c`).
enum DeltaPane {
    static func render(_ workbench: WorkbenchState, in area: Rect, on buffer: inout CellBuffer) {
        let title = workbench.compare ? "Deltas vs float, side by side" : "Deltas vs float"
        let inner = AppView.pane(Line(title), focused: workbench.focus == .deltas, in: area, on: &buffer)
        if workbench.compare {
            renderComparison(workbench, in: inner, on: &buffer)
        } else {
            renderSingle(workbench, in: inner, on: &buffer)
        }
    }

    static func style(_ verdict: Verdict) -> Style {
        switch verdict {
        case .better: Style(foreground: .green)
        case .worse: Style(foreground: .red)
        case .neutral: .plain
        }
    }

    private static func renderSingle(_ workbench: WorkbenchState, in area: Rect, on buffer: inout CellBuffer) {
        guard let candidate = workbench.selectedCandidate else { return }
        let run = workbench.selectedRun
        let wide = area.width >= 60
        let rows = Deltas.rows(baseline: workbench.baseline.metrics, run: run?.metrics ?? Metrics(), answers: workbench.answers, wide: wide)
        let columns = [TableColumn("", width: .min(10)), TableColumn("float", width: .fixed(9), alignment: .right),
                       TableColumn(run?.shortTitle ?? "not run", width: .fixed(9), alignment: .right),
                       TableColumn("Δ vs float", width: .fixed(11), alignment: .right)]
        let cells = rows.map { row in
            [Line(row.label), Line(row.baseline), Line(row.value), Line(row.delta, style: style(row.verdict))]
        }
        buffer.render(Table(columns: columns, rows: cells), in: Rect(x: area.x, y: area.y, width: area.width, height: rows.count + 1))
        let y = area.y + rows.count + 1
        guard let run else {
            let hint = candidate.action == .advice ? "\(candidate.title) is advice only." : "Enter runs \(candidate.title)."
            buffer.write(Line(hint, style: .dim).truncated(to: area.width), in: Rect(x: area.x, y: y, width: area.width, height: 1))
            return
        }
        renderInterval(workbench, run: run, in: Rect(x: area.x, y: y, width: area.width, height: 1), on: &buffer)
        buffer.write(footer(workbench, run: run).truncated(to: area.width), in: Rect(x: area.x, y: y + 1, width: area.width, height: 1))
    }

    /// `Δ 95 % ──━━╋━─── [-7.2, -4.1] pp`: the interval bar of the accuracy change, tightening as
    /// samples stream in (scale −10 … +2 pp).
    private static func renderInterval(_ workbench: WorkbenchState, run: RunState, in row: Rect, on buffer: inout CellBuffer) {
        guard let interval = Deltas.interval(baseline: workbench.baseline.metrics, run: run.metrics) else {
            buffer.write(Line("Δ 95 %  waiting for samples…", style: .dim), in: row)
            return
        }
        let text = String(format: " [%+.1f, %+.1f] pp", interval.range.lowerBound, interval.range.upperBound)
        let label = "Δ 95 % "
        let gaugeWidth = max(0, row.width - label.count - text.count)
        let meets = Deltas.meetsBudget(run.metrics, baseline: workbench.baseline.metrics, answers: workbench.answers)
        let color = meets.map { style($0 ? .better : .worse) } ?? .plain
        buffer.write(label, at: Point(x: row.x, y: row.y), style: .dim, clip: row)
        buffer.render(IntervalGauge(value: interval.value, interval: interval.range, scale: -10...2, style: color),
                      in: Rect(x: row.x + label.count, y: row.y, width: gaugeWidth, height: 1))
        buffer.write(text, at: Point(x: row.x + label.count + gaugeWidth, y: row.y), clip: row)
    }

    /// Budget verdict and samples: `budget top-1 drop ≤ 1 pp: ✗ missed · 1000/1000 samples`.
    private static func footer(_ workbench: WorkbenchState, run: RunState) -> Line {
        var spans: [Span] = []
        if let budget = workbench.answers.budget {
            switch Deltas.meetsBudget(run.metrics, baseline: workbench.baseline.metrics, answers: workbench.answers) {
            case true?: spans.append(Span("✓ meets \(budget)", style: style(.better)))
            case false?: spans.append(Span("✗ misses \(budget)", style: style(.worse)))
            case nil: spans.append(Span("budget \(budget): measuring", style: .dim))
            }
        }
        let metrics = run.metrics
        if metrics.totalSamples > 0 {
            spans.append(Span((spans.isEmpty ? "" : " · ") + "\(metrics.samples)/\(metrics.totalSamples) samples", style: .dim))
        }
        return Line(spans)
    }

    /// Row labels short enough for side-by-side columns: `size`, `gzip`, `lat. here`, `est. CPU`.
    static func compactLabel(_ label: String) -> String {
        let replacements = [("size (raw)", "size"), ("size (gzip)", "gzip"), ("latency here", "lat. here"), ("latency est. ", "est. "),
                            ("top-1 accuracy", "top-1"), ("top-1 agreement", "agree"), ("SQNR vs float", "SQNR")]
        return replacements.first { label.hasPrefix($0.0) }.map { $0.1 + label.dropFirst($0.0.count) } ?? label
    }

    private static func renderComparison(_ workbench: WorkbenchState, in area: Rect, on buffer: inout CellBuffer) {
        let runs = workbench.runOrder.compactMap { workbench.runs[$0] }
        guard !runs.isEmpty else {
            buffer.render(Paragraph("Run two or more recipes (Enter) to compare them here.", style: .dim), in: area)
            return
        }
        let fitting = max(1, (area.width - 20) / 14)
        let shown = Array(runs.prefix(fitting))
        let baseline = workbench.baseline.metrics
        let perRun = shown.map { Deltas.rows(baseline: baseline, run: $0.metrics, answers: workbench.answers, wide: false) }
        let columns = [TableColumn("", width: .min(10)), TableColumn("float", width: .fixed(8), alignment: .right)]
            + shown.map { TableColumn($0.shortTitle, width: .fixed(13), alignment: .right) }
        let labels = (perRun.first?.map(\.label) ?? []).map(compactLabel)
        var cells: [[Line]] = labels.indices.map { i in
            [Line(labels[i]), Line(perRun[0][i].baseline)] + perRun.map { rows in
                Line([Span(rows[i].value.replacingOccurrences(of: " %", with: "%")),
                      Span(rows[i].shortDelta.isEmpty ? "" : " " + rows[i].shortDelta, style: style(rows[i].verdict))])
            }
        }
        cells.append([Line("budget"), Line("")] + shown.map { run in
            switch Deltas.meetsBudget(run.metrics, baseline: baseline, answers: workbench.answers) {
            case true?: Line("✓ meets", style: style(.better))
            case false?: Line("✗ misses", style: style(.worse))
            case nil: Line(run.status.isRunning ? "…" : "—", style: .dim)
            }
        })
        buffer.render(Table(columns: columns, rows: cells), in: Rect(x: area.x, y: area.y, width: area.width, height: cells.count + 1))
        let legend = runs.count > shown.count ? "+\(runs.count - shown.count) more (widen the terminal)" : "c: back to one run"
        buffer.write(Line(legend, style: .dim).truncated(to: area.width), in: area.row(cells.count + 1))
    }
}
