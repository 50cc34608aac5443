import Foundation

extension AdviceReport {
    /// The report as plain text for a terminal, one section per part.
    public func renderText(modelName: String) -> String {
        var lines: [String] = ["Advice for \(modelName)", "", "Decision tree"]
        for step in walk.steps { lines.append("  \(step.question) \(step.answer)") }
        for note in walk.notes { lines.append("  · \(note)") }
        lines.append("")
        lines.append("Candidates, best first")
        for (rank, candidate) in walk.ranked.enumerated() {
            lines.append("  \(rank + 1). \(candidate.title)\(candidate.action == .advice ? " (advice)" : "")")
            lines.append("     \(candidate.reason)")
        }
        for exclusion in walk.excluded { lines.append("  ✗ \(exclusion.candidate.title): ruled out") }
        lines.append("")
        lines += compatibilityLines
        lines.append("")
        lines.append("Latency on \(compatibility.targetName) (estimate, not measured)")
        lines.append("  \(Self.milliseconds(estimate.seconds)) estimate: \(Self.milliseconds(estimate.acceleratedSeconds)) on target, "
            + "\(Self.milliseconds(estimate.fallbackSeconds)) on CPU, \(Self.milliseconds(estimate.transferSeconds)) hand-overs"
            + (estimate.streamingSeconds > 0 ? ", \(Self.milliseconds(estimate.streamingSeconds)) parameter streaming" : ""))
        lines.append("  basis: \(estimate.basis)")
        if let arena = arenaLowerBoundBytes {
            lines.append("  arena: at least \(arena) bytes of activations (estimate; measure with RecordingMicroInterpreter)")
        }
        lines.append("")
        lines += searchLines
        return lines.joined(separator: "\n") + "\n"
    }

    private var compatibilityLines: [String] {
        var lines = ["Compatibility with \(compatibility.targetName)"]
        for verdict in compatibility.ops {
            let mark = switch verdict.placement {
            case .accelerated: "target  "
            case .fallback: "CPU     "
            case .unsupported: "MISSING "
            }
            lines.append("  \(String(format: "%3d", verdict.index))  \(mark)\(verdict.op) v\(verdict.version)  [\(verdict.reason.rawValue)] \(verdict.detail)")
            for note in verdict.notes where verdict.placement == .accelerated { lines.append("                note: \(note)") }
        }
        let parts = compatibility.partitions.map { "\($0.first)–\($0.last) \($0.placement == .accelerated ? "target" : "CPU")" }
        lines.append("  partitions: \(parts.joined(separator: ", "))")
        for finding in compatibility.findings { lines.append("  · \(finding)") }
        for note in compatibility.notes { lines.append("  note: \(note)") }
        return lines
    }

    private var searchLines: [String] {
        guard let search else {
            return ["Measured candidates", "  not run: \(searchSkipped ?? "no data given")"]
        }
        var lines = ["Measured candidates (budget: \(search.budget))"]
        if !search.sensitivity.isEmpty {
            lines.append("  sensitivity (only this op quantized, the rest float), most damaging first:")
            for entry in search.sensitivity {
                lines.append("    op \(entry.op): \(search.budget.describe(entry.measurement))")
            }
        }
        for trial in search.trials where !trial.isProbe {
            let keep = trial.recipe.keepFloat.isEmpty ? "" : " keep float \(trial.recipe.keepFloat.map(\.description).joined(separator: ","))"
            let latency = trial.measurement.estimatedSeconds.map { ", \(Self.milliseconds($0)) estimate" } ?? ""
            lines.append("  \(trial.meetsBudget ? "✓" : "✗") \(trial.candidate) [\(trial.recipe.scheme.rawValue)\(keep)]: "
                + "\(search.budget.describe(trial.measurement)), \(trial.measurement.sizeBytes) B (gzip \(trial.measurement.gzipBytes) B)\(latency)")
        }
        if let baseline = search.fallbackBaseline {
            lines.append("  plain \(baseline.recipe.scheme.rawValue) rejected: \(search.budget.describe(baseline.measurement)) misses \(search.budget)")
        }
        guard let chosen = search.chosen else {
            lines.append("  No candidate met the budget; next: " + (search.advice.map(\.title).joined(separator: "; ").nonEmpty ?? "relax the budget"))
            return lines
        }
        lines.append("Recommendation: \(chosen.candidate) [\(chosen.recipe.scheme.rawValue)], \(search.budget.describe(chosen.measurement))")
        if !search.keptFloat.isEmpty, let baseline = search.fallbackBaseline {
            let sizeCost = chosen.measurement.sizeBytes - baseline.measurement.sizeBytes
            var cost = "  kept float: ops \(search.keptFloat.map(String.init).joined(separator: ", ")); costs \(sizeCost) B"
            if let now = chosen.measurement.estimatedSeconds, let before = baseline.measurement.estimatedSeconds {
                cost += " and \(Self.milliseconds(now - before)) estimated latency"
            }
            lines.append(cost + " against plain \(baseline.recipe.scheme.rawValue)")
        }
        return lines
    }

    static func milliseconds(_ seconds: Double) -> String {
        seconds < 0.001 ? String(format: "%.3f ms", seconds * 1000) : String(format: "%.2f ms", seconds * 1000)
    }
}

extension String {
    /// nil for an empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
