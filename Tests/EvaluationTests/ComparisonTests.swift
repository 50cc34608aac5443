import Evaluation
import Foundation
import Testing
import TestSupport

@Suite struct ComparisonTests {
    @Test func float16VariantAgainstFloat32() throws {
        let files = ["mnist_cnn_float32.tflite", "mnist_cnn_float16.tflite"]
        let models = try files.map { file in
            let bytes = try Fixtures.bytes(EvalFixtures.mnist.appendingPathComponent(file))
            return ComparedModel(name: file, bytes: bytes, model: try EvalFixtures.model(file))
        }
        let rows = try ModelComparison.measure(models, dataPath: EvalFixtures.testNPZ, limit: 100, runs: 5)
        // File sizes from the fixtures' README; gzip sizes are zlib's (see gzipSize).
        #expect(rows.map(\.fileBytes) == [99_980, 54_020])
        #expect(rows.map(\.gzipBytes) == models.map { gzipSize(of: $0.bytes) })
        #expect(rows[0].agreement == nil && rows[0].sqnrDB == nil)
        #expect(rows[1].agreement == ProportionEstimate(successes: 100, total: 100))
        #expect((rows[1].sqnrDB ?? 0) > 40)
        #expect(rows.allSatisfy { $0.top1?.total == 100 && $0.latency.runs == 5 && $0.latency.medianMs > 0 })
    }
}
