import Advisor
import Evaluation

/// Whether a change is good news.
enum Verdict: Equatable, Sendable {
    case better, worse, neutral
}

/// One row of the deltas pane: a quantity for the float model and a variant, and the change.
struct DeltaRow: Equatable, Sendable {
    var label: String
    var baseline: String
    var value: String
    /// `▼ -74.1 %`, `▲ +0.3 pp`, or empty when not measured yet.
    var delta: String
    /// The change alone, short, for side-by-side columns: `-74%`, `-5.7pp`.
    var shortDelta: String
    var verdict: Verdict
}

/// The deltas of a variant against the float model, computed from their metrics.
enum Deltas {
    /// Labels for latency: long ones say "measured here" and "estimated for <target>".
    static func latencyLabels(target: String, wide: Bool) -> (measured: String, estimated: String) {
        wide ? ("latency, measured here", "latency, estimated for \(target)") : ("latency here", "latency est. \(target)")
    }

    /// Rows for size, gzip size, latency measured here, latency estimated for the target, accuracy
    /// (or agreement without labels) and SQNR.
    static func rows(baseline: Metrics, run: Metrics, answers: Answers, wide: Bool) -> [DeltaRow] {
        let labels = latencyLabels(target: answers.target.shortName, wide: wide)
        var rows = [
            lowerIsBetter("size (raw)", baseline.sizeBytes.map(Double.init), run.sizeBytes.map(Double.init)) { Format.bytes(Int($0)) },
            lowerIsBetter("size (gzip)", baseline.gzipBytes.map(Double.init), run.gzipBytes.map(Double.init)) { Format.bytes(Int($0)) },
            lowerIsBetter(labels.measured, baseline.latencyMs, run.latencyMs, Format.milliseconds),
            lowerIsBetter(labels.estimated, baseline.estimateMs, run.estimateMs, Format.milliseconds),
        ]
        if let quality = quality(baseline: baseline, run: run, answers: answers) { rows.append(quality) }
        var sqnr = DeltaRow(label: "SQNR vs float", baseline: "—", value: run.sqnrDB.map(Format.decibels) ?? "…",
                            delta: "", shortDelta: "", verdict: .neutral)
        if case .minSQNR(let limit) = answers.budget, let value = run.sqnrDB {
            sqnr.verdict = value >= limit ? .better : .worse
            sqnr.delta = value >= limit ? "✓ ≥ budget" : "✗ < budget"
            sqnr.shortDelta = value >= limit ? "✓" : "✗"
        }
        rows.append(sqnr)
        return rows
    }

    /// Top-1 accuracy against labels, or top-1 agreement with the float model without them.
    static func quality(baseline: Metrics, run: Metrics, answers: Answers) -> DeltaRow? {
        let (label, before, after): (String, Double?, ProportionEstimate?) = baseline.top1 != nil || run.top1 != nil
            ? ("top-1 accuracy", baseline.top1?.value, run.top1)
            : ("top-1 agreement", 1, run.agreement)
        guard baseline.totalSamples > 0 || run.totalSamples > 0 || after != nil else { return nil }
        var row = DeltaRow(label: label, baseline: before.map(Format.percent) ?? "…", value: after.map { Format.percent($0.value) } ?? "…",
                           delta: "", shortDelta: "", verdict: .neutral)
        guard let before, let after, after.total > 0 else { return row }
        let points = (after.value - before) * 100
        row.delta = (points < 0 ? "▼ " : points > 0 ? "▲ " : "= ") + Format.points(points)
        row.shortDelta = String(format: "%+.1fpp", points)
        if case .maxAccuracyDrop(let limit) = answers.budget {
            row.verdict = -points <= limit ? .better : .worse
        } else {
            row.verdict = points < 0 ? .worse : .better
        }
        return row
    }

    /// The 95 % interval of the accuracy (or agreement) change in pp, the float figure held fixed.
    static func interval(baseline: Metrics, run: Metrics) -> (value: Double, range: ClosedRange<Double>)? {
        let estimate = baseline.top1 != nil ? run.top1 : run.agreement
        let before = baseline.top1?.value ?? 1
        guard let estimate, estimate.total > 0, baseline.top1 != nil || run.top1 == nil else { return nil }
        let (lower, upper) = estimate.interval()
        return ((estimate.value - before) * 100, ((lower - before) * 100)...((upper - before) * 100))
    }

    /// Whether the run meets the budget: nil while not measured or without a budget.
    static func meetsBudget(_ run: Metrics, baseline: Metrics, answers: Answers) -> Bool? {
        switch answers.budget {
        case .maxAccuracyDrop(let limit):
            guard let before = baseline.top1?.value, let after = run.top1, after.total > 0 else { return nil }
            return (before - after.value) * 100 <= limit
        case .minSQNR(let limit):
            return run.sqnrDB.map { $0 >= limit }
        case nil:
            return nil
        }
    }

    private static func lowerIsBetter(_ label: String, _ before: Double?, _ after: Double?, _ text: (Double) -> String) -> DeltaRow {
        var row = DeltaRow(label: label, baseline: before.map(text) ?? "…", value: after.map(text) ?? "…", delta: "", shortDelta: "", verdict: .neutral)
        guard let before, let after, let change = Format.change(after, from: before) else { return row }
        row.delta = (after < before ? "▼ " : after > before ? "▲ " : "= ") + change
        let ratio = after / before
        row.shortDelta = ratio >= 2 ? String(format: ratio >= 10 ? "×%.0f" : "×%.1f", ratio) : String(format: "%+.0f%%", (ratio - 1) * 100)
        row.verdict = after < before ? .better : after > before ? .worse : .neutral
        return row
    }
}

extension TargetKind {
    /// A short name for labels: `CPU`, `GPU`, `Edge TPU`, `Hexagon`, `MCU`.
    var shortName: String {
        switch self {
        case .cpu, .unknown: "CPU"
        case .gpu: "GPU"
        case .edgetpu: "Edge TPU"
        case .hexagon: "Hexagon"
        case .mcu: "MCU"
        }
    }
}
