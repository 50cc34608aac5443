import LiteModel

/// Full-integer quantization from calibration statistics: int8 (or int16x8) activations, int8
/// per-channel weights, int32 (int64 for int16x8 conv/FC) biases; ops without an integer kernel
/// in LiteRT, or kept float by a rule, stay float between DEQUANTIZE and QUANTIZE ops.
public struct IntegerQuantizationPass: Sendable {
    /// Activation type of the scheme.
    public enum Activations: Sendable { case int8, int16 }

    public var activations: Activations
    /// Model inputs/outputs as int8 (only for int8 activations) or float.
    public var io: Recipe.IOType
    public var observer: Observer
    public var keepFloat: [KeepFloatRule]

    public init(activations: Activations, io: Recipe.IOType = .float, observer: Observer = .minMax, keepFloat: [KeepFloatRule] = []) {
        self.activations = activations
        self.io = activations == .int8 ? io : .float
        self.observer = observer
        self.keepFloat = keepFloat
    }

    /// Calibrates `model` on `data` with Edgewise's float interpreter, then quantizes.
    public func apply(to model: Model, calibration data: CalibrationData, limit: Int? = nil,
                      progress: (Int, Int) -> Void = { _, _ in }) throws(OptimizationError) -> (model: Model, report: OptimizationReport) {
        guard !model.subgraphs.isEmpty else { throw .unsupportedModel("it has no subgraphs") }
        let needsValues = observer != .minMax
        let calibrated = try Calibrator(model: model).run(data, limit: limit, keepValues: needsValues, progress: progress)
        var result = try apply(to: model, statistics: calibrated.statistics)
        result.report.calibrationSamples = calibrated.samples
        return result
    }

    /// Quantizes with given per-tensor statistics (tensor index → statistics).
    func apply(to model: Model, statistics: [Int: TensorStatistics]) throws(OptimizationError) -> (model: Model, report: OptimizationReport) {
        let order: [Int]
        do { order = try model.subgraphs[0].topologicalOrder() } catch { throw .model(error) }
        var planner = QuantizationPlanner(pass: self, model: model, statistics: statistics, order: order)
        planner.decide()
        var rewriter = QuantizedGraphRewriter(plan: planner)
        return rewriter.rewrite()
    }

    /// Storage type of activations.
    var tensorType: TensorType { activations == .int8 ? .int8 : .int16 }
    var scheme: Recipe.Scheme { activations == .int8 ? .int8 : .int16x8 }

    /// Quantization parameters the scheme gives a range.
    func parameters(min: Float, max: Float) -> ActivationParameters {
        activations == .int8 ? .int8(min: min, max: max) : .int16(min: min, max: max)
    }

    /// Integer range of the activation type.
    var levels: ClosedRange<Int64> { activations == .int8 ? -128...127 : -32768...32767 }
}
