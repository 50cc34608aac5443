import Evaluation
import Foundation
import LiteModel
import Testing
import TestSupport

@Suite struct MetricEvaluatorTests {
    /// The fixtures' top-1 accuracies with LiteRT's reference kernels (accuracy_by_runtime.json),
    /// which our interpreter follows.
    static func referenceAccuracy(_ file: String) throws -> Double {
        let data = try Data(contentsOf: EvalFixtures.mnist.appendingPathComponent("accuracy_by_runtime.json"))
        let table = try JSONSerialization.jsonObject(with: data) as! [String: [String: Double]]
        return table[file]!["reference_kernels"]!
    }

    /// Float models run today; the others need the int8, int16x8 and hybrid kernels.
    static let floatModels = ["mnist_cnn_float32.tflite", "mnist_cnn_float16.tflite", "mnist_sensitive_float32.tflite"]
    static let quantizedModels = ["mnist_cnn_int8.tflite", "mnist_cnn_int8_floatio.tflite", "mnist_cnn_int16x8.tflite",
                                  "mnist_cnn_dynamic_int8.tflite", "mnist_sensitive_int8_floatio.tflite", "mnist_sensitive_int16x8.tflite"]

    @Test(arguments: floatModels + quantizedModels)
    func topOneMatchesLiteRTReferenceKernels(_ file: String) throws {
        let result = try Evaluator.run(EvaluationRequest(model: EvalFixtures.model(file), modelName: file, dataPath: EvalFixtures.testNPZ,
                                                         updateEvery: 250))
        #expect(result.processed == 1000)
        #expect(result.classification?.top1Hits == Int((try Self.referenceAccuracy(file) * 1000).rounded()))
    }

    @Test func modelAgainstItselfAgreesExactly() throws {
        let model = try EvalFixtures.model("mnist_cnn_float32.tflite")
        let result = try Evaluator.run(EvaluationRequest(model: model, modelName: "a", reference: model, dataPath: EvalFixtures.testNPZ, limit: 20))
        #expect(result.agreement == ProportionEstimate(successes: 20, total: 20))
        #expect(result.fidelity.map(\.sqnrDB) == [.infinity])
        #expect(result.fidelity.map(\.maxAbsoluteError) == [0])
    }

    @Test func streamDeliversTighteningEstimatesThenTheResult() async throws {
        let request = EvaluationRequest(model: try EvalFixtures.model("mnist_cnn_float32.tflite"), modelName: "float32",
                                        dataPath: EvalFixtures.testNPZ, limit: 300, updateEvery: 100)
        var progress: [EvaluationSnapshot] = []
        var final: EvaluationSnapshot?
        for await event in Evaluator.updates(request) {
            switch event {
            case .progress(let snapshot): progress.append(snapshot)
            case .finished(let snapshot): final = snapshot
            case .failed(let error): Issue.record("failed: \(error)")
            }
        }
        #expect(progress.map(\.processed) == [100, 200, 300])
        let widths = progress.compactMap { $0.classification?.top1.interval() }.map { $0.upper - $0.lower }
        #expect(widths.count == 3 && widths[2] < widths[0])
        #expect(final == progress.last)
        #expect(final == (try Evaluator.run(request)))
    }

    @Test func badDataArrivesAsAFailedEvent() async throws {
        let request = EvaluationRequest(model: try EvalFixtures.model("mnist_cnn_float32.tflite"), modelName: "float32",
                                        dataPath: "/nonexistent/data.npz")
        var events: [EvaluationEvent] = []
        for await event in Evaluator.updates(request) { events.append(event) }
        guard events.count == 1, case .failed(.data(let error)) = events[0] else {
            Issue.record("expected one failure, got \(events)")
            return
        }
        #expect(error.kind == .unreadable)
    }

    @Test func labelBeyondTheModelsClassesIsAnError() throws {
        let path = try EvalFixtures.folder("label") + "/d.npz"
        let arrays: NamedArrays = ["x": try NDArray(floats: [Float](repeating: 0, count: 784), shape: [1, 28, 28, 1]),
                                   "y": try NDArray(int64s: [10], shape: [1])]
        try arrays.writeNPZ(to: path)
        #expect(throws: EvaluationError.self) {
            try Evaluator.run(EvaluationRequest(model: EvalFixtures.model("mnist_cnn_float32.tflite"), modelName: "m", dataPath: path))
        }
    }
}
