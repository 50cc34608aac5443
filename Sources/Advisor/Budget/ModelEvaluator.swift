import Evaluation
import Foundation
import LiteModel
import Optimizer

/// The real `CandidateEvaluator`: applies a recipe with the Optimizer, runs the result with our
/// interpreter on test inputs and compares it with the float model (top-1 accuracy when labels
/// are given, SQNR of the first output always), plus size, gzip size and the latency estimate.
public final class ModelEvaluator: CandidateEvaluator {
    let model: Model
    let calibration: CalibrationData?
    let inputs: [NDArray]
    let labels: [Int]?
    let floatOutput: [Float]
    let floatAccuracy: Double?
    let profile: TargetProfile
    let host: TargetProfile

    /// Runs the float model once on `inputs` (one array per model input, samples on axis 0) to get
    /// the reference outputs and, with `labels`, the float accuracy.
    public init(model: Model, calibration: CalibrationData?, inputs: [NDArray], labels: [Int]?,
                profile: TargetProfile, host: TargetProfile) throws {
        self.model = model
        self.calibration = calibration
        self.inputs = inputs
        self.labels = labels
        self.profile = profile
        self.host = host
        let output = try ModelRunner(model: model).run(inputs)[0]
        floatOutput = output.floats()
        floatAccuracy = labels.map { Self.accuracy(output, labels: $0) }
    }

    public func measure(_ recipe: Recipe) async throws -> Measurement {
        let optimized = try Optimizer.optimize(model, recipe: recipe, calibration: recipe.needsCalibration ? calibration : nil).model
        let bytes = try optimized.encoded()
        let output = try ModelRunner(model: optimized).run(inputs)[0]
        let report = CompatibilityChecker.report(model: optimized, profile: profile)
        let estimate = LatencyEstimator.estimate(OpWorkload.of(optimized), report: report, profile: profile, host: host)
        var drop: Double?
        if let labels, let floatAccuracy { drop = (floatAccuracy - Self.accuracy(output, labels: labels)) * 100 }
        return Measurement(sizeBytes: bytes.count, gzipBytes: gzipSize(of: bytes), accuracyDrop: drop,
                           sqnr: Self.sqnr(reference: floatOutput, actual: output.floats()), estimatedSeconds: estimate.seconds)
    }

    /// Fraction of rows whose largest output is the label.
    static func accuracy(_ output: NDArray, labels: [Int]) -> Double {
        let values = output.floats()
        let classes = values.count / max(labels.count, 1)
        guard classes > 0 else { return 0 }
        var correct = 0
        for (row, label) in labels.enumerated() {
            let slice = values[row * classes..<(row + 1) * classes]
            if slice.indices.max(by: { slice[$0] < slice[$1] }).map({ $0 - row * classes }) == label { correct += 1 }
        }
        return Double(correct) / Double(labels.count)
    }

    /// 10·log10(Σ reference² / Σ (reference − actual)²); infinite when they are equal.
    static func sqnr(reference: [Float], actual: [Float]) -> Double {
        var signal = 0.0, noise = 0.0
        for (r, a) in zip(reference, actual) {
            signal += Double(r) * Double(r)
            noise += Double(r - a) * Double(r - a)
        }
        return noise == 0 ? .infinity : 10 * log10(signal / noise)
    }
}
