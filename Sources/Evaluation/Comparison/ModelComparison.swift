import LiteModel
import Runtime

/// One model's row of a comparison: sizes, latency measured here, and quality on the data.
public struct ModelMeasurement: Equatable, Sendable {
    public let name: String
    public let fileBytes: Int
    /// `gzipSize(of:)` at level 9.
    public let gzipBytes: Int
    public let latency: LatencyStats
    /// Top-1 accuracy against the labels, when the data has them.
    public let top1: ProportionEstimate?
    /// Top-1 agreement with the first model (nil for the first model itself).
    public let agreement: ProportionEstimate?
    /// SQNR (dB) of the first output against the first model's (nil for the first model).
    public let sqnrDB: Double?
}

/// A model to compare: its name, file bytes and decoded value.
public struct ComparedModel: Sendable {
    public let name: String
    public let bytes: [UInt8]
    public let model: Model

    public init(name: String, bytes: [UInt8], model: Model) {
        self.name = name
        self.bytes = bytes
        self.model = model
    }
}

/// Measures several variants of one model the same way, the first being the baseline.
public enum ModelComparison {
    /// Sizes, latency (10 warm-up + `runs` timed invokes) and quality on `dataPath` of every model;
    /// the others' fidelity is measured against the first.
    public static func measure(_ models: [ComparedModel], dataPath: String, preprocessing: Preprocessing = Preprocessing(),
                               limit: Int? = nil, threads: Int = 1, runs: Int = 50) throws(EvaluationError) -> [ModelMeasurement] {
        guard let baseline = models.first else { return [] }
        return try models.enumerated().map { (position, entry) throws(EvaluationError) in
            let latency: LatencyStats
            do throws(RuntimeError) {
                let interpreter = try Interpreter(model: entry.model, options: .init(threads: threads))
                latency = try LatencyBenchmark.measure(interpreter, warmup: 10, runs: runs)
            } catch {
                throw .model(entry.name, error)
            }
            let request = EvaluationRequest(
                model: entry.model, modelName: entry.name, reference: position == 0 ? nil : baseline.model,
                referenceName: baseline.name, dataPath: dataPath, preprocessing: preprocessing, limit: limit,
                threads: threads, updateEvery: 100)
            let result = try Evaluator.run(request)
            return ModelMeasurement(
                name: entry.name, fileBytes: entry.bytes.count, gzipBytes: gzipSize(of: entry.bytes), latency: latency,
                top1: result.classification?.top1, agreement: result.agreement, sqnrDB: result.fidelity.first?.sqnrDB)
        }
    }
}
