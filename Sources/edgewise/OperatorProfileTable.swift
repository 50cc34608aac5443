import Foundation
import Runtime

/// The text of `edgewise bench --per-op`: time per op type, then the slowest operators.
struct OperatorProfileTable {
    let operators: [OperatorTime]
    let runs: Int

    init(_ operators: [OperatorTime], runs: Int) {
        self.operators = operators
        self.runs = max(runs, 1)
    }

    /// Operators listed after the per-type totals.
    static let slowestShown = 10

    var text: String {
        let total = operators.reduce(0) { $0 + $1.seconds }
        guard total > 0 else { return "Per op: nothing ran (every operator was folded at prepare time)." }
        func line(_ label: String, _ seconds: Double) -> String {
            let padded = label.count < 28 ? label + String(repeating: " ", count: 28 - label.count) : label
            return "  " + padded + String(format: " %9.4f ms  %5.1f %%", seconds * 1000 / Double(runs), 100 * seconds / total)
        }
        var byType: [String: (seconds: Double, count: Int)] = [:]
        for op in operators { byType[op.name, default: (0, 0)].seconds += op.seconds; byType[op.name, default: (0, 0)].count += 1 }
        var lines = ["Per op type (measured here, ms per run, share of the summed op time):"]
        for (name, entry) in byType.sorted(by: { $0.value.seconds > $1.value.seconds }) {
            lines.append(line("\(name) ×\(entry.count)", entry.seconds))
        }
        lines.append("Slowest operators:")
        for op in operators.sorted(by: { $0.seconds > $1.seconds }).prefix(Self.slowestShown) {
            lines.append(line("#\(op.index) \(op.name)", op.seconds))
        }
        return lines.joined(separator: "\n")
    }
}
