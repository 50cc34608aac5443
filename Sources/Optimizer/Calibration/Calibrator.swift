import LiteModel
import Runtime

/// Runs the float model over calibration samples with Edgewise's interpreter (every tensor kept)
/// and records each float activation's statistics, like TFLite's calibrator (global min/max over
/// all elements of all samples, TFLITE_NOTES.md §5).
struct Calibrator {
    let model: Model

    /// Statistics per tensor index of the primary subgraph. `keepValues` also stores value
    /// subsets for percentile/MSE observers. `progress(done, total)` is called after each sample.
    func run(_ data: CalibrationData, limit: Int?, keepValues: Bool,
             progress: (Int, Int) -> Void) throws(OptimizationError) -> (statistics: [Int: TensorStatistics], samples: Int) {
        let interpreter: Interpreter
        do {
            interpreter = try Interpreter(model: model, options: .init(threads: 1, preserveAllTensors: true))
        } catch {
            throw .unsupportedModel("the float model cannot run for calibration: \(error)")
        }
        guard data.arrays.count == interpreter.inputs.count else {
            throw .badCalibration("\(data.arrays.count) arrays for \(interpreter.inputs.count) model inputs")
        }
        for (position, info) in interpreter.inputs.enumerated() {
            guard info.type == .float32 else { throw .unsupportedModel("input \(position) '\(info.name)' is \(info.type), not float32") }
            let elements = info.shape.reduce(1, *)
            let per = data.arrays[position].count / data.sampleCount
            guard per == elements else {
                throw .badCalibration("array \(position) has samples of \(data.arrays[position].shape.dropFirst().map { $0 }) (\(per) values), input '\(info.name)' needs \(info.shape) (\(elements))")
            }
        }
        let graph = model.subgraphs[0]
        let tracked = graph.tensors.indices.filter { graph.tensors[$0].type == .float32 && model.constantData(of: graph.tensors[$0]) == nil }
        let total = min(limit ?? data.sampleCount, data.sampleCount)
        var statistics: [Int: TensorStatistics] = [:]
        for sample in 0..<total {
            do {
                for position in interpreter.inputs.indices {
                    try interpreter.setInput(position, floats: data.sample(sample, input: position))
                }
                try interpreter.invoke()
            } catch {
                throw .unsupportedModel("calibration sample \(sample) failed: \(error)")
            }
            for t in tracked {
                guard let bytes = interpreter.tensorBytes(t) else { continue }
                let count = bytes.count / 4
                let stride = keepValues ? Swift.max(1, (count * total + TensorStatistics.keptValues - 1) / TensorStatistics.keptValues) : 0
                bytes.withUnsafeBytes { raw in
                    let floats = raw.bindMemory(to: Float.self)
                    statistics[t, default: TensorStatistics()].add(UnsafeBufferPointer(rebasing: floats[0..<count]), stride: stride)
                }
            }
            progress(sample + 1, total)
        }
        return (statistics.filter { !$0.value.isEmpty }, total)
    }
}
