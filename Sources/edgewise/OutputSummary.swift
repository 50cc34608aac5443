import Foundation
import Evaluation

/// A short text description of one output array: shape, type, range and leading values.
struct OutputSummary {
    let name: String
    let array: NDArray

    var text: String {
        let values = array.doubles()
        var line = "\(name): \(array.dtype.rawValue) \(array.shape)"
        if let low = values.min(), let high = values.max() {
            let mean = values.reduce(0, +) / Double(values.count)
            line += "  min \(format(low))  max \(format(high))  mean \(format(mean))"
            let lead = values.prefix(8).map(format).joined(separator: ", ")
            line += "\n  [\(lead)\(values.count > 8 ? ", …" : "")]"
        }
        return line
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(format: "%.6g", value)
    }
}
