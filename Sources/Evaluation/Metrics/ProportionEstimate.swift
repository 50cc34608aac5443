import Foundation

/// A proportion measured on `total` samples with its 95 % Wilson score interval.
public struct ProportionEstimate: Equatable, Sendable {
    public let successes: Int
    public let total: Int

    /// The normal quantile for a two-sided 95 % interval.
    public static let z95 = 1.959963984540054

    public init(successes: Int, total: Int) {
        precondition(successes >= 0 && successes <= total, "\(successes) successes out of \(total)")
        self.successes = successes
        self.total = total
    }

    /// successes / total (0 when there are no samples).
    public var value: Double { total == 0 ? 0 : Double(successes) / Double(total) }

    /// The Wilson score interval `(lower, upper)` at normal quantile `z`; `(0, 1)` with no samples.
    public func interval(z: Double = z95) -> (lower: Double, upper: Double) {
        guard total > 0 else { return (0, 1) }
        let n = Double(total), p = value, z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return (max(0, centre - half), min(1, centre + half))
    }
}
