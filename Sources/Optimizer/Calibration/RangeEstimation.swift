import Foundation

/// Turns calibration statistics into the range an observer picks.
extension Observer {
    /// The [min, max] to quantize for a tensor; `quantize` gives the parameters a range maps to
    /// (int8 or int16), used by the MSE search.
    func range(of statistics: TensorStatistics, quantize: (Float, Float) -> ActivationParameters,
               levels: ClosedRange<Int64>) -> (min: Float, max: Float) {
        switch self {
        case .minMax:
            return (statistics.min, statistics.max)
        case .percentile(let percentile):
            guard !statistics.values.isEmpty else { return (statistics.min, statistics.max) }
            let sorted = statistics.values.sorted()
            func at(_ p: Double) -> Float {
                sorted[Int((p / 100 * Double(sorted.count - 1)).rounded())]
            }
            return (Swift.max(statistics.min, at(100 - percentile)), Swift.min(statistics.max, at(percentile)))
        case .mse:
            guard !statistics.values.isEmpty else { return (statistics.min, statistics.max) }
            var best = (error: Double.infinity, min: statistics.min, max: statistics.max)
            // Shrink the range geometrically from the full min/max down to 1/1000 of it.
            for step in 0...80 {
                let fraction = Float(pow(10, -3 * Double(step) / 80))
                let lower = statistics.min * fraction, upper = statistics.max * fraction
                let parameters = quantize(lower, upper)
                let error = Self.squaredError(statistics.values, parameters, levels)
                if error < best.error { best = (error, lower, upper) }
            }
            return (best.min, best.max)
        }
    }

    /// Sum of squared quantize-dequantize errors of `values`.
    private static func squaredError(_ values: [Float], _ parameters: ActivationParameters, _ levels: ClosedRange<Int64>) -> Double {
        let scale = parameters.scale, zero = Float(parameters.zeroPoint)
        let low = Float(levels.lowerBound), high = Float(levels.upperBound)
        var sum = 0.0
        for value in values {
            let q = Swift.min(Swift.max((value / scale).rounded(.toNearestOrAwayFromZero) + zero, low), high)
            let difference = Double(value - (q - zero) * scale)
            sum += difference * difference
        }
        return sum
    }
}
