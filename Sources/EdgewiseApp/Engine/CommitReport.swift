import Foundation

/// The short report written beside a committed model: what was done, and what it measured,
/// every number labelled as measured here or estimated for the target.
enum CommitReport {
    static func text(session: ModelSession, workbench: WorkbenchState, run: RunState) -> String {
        let answers = workbench.answers
        var lines = [
            "Edgewise commit report",
            "",
            "source model: \(session.path)",
            "recipe: \(run.title) (\(run.shortTitle))" + (run.keptFloat.isEmpty ? "" : ", ops kept float: "
                + run.keptFloat.sorted().map(String.init).joined(separator: ", ")),
            "answers: target \(answers.target.rawValue), data \(answers.data.rawValue), budget "
                + (answers.budget.map { "\($0)" } ?? "none") + ", priority \(answers.priority.rawValue)",
            "data: calibration \(workbench.data.calibration ?? "none"), test \(workbench.data.test ?? "none")",
            "",
            "quantity                          float      optimized  change",
        ]
        let rows = Deltas.rows(baseline: workbench.baseline.metrics, run: run.metrics, answers: answers, wide: true)
        for row in rows {
            let change = row.delta.replacingOccurrences(of: "▼ ", with: "").replacingOccurrences(of: "▲ ", with: "")
                .replacingOccurrences(of: "= ", with: "")
            lines.append(row.label.padding(toLength: 33, withPad: " ", startingAt: 0) + " "
                + row.baseline.padding(toLength: 10, withPad: " ", startingAt: 0) + " "
                + row.value.padding(toLength: 10, withPad: " ", startingAt: 0) + " " + change)
        }
        if let interval = Deltas.interval(baseline: workbench.baseline.metrics, run: run.metrics) {
            lines.append(String(format: "top-1 change, 95 %% Wilson interval of the optimized model (float held fixed): [%+.2f, %+.2f] pp",
                                interval.range.lowerBound, interval.range.upperBound))
        }
        if let meets = Deltas.meetsBudget(run.metrics, baseline: workbench.baseline.metrics, answers: answers), let budget = answers.budget {
            lines.append("budget \(budget): " + (meets ? "met" : "missed"))
        }
        if let report = run.metrics.compatibility {
            lines.append("compatibility: \(report.accelerated) of \(report.total) ops on \(report.targetName); partitions "
                + report.partitions.joined(separator: ", "))
        }
        lines += [
            "",
            "Latency \"measured here\" is the median of our interpreter on this machine; latency \"estimated for "
                + "\(answers.target.shortName)\" comes from the advisor's cost model and was not measured.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
