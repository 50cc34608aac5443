import Foundation
import LiteModel
import Testing
import TestSupport

/// `ModelSummary` against facts obtained independently of our reader.
///
/// Expected values were read once with LiteRT 2.3 (`ai_edge_litert.interpreter.Interpreter`):
/// `get_input_details()`, `get_output_details()`, `get_signature_list()`, `get_tensor_details()`
/// (shapes, dtypes, scale counts and `quantized_dimension` of every tensor) and `_get_ops_details()`
/// (operator names, input/output tensor indices). Byte counts, parameter counts and MACs below
/// are computed by hand from those shapes, as the comments show.
@Suite struct InspectionTests {
    static let int8URL = Fixtures.shared("mnist5k/mnist_cnn_int8.tflite")

    static func summary(_ url: URL) throws -> ModelSummary {
        let bytes = try Fixtures.bytes(url)
        return ModelSummary(model: try Model(bytes: bytes), fileBytes: bytes.count)
    }

    @Test func int8InputAndOutputCarryScaleAndZeroPoint() throws {
        let summary = try Self.summary(Self.int8URL)
        let input = try #require(summary.inputs.first)
        #expect(summary.inputs.count == 1 && summary.outputs.count == 1)
        #expect(input.name == "serving_default_image:0" && input.index == 0)
        #expect(input.dtype == "int8")
        #expect(input.shape == [1, 28, 28, 1] && input.shapeSignature == [1, 28, 28, 1])
        #expect(input.quantization?.axis == nil)
        #expect(input.quantization?.scales == [Float(0.003921568859368563)])
        #expect(input.quantization?.zeroPoints == [-128])
        let output = try #require(summary.outputs.first)
        #expect(output.index == 22 && output.shape == [1, 10] && output.dtype == "int8")
        #expect(output.quantization?.scales == [0.00390625] && output.quantization?.zeroPoints == [-128])
    }

    @Test func convolutionWeightsArePerChannel() throws {
        let summary = try Self.summary(Self.int8URL)
        // Weight tensor of each CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED → (scale count, axis).
        let expected: [Int: (count: Int, axis: Int)] = [13: (32, 0), 11: (32, 3), 9: (128, 0), 7: (128, 3), 5: (128, 0), 3: (10, 0)]
        var checked = 0
        for op in summary.operators {
            guard op.inputs.count > 1, let weights = op.inputs[1], let want = expected[weights.index] else { continue }
            #expect(weights.isConstant && weights.dtype == "int8")
            #expect(weights.quantization?.count == want.count, "tensor \(weights.index)")
            #expect(weights.quantization?.axis == want.axis, "tensor \(weights.index)")
            checked += 1
        }
        #expect(checked == expected.count)
        let stem = try #require(summary.operators.first?.inputs[1]?.quantization)
        // LiteRT prints the first scales of tensor 13 as 0.0179956, 0.00583864, 0.01376978 (rounded).
        for (scale, printed) in zip(stem.scales, [0.0179956, 0.00583864, 0.01376978]) {
            #expect(abs(Double(scale) - printed) < 1e-6 * printed)
        }
        #expect(stem.scales.count == QuantizationSummary.listed)
    }

    @Test func opHistogramCountsEachOperator() throws {
        let summary = try Self.summary(Self.int8URL)
        let histogram = Dictionary(uniqueKeysWithValues: summary.opHistogram.map { ($0.op, $0.count) })
        #expect(histogram == ["CONV_2D": 3, "DEPTHWISE_CONV_2D": 2, "ADD": 1, "MEAN": 1, "FULLY_CONNECTED": 1, "SOFTMAX": 1])
        #expect(summary.opHistogram.first?.op == "CONV_2D", "most frequent first")
        #expect(summary.operators.map(\.op) == ["CONV_2D", "DEPTHWISE_CONV_2D", "CONV_2D", "DEPTHWISE_CONV_2D", "CONV_2D",
                                                "ADD", "MEAN", "FULLY_CONNECTED", "SOFTMAX"])
    }

    @Test func multiplyAccumulatesFollowFromShapes() throws {
        let ops = try Self.summary(Self.int8URL).operators
        #expect(ops[0].macs == 14 * 14 * 32 * (3 * 3 * 1))   // conv: output 1×14×14×32, filter 32×3×3×1
        #expect(ops[1].macs == 7 * 7 * 32 * (3 * 3))         // depthwise: output 1×7×7×32, filter 1×3×3×32
        #expect(ops[4].macs == 7 * 7 * 128 * 128)            // 1×1 conv: output 1×7×7×128, filter 128×1×1×128
        #expect(ops[7].macs == 10 * 128)                     // fully connected: 10×128 weights
        #expect(ops[5].macs == 0 && ops[8].macs == 0)        // ADD and SOFTMAX multiply nothing
        #expect(ops[0].parameters == 32 * 3 * 3 * 1 + 32)    // filter + bias elements
        #expect(ops[0].weightBytes == ["int8": 288, "int32": 128])
    }

    @Test func sizeSplitsWeightsFromGraphOverhead() throws {
        let summary = try Self.summary(Self.int8URL)
        let fileBytes = try #require(try FileManager.default.attributesOfItem(atPath: Self.int8URL.path)[.size] as? Int)
        // int8 filters: 32·9 + 9·32 + 128·32 + 9·128 + 128·128 + 10·128; int32: 2 MEAN axes + biases 32+32+128+128+128+10.
        let int8 = 288 + 288 + 4096 + 1152 + 16384 + 1280
        let int32 = 4 * (2 + 32 + 32 + 128 + 128 + 128 + 10)
        #expect(summary.size.weightBytesByDtype == ["int8": int8, "int32": int32])
        #expect(summary.size.weightBytes == int8 + int32)
        #expect(summary.size.fileBytes == fileBytes)
        #expect(summary.size.graphOverheadBytes == fileBytes - int8 - int32)
        #expect(summary.size.parameters == int8 + int32 / 4)  // one byte per int8 element, four per int32
    }

    @Test func signaturesMetadataAndDescriptionAreListed() throws {
        let summary = try Self.summary(Self.int8URL)
        #expect(summary.signatures.map(\.key) == ["serving_default"])
        #expect(summary.signatures.first?.inputs.map(\.name) == ["image"])
        #expect(summary.signatures.first?.outputs.map(\.name) == ["probs"])
        #expect(summary.signatures.first?.inputs.first?.tensor == 0)
        #expect(summary.subgraphCount == 1)
        #expect(summary.customOps.isEmpty)
        let runtime = summary.metadata.first { $0.name == "min_runtime_version" }
        #expect(runtime?.value?.hasPrefix("1.") == true, "a version string like 1.14.0")
        #expect(summary.metadata.filter { $0.name != "min_runtime_version" }.allSatisfy { $0.value == nil })
    }

    @Test func dynamicBatchShowsInShapeSignature() throws {
        // LiteRT: shape [1 8 8 1], shape_signature [-1 8 8 1]; output [1 10] / [-1 10].
        let summary = try Self.summary(Fixtures.shared("digits/digits_qat_int8.tflite"))
        #expect(summary.inputs.first?.shape == [1, 8, 8, 1])
        #expect(summary.inputs.first?.shapeSignature == [-1, 8, 8, 1])
        #expect(summary.outputs.first?.shapeSignature == [-1, 10])
        #expect(summary.renderText(title: "t").contains("-1×8×8×1"))
    }

    @Test func customOperatorsAreNamed() throws {
        let summary = try Self.summary(Fixtures.models.appendingPathComponent("custom_op.tflite"))
        #expect(summary.customOps == ["EdgewiseTestOp"])
    }

    @Test func jsonUsesSnakeCaseKeysAndDecodesToTheSameSummary() throws {
        let summary = try Self.summary(Self.int8URL)
        let data = try summary.jsonData()
        #expect(try JSONDecoder().decode(ModelSummary.self, from: data) == summary)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["file_bytes", "schema_version", "description", "subgraph_count", "inputs", "outputs",
                                     "signatures", "op_histogram", "operators", "size", "custom_ops", "metadata"])
        let size = try #require(object["size"] as? [String: Any])
        #expect(Set(size.keys) == ["file_bytes", "weight_bytes", "weight_bytes_by_dtype", "graph_overhead_bytes", "parameters", "macs"])
        let input = try #require((object["inputs"] as? [[String: Any]])?.first)
        #expect(Set(input.keys) == ["index", "name", "dtype", "shape", "shape_signature", "is_constant", "quantization"])
        let quantization = try #require(input["quantization"] as? [String: Any])
        #expect(quantization["axis"] is NSNull, "per-tensor quantization has a null axis")
        #expect(Set(quantization.keys) == ["axis", "count", "scales", "zero_points", "scale_min", "scale_max"])
    }

    @Test func textFitsInOneHundredColumnsAndShowsPerAxisScales() throws {
        let text = try Self.summary(Self.int8URL).renderText(title: "mnist_cnn_int8.tflite")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= ModelSummary.textWidth })
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
        #expect(text.contains("scale 0.003921569 zp -128"))
        #expect(text.contains("#13 int8 32×3×3×1 per-axis(0) ×32 scales"))
        #expect(text.contains("#11 int8 1×3×3×32 per-axis(3) ×32 scales"))
    }

    @Test func absurdShapesDoNotTrap() {
        // A convolution whose shapes multiply past Int.max must be summarized, with no MAC count.
        var model = Model()
        model.operatorCodes = [OperatorCode(.conv2D)]
        model.buffers = [Buffer(), Buffer()]
        model.buffers[1].data = [1, 2, 3, 4]
        var graph = SubGraph()
        let huge: [Int32] = [Int32.max, Int32.max, Int32.max, 1]
        for (index, buffer) in [0, 1, 0].enumerated() {
            var tensor = Tensor()
            tensor.shape = huge
            tensor.buffer = UInt32(buffer)
            tensor.name = "t\(index)"
            graph.tensors.append(tensor)
        }
        var op = Operator()
        op.inputs = [0, 1]
        op.outputs = [2]
        graph.operators = [op]
        graph.inputs = [0]
        graph.outputs = [2]
        model.subgraphs = [graph]
        let summary = ModelSummary(model: model, fileBytes: 100)
        #expect(summary.operators.first?.macs == 0)
        #expect(summary.operators.first?.weightBytes == ["float32": 4])
        #expect(summary.size.weightBytes == 4)
    }
}
