import Foundation
import LiteModel
import Testing
import TestSupport

/// Runs the built `edgewise` binary and checks exit statuses, messages and output formats.
@Suite struct CLITests {
    static let int8Model = Fixtures.shared("mnist5k/mnist_cnn_int8.tflite")

    @Test func inspectPrintsInt8InputQuantizationAndPerChannelWeights() throws {
        let result = try Edgewise.run("inspect", Self.int8Model.path)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        // Input scale 1/255 and zero point -128, as LiteRT's get_input_details() reports them.
        #expect(result.stdout.contains("serving_default_image:0"))
        #expect(result.stdout.contains("int8  1×28×28×1  scale 0.003921569 zp -128"))
        // The stem convolution's filter (tensor 13, 32×3×3×1) has one scale per output channel.
        #expect(result.stdout.contains("#13 int8 32×3×3×1 per-axis(0) ×32 scales"))
        let widest = result.stdout.split(separator: "\n").map(\.count).max() ?? 0
        #expect(widest <= 100)
    }

    @Test func inspectJSONParsesWithDocumentedKeys() throws {
        let result = try Edgewise.run("inspect", "--json", Self.int8Model.path)
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let keys = Set(object?.keys.map { $0 } ?? [])
        #expect(keys.isSuperset(of: ["file_bytes", "inputs", "outputs", "signatures", "op_histogram",
                                     "operators", "size", "custom_ops", "metadata", "subgraph_count"]))
        let input = (object?["inputs"] as? [[String: Any]])?.first
        #expect(input?["dtype"] as? String == "int8")
        #expect((input?["quantization"] as? [String: Any])?["zero_points"] as? [Int] == [-128])
    }

    @Test func benchPerOpTimesEveryExecutedOperatorOfTheModel() throws {
        // mnist_cnn_int8 runs 9 operators (the converter's graph, as `inspect` lists it):
        // CONV, DW, CONV, DW, CONV, ADD, MEAN, FC, SOFTMAX; none folds at prepare.
        let result = try Edgewise.run("bench", Self.int8Model.path, "--runs", "3", "--per-op", "--json", "--no-litert")
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let operators = object?["per_op"] as? [[String: Any]] ?? []
        #expect(operators.map { $0["name"] as? String ?? "" } == ["CONV_2D", "DEPTHWISE_CONV_2D", "CONV_2D", "DEPTHWISE_CONV_2D",
                                                                   "CONV_2D", "ADD", "MEAN", "FULLY_CONNECTED", "SOFTMAX"])
        #expect(operators.map { $0["index"] as? Int ?? -1 } == Array(0 ..< 9))
        #expect(operators.allSatisfy { ($0["ms"] as? Double ?? -1) >= 0 })
        let text = try Edgewise.run("bench", Self.int8Model.path, "--runs", "3", "--per-op", "--no-litert")
        #expect(text.stdout.contains("Per op type (measured here"))
        #expect(text.stdout.contains("CONV_2D ×3"))
    }

    @Test func missingFileIsOneLineErrorWithStatusTwo() throws {
        let result = try Edgewise.run("inspect", "/nonexistent/model.tflite")
        #expect(result.status == 2)
        #expect(result.stderr == "edgewise: error: /nonexistent/model.tflite: no such file\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func directoryIsRejected() throws {
        let result = try Edgewise.run("inspect", NSTemporaryDirectory())
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("edgewise: error: ") && result.stderr.contains("is a directory"))
    }

    @Test func fileThatIsNotTFLiteNamesTheIdentifier() throws {
        let file = try Scratch.file("not-a-model.tflite", Array("PK\u{3}\u{4} this is a zip file, not a model".utf8))
        let result = try Edgewise.run("inspect", file.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("not a TFLite model"))
        #expect(result.stderr.contains("byte offset 4"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func truncatedModelReportsAByteOffset() throws {
        let bytes = try Fixtures.bytes(Self.int8Model)
        let file = try Scratch.file("truncated.tflite", Array(bytes.prefix(bytes.count / 3)))
        let result = try Edgewise.run("inspect", file.path)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("edgewise: error: \(file.path): "))
        #expect(result.stderr.contains("byte offset"))
        #expect(!result.stderr.contains("Fatal error"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func corruptRootOffsetReportsAByteOffset() throws {
        var bytes = try Fixtures.bytes(Self.int8Model)
        bytes.replaceSubrange(0..<4, with: [0xF0, 0xFF, 0xFF, 0x7F])  // root table offset far past the end
        let file = try Scratch.file("corrupt.tflite", bytes)
        let result = try Edgewise.run("inspect", file.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("corrupt model"))
        #expect(result.stderr.contains("byte offset"))
    }

    @Test func modelThatFailsValidationIsAnError() throws {
        // A well-formed file whose only operator reads tensor 5 of a one-tensor subgraph.
        var model = Model()
        model.version = 3
        model.operatorCodes = [OperatorCode(.relu)]
        model.buffers = [Buffer()]
        var graph = SubGraph()
        graph.tensors = [Tensor()]
        var op = Operator()
        op.inputs = [5]
        op.outputs = [0]
        graph.operators = [op]
        model.subgraphs = [graph]
        let file = try Scratch.file("invalid.tflite", model.encoded())
        let result = try Edgewise.run("inspect", file.path)
        #expect(result.status == 2)
        #expect(result.stderr == "edgewise: error: \(file.path): invalid model: input of operator 0 of subgraph 0 refers to tensor 5, but the subgraph has 1 tensors\n")
    }

    @Test func repackWritesAModelThatInspectsTheSame() throws {
        let output = Scratch.path("repacked.tflite")
        let result = try Edgewise.run("repack", Self.int8Model.path, "-o", output.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("→"))
        let before = try Edgewise.run("inspect", "--json", Self.int8Model.path).stdout
        let after = try Edgewise.run("inspect", "--json", output.path).stdout
        // Everything but the file size is the same after a lossless repack.
        func withoutSizes(_ json: String) throws -> NSDictionary? {
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            return object?.filter { $0.key != "file_bytes" && $0.key != "size" } as NSDictionary?
        }
        #expect(try withoutSizes(before) == withoutSizes(after))
    }

    @Test func repackRefusesToOverwriteWithoutForce() throws {
        let output = try Scratch.file("existing.tflite", [1, 2, 3])
        let refused = try Edgewise.run("repack", Self.int8Model.path, "-o", output.path)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("already exists; use --force"))
        #expect(try Fixtures.bytes(output) == [1, 2, 3])
        let forced = try Edgewise.run("repack", Self.int8Model.path, "-o", output.path, "--force")
        #expect(forced.status == 0)
        #expect(try Fixtures.bytes(output).count > 1000)
    }

    @Test func repackNeverOverwritesItsInputEvenThroughASymlink() throws {
        let input = try Scratch.file("input.tflite", Fixtures.bytes(Self.int8Model))
        let link = Scratch.path("link-to-input.tflite")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: input)
        for target in [input.path, link.path] {
            let result = try Edgewise.run("repack", input.path, "-o", target, "--force")
            #expect(result.status == 2)
            #expect(result.stderr.contains("is the input model"))
        }
        #expect(try Fixtures.bytes(input) == Fixtures.bytes(Self.int8Model))
    }

    @Test func unknownSubcommandIsAUsageError() throws {
        let result = try Edgewise.run("frobnicate")
        #expect(result.status != 0 && result.status != 2)
    }
}
