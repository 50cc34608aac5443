@testable import Evaluation
import Foundation
import LiteModel
import Testing

@Suite struct LayerErrorTests {
    static let float32 = "mnist_cnn_float32.tflite"

    static func request(_ model: Model, reference: Model, limit: Int = 10) -> EvaluationRequest {
        EvaluationRequest(model: model, modelName: "model", reference: reference, referenceName: "float32",
                          dataPath: EvalFixtures.testNPZ, limit: limit)
    }

    @Test func modelAgainstItselfMatchesEveryOpByNameWithNoError() throws {
        let model = try EvalFixtures.model(Self.float32)
        let layers = try LayerErrorAnalysis.run(Self.request(model, reference: model))
        #expect(layers.count == model.subgraphs[0].operators.count)
        #expect(layers.allSatisfy { $0.match == .name && $0.operatorIndex == $0.referenceOperatorIndex })
        #expect(layers.allSatisfy { $0.fidelity.sqnrDB == .infinity && $0.fidelity.samples == 10 })
    }

    @Test func shiftedLogitsHurtOnlyTheFullyConnectedLayer() throws {
        // Add 0.25 to every bias of the final FULLY_CONNECTED: its outputs move by exactly 0.25
        // (up to float rounding); earlier ops are untouched; softmax ignores a common shift.
        let reference = try EvalFixtures.model(Self.float32)
        var model = reference
        let graph = model.subgraphs[0]
        let fc = try #require(graph.operators.firstIndex { model.operatorCode(of: $0)?.builtin == .fullyConnected })
        let biasTensor = Int(graph.operators[fc].inputs[2])
        let bias = model.constantData(of: graph.tensors[biasTensor])!.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        var buffer = Buffer()
        buffer.data = bias.map { $0 + 0.25 }.withUnsafeBytes { Array($0) }
        model.buffers.append(buffer)
        model.subgraphs[0].tensors[biasTensor].buffer = UInt32(model.buffers.count - 1)

        let layers = try LayerErrorAnalysis.run(Self.request(model, reference: reference))
        let worst = try #require(layers.first)
        #expect(worst.operatorIndex == fc)
        #expect(abs(worst.fidelity.maxAbsoluteError - 0.25) < 1e-4)
        let softmax = try #require(layers.first { $0.opName == "SOFTMAX" })
        #expect(softmax.fidelity.sqnrDB > 100)
        #expect(layers.filter { $0.operatorIndex < fc }.allSatisfy { $0.fidelity.sqnrDB == .infinity })
    }

    @Test func quantizedOpsPairWithTheirFloatSources() throws {
        // int16x8 renames the softmax output (…:0_int16) and adds QUANTIZE / DEQUANTIZE at the ends.
        let quantized = try EvalFixtures.model("mnist_cnn_int16x8.tflite")
        let reference = try EvalFixtures.model(Self.float32)
        let pairs = matchLayers(quantized, reference)
        func name(_ model: Model, _ op: Int) -> String? { model.operatorCode(of: model.subgraphs[0].operators[op])?.displayName }
        let compute = pairs.filter { $0.opName != "DEQUANTIZE" }
        #expect(compute.count == reference.subgraphs[0].operators.count)
        #expect(compute.allSatisfy { name(reference, $0.referenceOperatorIndex) == $0.opName })
        let softmax = try #require(compute.first { $0.opName == "SOFTMAX" })
        #expect(softmax.match == .position)
        // The final DEQUANTIZE writes StatefulPartitionedCall:0, the float model's softmax output.
        let output = try #require(pairs.first { $0.opName == "DEQUANTIZE" })
        #expect(output.match == .name && name(reference, output.referenceOperatorIndex) == "SOFTMAX")
        #expect(!pairs.contains { $0.opName == "QUANTIZE" })
    }

    @Test func sensitiveModelsDepthwiseLayerIsWorseInInt8ThanInInt16() throws {
        // Model B's conv1 has one channel ×160: per-tensor int8 leaves the other channels ~1 step,
        // which the depthwise conv (that channel ÷160) exposes; int16 keeps ~50–200 steps (README).
        // LiteRT's reference kernels on these 20 images: depthwise output SQNR 4.8 dB (int8), 41.9 dB (int16x8).
        let reference = try EvalFixtures.model("mnist_sensitive_float32.tflite")
        func depthwiseSQNR(_ file: String) throws -> Double {
            let layers = try LayerErrorAnalysis.run(Self.request(EvalFixtures.model(file), reference: reference, limit: 20))
            return try #require(layers.first { $0.opName == "DEPTHWISE_CONV_2D" }).fidelity.sqnrDB
        }
        #expect(try depthwiseSQNR("mnist_sensitive_int8_floatio.tflite") + 10 < (try depthwiseSQNR("mnist_sensitive_int16x8.tflite")))
    }
}
