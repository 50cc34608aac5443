import Advisor
import Evaluation
import Foundation
import LiteModel
import Optimizer
import Runtime

/// The real engine: the Optimizer, our interpreter, the Evaluation metrics and the advisor's
/// compatibility check and latency estimate. Each job streams its results as it goes and stops
/// between stages (and inside evaluations) when its task is cancelled.
struct LiteEngine: Engine {
    /// Latency runs after warm-up.
    var latencyRuns = 30
    /// Samples used for the per-layer error.
    var layerSamples = 200

    func open(path: String, isDemo: Bool) -> Result<ModelSession, EngineFailure> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .failure(.init("\(path): no such file")) }
        guard !isDirectory.boolValue else { return .failure(.init("\(path): is a folder, expected a .tflite file")) }
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(.init("\(path): cannot be read")) }
        do {
            let bytes = [UInt8](data)
            let model = try Model(bytes: bytes)
            try model.validate()
            return .success(ModelSession(path: path, model: model, bytes: bytes, isDemo: isDemo))
        } catch {
            return .failure(.init("\(path): \(error)"))
        }
    }

    func measureBaseline(_ context: JobContext, send: @escaping @Sendable (JobEvent) -> Void) async {
        let clock = JobClock()
        do {
            send(.progress(stage: "sizes", fraction: 0.02, elapsed: clock.elapsed))
            try built(context.model, bytes: context.modelBytes, context: context, send: send)
            try await measure(context.model, reference: nil, context: context, clock: clock, from: 0.05, send: send)
            send(.finished)
        } catch {
            send(.failed(Self.describe(error)))
        }
    }

    func run(_ recipe: Recipe, context: JobContext, send: @escaping @Sendable (JobEvent) -> Void) async {
        let clock = JobClock()
        do {
            send(.progress(stage: "optimizing", fraction: 0.01, elapsed: clock.elapsed))
            let calibration = try recipe.needsCalibration ? Self.calibration(context) : nil
            let optimized = try Optimizer.optimize(context.model, recipe: recipe, calibration: calibration) { done, total in
                if done == total || done % 10 == 0 {
                    send(.progress(stage: "calibrating \(done)/\(total)", fraction: 0.3 * Double(done) / Double(max(total, 1)), elapsed: clock.elapsed))
                }
            }.model
            try Task.checkCancellation()
            let bytes = try optimized.encoded()
            try built(optimized, bytes: bytes, context: context, send: send)
            try await measure(optimized, reference: context.model, context: context, clock: clock, from: 0.32, send: send)
            try Task.checkCancellation()
            if let test = context.data.test ?? context.data.calibration {
                send(.progress(stage: "per-layer error", fraction: 0.9, elapsed: clock.elapsed))
                let request = EvaluationRequest(model: optimized, modelName: "optimized", reference: context.model,
                                                referenceName: "float", dataPath: test, limit: layerSamples)
                send(.layers(Self.layerRows(try LayerErrorAnalysis.run(request), reference: context.model)))
            }
            send(.finished)
        } catch is CancellationError {
            return
        } catch {
            send(.failed(Self.describe(error)))
        }
    }

    func commit(_ request: CommitRequest) -> Result<[String], EngineFailure> {
        for path in request.files.all where AtomicFile.isSameFile(path, request.inputModel) {
            return .failure(.init("\(path) is the input model; refusing to overwrite it"))
        }
        do throws(EngineFailure) {
            try AtomicFile.write(request.modelBytes, to: request.files.model, overwrite: request.overwrite)
            try AtomicFile.write(request.recipeJSON, to: request.files.recipe, overwrite: request.overwrite)
            try AtomicFile.write(Array(request.report.utf8), to: request.files.report, overwrite: request.overwrite)
            return .success(request.files.all)
        } catch {
            return .failure(error)
        }
    }

    func completions(for partial: String, extensions: [String]) -> [String] {
        PathCompletion.candidates(for: partial, extensions: extensions)
    }

    func fileExists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// Sends the sizes, the target estimate and the compatibility of a model about to be measured.
    private func built(_ model: Model, bytes: [UInt8], context: JobContext, send: (JobEvent) -> Void) throws {
        let host = try TargetProfile.bundled(.cpu)
        let profile = context.target == .unknown ? host : try TargetProfile.bundled(context.target)
        let report = CompatibilityChecker.report(model: model, profile: profile)
        let estimate = LatencyEstimator.estimate(OpWorkload.of(model), report: report, profile: profile, host: host)
        send(.built(modelBytes: bytes, gzipBytes: gzipSize(of: bytes), estimateMs: estimate.seconds * 1000,
                    compatibility: CompatibilitySummary(report)))
    }

    /// Latency here, then quality on the test data (against `reference` when given), streamed.
    private func measure(_ model: Model, reference: Model?, context: JobContext, clock: JobClock, from start: Double,
                         send: @escaping @Sendable (JobEvent) -> Void) async throws {
        send(.progress(stage: "latency", fraction: start, elapsed: clock.elapsed))
        let interpreter = try Interpreter(model: model)
        let stats = try LatencyBenchmark.measure(interpreter, warmup: 5, runs: latencyRuns)
        send(.latency(stats.medianMs))
        try Task.checkCancellation()
        guard let test = context.data.test ?? (reference == nil ? nil : context.data.calibration) else { return }
        let span = (reference == nil ? 1.0 : 0.9) - start - 0.05
        let request = EvaluationRequest(model: model, modelName: "model", reference: reference, referenceName: "float",
                                        dataPath: test, updateEvery: 50)
        let result = try Evaluator.run(request) { snapshot in
            send(.quality(Quality(snapshot)))
            let done = Double(snapshot.processed) / Double(max(snapshot.total, 1))
            send(.progress(stage: "evaluating \(snapshot.processed)/\(snapshot.total)", fraction: start + 0.05 + span * done,
                           elapsed: clock.elapsed))
        }
        send(.quality(Quality(result)))
    }

    /// The calibration samples, matched to the model's inputs by name.
    private static func calibration(_ context: JobContext) throws -> CalibrationData {
        guard let path = context.data.calibration else {
            throw EngineFailure("this recipe needs calibration samples: choose a calibration file in the wizard (Esc)")
        }
        let graph = context.model.subgraphs[0]
        let signature = context.model.signatureDefs.first { $0.subgraphIndex == 0 }
        let names = graph.inputs.map { tensor in
            signature?.inputs.first { $0.tensorIndex == UInt32(tensor) }?.name ?? graph.tensors[Int(tensor)].name ?? ""
        }
        return try CalibrationData(file: path, inputNames: names)
    }

    /// One row per float-model operator (its worst pairing), named after the float op; the
    /// conversions that quantization added are not layers of the float model and are left out.
    static func layerRows(_ errors: [LayerError], reference: Model) -> [LayerRow] {
        var seen = Set<Int>()
        return errors.compactMap { error in
            guard error.opName != "QUANTIZE", error.opName != "DEQUANTIZE", seen.insert(error.referenceOperatorIndex).inserted else { return nil }
            let graph = reference.subgraphs[0]
            let name = reference.operatorCode(of: graph.operators[error.referenceOperatorIndex])?.displayName ?? error.opName
            return LayerRow(operatorIndex: error.referenceOperatorIndex, opName: name, tensorName: error.tensorName, sqnrDB: error.fidelity.sqnrDB)
        }
    }

    private static func describe(_ error: any Error) -> String {
        (error as? EngineFailure)?.message ?? "\(error)"
    }
}

/// Seconds since a job started.
private struct JobClock {
    private let start = ContinuousClock.now
    var elapsed: Double {
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

extension Quality {
    /// The figures of an evaluation snapshot.
    init(_ snapshot: EvaluationSnapshot) {
        self.init(samples: snapshot.processed, total: snapshot.total, top1: snapshot.classification?.top1,
                  agreement: snapshot.agreement, sqnrDB: snapshot.fidelity.first?.sqnrDB)
    }
}

extension CompatibilitySummary {
    /// The panes' view of an advisor report.
    init(_ report: CompatibilityReport) {
        self.init(
            targetName: report.targetName, accelerated: report.acceleratedCount, total: report.ops.count,
            partitions: report.partitions.map { "\($0.first)–\($0.last) \(Self.word($0.placement))" },
            ops: report.ops.map { Op(index: $0.index, name: $0.op, placement: Self.word($0.placement), detail: $0.detail) },
            findings: report.findings)
    }

    private static func word(_ placement: CompatibilityReport.Placement) -> String {
        switch placement {
        case .accelerated: "target"
        case .fallback: "CPU"
        case .unsupported: "missing"
        }
    }
}
