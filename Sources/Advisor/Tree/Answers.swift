import Foundation

/// The hardware the model will run on.
public enum TargetKind: String, Codable, CaseIterable, Sendable {
    case cpu, gpu, edgetpu, hexagon, mcu
    /// Several targets, or not known yet.
    case unknown
}

/// What data the user can provide.
public enum DataAvailability: String, Codable, CaseIterable, Sendable {
    /// No samples at all.
    case none
    /// Representative inputs without labels (enough for calibration and SQNR).
    case unlabelled
    /// Inputs with labels (accuracy can be measured).
    case labelled
}

/// What matters most about the optimized model.
public enum Priority: String, Codable, CaseIterable, Sendable {
    /// Bytes on disk.
    case size
    /// Bytes downloaded (the gzip-compressed file).
    case download
    /// Inference time on the target.
    case latency
}

/// How much quality the user will give up.
public enum Budget: Equatable, Codable, Sendable, CustomStringConvertible {
    /// At most this many percentage points of top-1 accuracy lost (needs labels).
    case maxAccuracyDrop(percentagePoints: Double)
    /// Outputs at least this many dB of signal-to-quantization-noise ratio against the float model.
    case minSQNR(decibels: Double)

    /// Parses `1pp` (or `1%`) and `30dB`.
    public init(parsing text: String) throws(AdvisorError) {
        let lower = text.lowercased().trimmingCharacters(in: .whitespaces)
        for (suffix, isDrop) in [("pp", true), ("%", true), ("db", false)] where lower.hasSuffix(suffix) {
            guard let value = Double(lower.dropLast(suffix.count)), value >= 0 else { break }
            self = isDrop ? .maxAccuracyDrop(percentagePoints: value) : .minSQNR(decibels: value)
            return
        }
        throw .badAnswer("budget \(text): expected e.g. 1pp (top-1 drop) or 30dB (minimum SQNR)")
    }

    /// The tree's name for the kind of budget: `accuracy` or `sqnr`.
    public var kind: String {
        switch self {
        case .maxAccuracyDrop: "accuracy"
        case .minSQNR: "sqnr"
        }
    }

    public var description: String {
        switch self {
        case .maxAccuracyDrop(let pp): "top-1 drop ≤ \(pp.formatted(decimals: 2)) pp"
        case .minSQNR(let db): "SQNR ≥ \(db.formatted(decimals: 1)) dB"
        }
    }
}

/// The user's answers to the decision tree's questions.
public struct Answers: Equatable, Codable, Sendable {
    public var target: TargetKind
    public var data: DataAvailability
    public var budget: Budget?
    public var priority: Priority

    public init(target: TargetKind, data: DataAvailability, budget: Budget? = nil, priority: Priority) {
        self.target = target
        self.data = data
        self.budget = budget
        self.priority = priority
    }

    /// The answer to the question with this id (`target`, `data`, `budget`, `priority`), as the
    /// tree's rules spell it; the budget answer is its kind, or `none`.
    func value(for question: String) -> String? {
        switch question {
        case "target": target.rawValue
        case "data": data.rawValue
        case "budget": budget?.kind ?? "none"
        case "priority": priority.rawValue
        default: nil
        }
    }
}

extension Double {
    /// The number with at most `decimals` fraction digits, trailing zeros dropped.
    func formatted(decimals: Int) -> String {
        var text = String(format: "%.\(decimals)f", self)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
