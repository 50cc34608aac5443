import Evaluation

/// Representative input samples for calibration: one array per model input, samples along the
/// first axis (e.g. `calib.npy` of shape [200, 28, 28, 1] for a [1, 28, 28, 1] input).
public struct CalibrationData: Sendable {
    /// One array per model input, in input order.
    public let arrays: [NDArray]
    /// Samples available (the first dimension shared by every array).
    public let sampleCount: Int

    /// Wraps arrays that share their first dimension.
    public init(arrays: [NDArray]) throws(OptimizationError) {
        guard let first = arrays.first else { throw .badCalibration("no arrays") }
        guard first.rank >= 1, first.shape[0] > 0 else { throw .badCalibration("the array has no samples (shape \(first.shape))") }
        guard arrays.allSatisfy({ $0.rank >= 1 && $0.shape[0] == first.shape[0] }) else {
            throw .badCalibration("the arrays disagree on the number of samples: \(arrays.map { $0.shape.first ?? 0 })")
        }
        self.arrays = arrays
        self.sampleCount = first.shape[0]
    }

    /// Reads a `.npy` file (one input) or a `.npz` file whose arrays are named after the model
    /// inputs (`inputNames`) or, failing that, taken in stored order.
    public init(file path: String, inputNames: [String]) throws(OptimizationError) {
        do {
            if path.lowercased().hasSuffix(".npz") {
                let named = try NamedArrays(npzFile: path)
                let byName = inputNames.compactMap { named[$0] }
                let arrays = byName.count == inputNames.count ? byName : Array(named.ordered.map(\.array).prefix(inputNames.count))
                guard arrays.count == inputNames.count else {
                    throw OptimizationError.badCalibration("\(path) holds \(named.names.count) arrays, the model has \(inputNames.count) inputs")
                }
                try self.init(arrays: arrays)
            } else {
                guard inputNames.count == 1 else {
                    throw OptimizationError.badCalibration("the model has \(inputNames.count) inputs: use a .npz file with one array per input")
                }
                try self.init(arrays: [NDArray(npyFile: path)])
            }
        } catch let error as OptimizationError {
            throw error
        } catch {
            throw .badCalibration("\(path): \(error)")
        }
    }

    /// Sample `index` of input `input` as float32 values.
    func sample(_ index: Int, input: Int) -> [Float] {
        arrays[input].subarray(at: index).floats()
    }
}
