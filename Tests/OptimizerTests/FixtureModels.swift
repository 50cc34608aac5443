import Evaluation
import Foundation
import LiteModel
import Optimizer
import TestSupport

/// Fixture models, calibration data and lookups shared by the optimizer tests.
enum FixtureModels {
    static func model(_ path: String) throws -> Model {
        try Model(bytes: Fixtures.bytes(Fixtures.shared(path)))
    }

    static func calibration(_ path: String) throws -> CalibrationData {
        try CalibrationData(arrays: [NDArray(npyFile: Fixtures.shared(path).path)])
    }

    /// Our int8 (float I/O) and int16x8 results on mnist_cnn with calib.npy, computed once.
    static let mnistInt8: Result<Model, any Error> = Result {
        try Optimizer.optimize(model("mnist5k/mnist_cnn_float32.tflite"), recipe: Recipe(scheme: .int8, io: .float),
                               calibration: calibration("mnist5k/calib.npy")).model
    }
    static let mnistInt16x8: Result<Model, any Error> = Result {
        try Optimizer.optimize(model("mnist5k/mnist_cnn_float32.tflite"), recipe: Recipe(scheme: .int16x8),
                               calibration: calibration("mnist5k/calib.npy")).model
    }
}

extension Model {
    /// The first tensor of the primary subgraph called `name` with type `type`.
    func tensor(named name: String?, type: TensorType) -> Tensor? {
        subgraphs[0].tensors.first { $0.name == name && $0.type == type }
    }

    /// Builtin op names of the primary subgraph, in order.
    var opNames: [String] {
        subgraphs[0].operators.map { operatorCode(of: $0)?.displayName ?? "?" }
    }

    /// Version per builtin op name.
    var opVersions: [String: Int32] {
        Dictionary(operatorCodes.map { ($0.displayName, $0.version) }, uniquingKeysWith: max)
    }

    /// Tensors of the primary subgraph that carry quantization scales.
    var quantizedTensors: [Tensor] {
        subgraphs[0].tensors.filter { !($0.quantization?.scale.isEmpty ?? true) }
    }
}

/// Distance in units of the last place between two positive floats.
func ulps(_ a: Float, _ b: Float) -> Int {
    abs(Int(a.bitPattern) - Int(b.bitPattern))
}
