import Evaluation
import CImageCodecs
import Foundation
import LiteModel
import Runtime
import Testing
import TestSupport

@Suite struct DatasetArrayTests {
    @Test func npzWithXAndYFeedsTheFloatModelUnchanged() throws {
        let data = try DatasetLoader.open(EvalFixtures.testNPZ, inputs: EvalFixtures.inputs("mnist_cnn_float32.tflite"))
        #expect(data.count == 1000)
        #expect(data.hasLabels)
        let archive = try NPZArchive(path: EvalFixtures.testNPZ)
        let batch = try data.read(3..<5)
        #expect(batch.labels == (try archive.array(named: "y", rows: 3..<5).ints()))
        #expect(batch.inputs.count == 2 && batch.inputs[0].count == 1)
        #expect(batch.inputs[1][0] == (try archive.array(named: "x", rows: 4..<5)).data)
    }

    @Test func floatDataIsQuantizedForAnInt8InputAsPixelMinus128() throws {
        // mnist_cnn_int8 takes int8 with scale 1/255 and zero point -128 (fixtures README): q = pixel - 128.
        let data = try DatasetLoader.open(EvalFixtures.testNPZ, inputs: EvalFixtures.inputs("mnist_cnn_int8.tflite"))
        let (pixels, _) = try EvalFixtures.testImages(count: 2)
        let batch = try data.read(0..<2)
        for sample in 0..<2 {
            #expect(batch.inputs[sample][0].map { Int(Int8(bitPattern: $0)) } == pixels[sample].map { Int($0) - 128 })
        }
    }

    @Test func quantizationRoundsHalvesAwayFromZeroAndClamps() throws {
        // The int8 MNIST model with its input's parameters changed to scale 0.5, zero point -3.
        var model = try EvalFixtures.model("mnist_cnn_int8.tflite")
        let input = Int(model.subgraphs[0].inputs[0])
        model.subgraphs[0].tensors[input].quantization?.scale = [0.5]
        model.subgraphs[0].tensors[input].quantization?.zeroPoint = [-3]
        // 1.25 → round(2.5) = 3 → 0; -1.25 → -3 - 3 = -6; -0.75 → round(-1.5) = -2 → -5;
        // 100 → 197 → clamped to 127; -100 → -203 → -128; the rest 0 → -3.
        var values = [Float](repeating: 0, count: 784)
        values.replaceSubrange(0..<5, with: [1.25, -1.25, -0.75, 100, -100])
        let path = try EvalFixtures.folder("quantize") + "/values.npy"
        try NDArray(floats: values, shape: [1, 28, 28, 1]).writeNPY(to: path)
        let batch = try DatasetLoader.open(path, inputs: Interpreter(model: model).inputs).read(0..<1)
        let quantized = batch.inputs[0][0].map { Int8(bitPattern: $0) }
        #expect(Array(quantized.prefix(5)) == [0, -6, -5, 127, -128])
        #expect(quantized.dropFirst(5).allSatisfy { $0 == -3 })
    }

    @Test func wrongShapeNamesTheInputAndBothShapes() throws {
        let path = try EvalFixtures.folder("shape") + "/x.npy"
        try NDArray(floats: [Float](repeating: 0, count: 2 * 28 * 28), shape: [2, 28, 28]).writeNPY(to: path)
        let error = #expect(throws: DatasetError.self) {
            try DatasetLoader.open(path, inputs: EvalFixtures.inputs("mnist_cnn_float32.tflite"))
        }
        #expect(error?.kind == .shapeMismatch)
        #expect(error?.message.contains("serving_default_image:0") == true)
        #expect(error?.message.contains("[N, 28, 28, 1]") == true)
        #expect(error?.message.contains("[2, 28, 28]") == true)
    }

    @Test func integerDataForAFloatInputIsATypeError() throws {
        let path = try EvalFixtures.folder("dtype") + "/x.npy"
        try NDArray(uint8s: [UInt8](repeating: 0, count: 784), shape: [1, 28, 28, 1]).writeNPY(to: path)
        let error = #expect(throws: DatasetError.self) {
            try DatasetLoader.open(path, inputs: EvalFixtures.inputs("mnist_cnn_float32.tflite"))
        }
        #expect(error?.kind == .typeMismatch)
        #expect(error?.message.contains("got uint8") == true)
    }

    @Test func nanIsFoundAndItsSampleNamed() throws {
        let path = try EvalFixtures.folder("nan") + "/x.npy"
        var values = [Float](repeating: 0.5, count: 3 * 784)
        values[2 * 784 + 17] = .nan
        try NDArray(floats: values, shape: [3, 28, 28, 1]).writeNPY(to: path)
        let data = try DatasetLoader.open(path, inputs: EvalFixtures.inputs("mnist_cnn_float32.tflite"))
        _ = try data.read(0..<2)
        let error = #expect(throws: DatasetError.self) { try data.read(0..<3) }
        #expect(error?.kind == .notFinite)
        #expect(error?.message.contains("NaN found in sample 2") == true)
    }

    @Test func labelsOfAnotherLengthAreRejected() throws {
        let path = try EvalFixtures.folder("labels") + "/d.npz"
        let arrays: NamedArrays = ["x": try NDArray(floats: [Float](repeating: 0, count: 2 * 784), shape: [2, 28, 28, 1]),
                                   "y": try NDArray(int64s: [1, 2, 3], shape: [3])]
        try arrays.writeNPZ(to: path)
        let error = #expect(throws: DatasetError.self) {
            try DatasetLoader.open(path, inputs: EvalFixtures.inputs("mnist_cnn_float32.tflite"))
        }
        #expect(error?.kind == .shapeMismatch)
    }

    @Test func batchesCoverEachSampleOnceUpToTheLimit() throws {
        let data = try DatasetLoader.open(EvalFixtures.testNPZ, inputs: EvalFixtures.inputs("mnist_cnn_float32.tflite"))
        var batches = data.batches(size: 64, limit: 150)
        var starts: [Int] = [], sizes: [Int] = []
        while let batch = try batches.next() {
            starts.append(batch.start)
            sizes.append(batch.inputs.count)
        }
        #expect(starts == [0, 64, 128])
        #expect(sizes == [64, 64, 22])
    }
}

/// Shared helpers for the dataset, metric, layer-error and comparison tests.
enum EvalFixtures {
    static let mnist = Fixtures.shared("mnist5k")
    static func model(_ name: String) throws -> Model { try Model(bytes: Fixtures.bytes(mnist.appendingPathComponent(name))) }
    static var testNPZ: String { mnist.appendingPathComponent("test.npz").path }

    /// The inputs of `name` as the interpreter prepares them.
    static func inputs(_ name: String) throws -> [TensorInfo] { try Interpreter(model: model(name)).inputs }

    /// A fresh empty folder.
    static func folder(_ name: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("edgewise-eval-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// Writes 8-bit gray or RGB pixels as a PNG with libpng's own encoder.
    static func writePNG(_ pixels: [UInt8], width: Int, height: Int, channels: Int, to path: String) -> Bool {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = channels == 1 ? 0 : 2  // PNG_FORMAT_GRAY, PNG_FORMAT_RGB (= PNG_FORMAT_FLAG_COLOR)
        return pixels.withUnsafeBytes { png_image_write_to_file(&image, path, 0, $0.baseAddress, 0, nil) } != 0
    }

    /// The fixtures' test images as 0…255 pixels (x is pixels/255 exactly) and their labels.
    static func testImages(count: Int) throws -> (pixels: [[UInt8]], labels: [Int]) {
        let archive = try NPZArchive(path: testNPZ)
        let x = try archive.array(named: "x", rows: 0..<count).floats()
        let y = try archive.array(named: "y", rows: 0..<count).ints()
        let pixels = (0..<count).map { i in x[i * 784..<(i + 1) * 784].map { UInt8(($0 * 255).rounded()) } }
        return (pixels, y)
    }
}
