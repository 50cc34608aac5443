import LiteModel

/// Applies a recipe to a model: the entry point the CLI and the app call.
public enum Optimizer {
    /// The optimized model and the report of what changed. `calibration` is required for int8 and
    /// int16x8; `progress(done, total)` is called after each calibration sample.
    public static func optimize(_ model: Model, recipe: Recipe, calibration: CalibrationData? = nil,
                                progress: (Int, Int) -> Void = { _, _ in }) throws(OptimizationError) -> (model: Model, report: OptimizationReport) {
        let result = try optimizeWithCompression(model, recipe: recipe, calibration: calibration, progress: progress)
        return (result.model, result.report)
    }

    /// `optimize`, also returning what pruning and clustering did: the chain is prune → cluster →
    /// quantize → (optionally) sparse encoding.
    public static func optimizeWithCompression(_ model: Model, recipe: Recipe, calibration: CalibrationData? = nil,
                                               progress: (Int, Int) -> Void = { _, _ in }) throws(OptimizationError)
        -> (model: Model, report: OptimizationReport, compression: CompressionReport) {
        for rule in recipe.keepFloat { try rule.check() }
        if let limit = recipe.calibrationLimit, limit < 1 { throw .badRecipe("calibrationLimit must be at least 1") }
        guard !model.subgraphs.isEmpty else { throw .unsupportedModel("it has no subgraphs") }
        let (compressed, compression) = try WeightCompression.apply(to: model, pruning: recipe.pruning, clustering: recipe.clustering,
                                                                    int8Weights: recipe.scheme.quantizesWeightsToInt8)
        var result = try quantize(compressed, recipe: recipe, calibration: calibration, progress: progress)
        if recipe.sparseEncoding { result.model = try SparseEncoding.apply(to: result.model).model }
        do { try result.model.validate() } catch { throw .model(error) }
        return (result.model, result.report, compression)
    }

    private static func quantize(_ model: Model, recipe: Recipe, calibration: CalibrationData?,
                                 progress: (Int, Int) -> Void) throws(OptimizationError) -> (model: Model, report: OptimizationReport) {
        let result: (model: Model, report: OptimizationReport)
        switch recipe.scheme {
        case .none:
            result = (model, OptimizationReport(scheme: .none))
        case .float16:
            result = try Float16Pass(keepFloat: recipe.keepFloat).apply(to: model)
        case .dynamic:
            result = try DynamicRangePass(keepFloat: recipe.keepFloat).apply(to: model)
        case .int8, .int16x8:
            guard let calibration else { throw .missingCalibration(scheme: recipe.scheme.rawValue) }
            let pass = IntegerQuantizationPass(activations: recipe.scheme == .int8 ? .int8 : .int16, io: recipe.io,
                                               observer: recipe.observer, keepFloat: recipe.keepFloat)
            result = try pass.apply(to: model, calibration: calibration, limit: recipe.calibrationLimit, progress: progress)
        }
        return result
    }
}
