/// Running top-1 / top-5 accuracy and confusion counts of a classifier against labels.
public struct ClassificationTally: Equatable, Sendable {
    /// Number of classes (the length of the model's score vector).
    public let classCount: Int
    public private(set) var total = 0
    public private(set) var top1Hits = 0
    public private(set) var top5Hits = 0
    /// `confusion[label][prediction]`: how often a sample of class `label` was predicted as `prediction`.
    public private(set) var confusion: [[Int]]

    public init(classCount: Int) {
        self.classCount = classCount
        confusion = Array(repeating: Array(repeating: 0, count: classCount), count: classCount)
    }

    /// Counts one sample: its class scores (highest = predicted; ties go to the lower index) and label.
    public mutating func add(scores: [Float], label: Int) {
        precondition(scores.count == classCount && (0..<classCount).contains(label), "label or score count out of range")
        let position = rank(of: label, in: scores)
        total += 1
        if position == 0 { top1Hits += 1 }
        if position < 5 { top5Hits += 1 }
        confusion[label][argmax(scores)] += 1
    }

    /// Top-1 accuracy so far with its 95 % interval.
    public var top1: ProportionEstimate { ProportionEstimate(successes: top1Hits, total: total) }
    /// Top-5 accuracy so far (every sample counts when there are at most 5 classes).
    public var top5: ProportionEstimate { ProportionEstimate(successes: top5Hits, total: total) }
}
