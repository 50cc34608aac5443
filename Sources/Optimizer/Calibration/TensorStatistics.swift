/// What calibration saw in one tensor: global min and max (NaN skipped) and an evenly strided
/// subset of its values, for the percentile and MSE observers.
struct TensorStatistics: Sendable {
    var min: Float = .infinity
    var max: Float = -.infinity
    var values: [Float] = []

    /// Values kept per tensor across all samples.
    static let keptValues = 65_536

    /// Adds one sample's values, keeping every `stride`-th value.
    mutating func add(_ sample: UnsafeBufferPointer<Float>, stride: Int) {
        for (i, value) in sample.enumerated() where !value.isNaN {
            if value < min { min = value }
            if value > max { max = value }
            if stride > 0 && i % stride == 0 { values.append(value) }
        }
    }

    /// Whether any non-NaN value was seen.
    var isEmpty: Bool { min > max }
}
