@testable import Evaluation
import Foundation
import Testing

@Suite struct DatasetImageFolderTests {
    @Test func pngFolderMadeFromTheTestSetGivesTheSameInputsAndAccuracyAsTheNPZ() throws {
        let count = 200
        let (pixels, labels) = try EvalFixtures.testImages(count: count)
        let folder = try EvalFixtures.folder("digits")
        for digit in 0..<10 { try FileManager.default.createDirectory(atPath: "\(folder)/\(digit)", withIntermediateDirectories: true) }
        for (index, (image, label)) in zip(pixels, labels).enumerated() {
            #expect(EvalFixtures.writePNG(image, width: 28, height: 28, channels: 1, to: "\(folder)/\(label)/\(String(format: "%04d", index)).png"))
        }
        let model = try EvalFixtures.model("mnist_cnn_float32.tflite")
        let images = try Evaluator.run(EvaluationRequest(model: model, modelName: "float32", dataPath: folder))
        let arrays = try Evaluator.run(EvaluationRequest(model: model, modelName: "float32", dataPath: EvalFixtures.testNPZ, limit: count))
        #expect(images.processed == count)
        #expect(images.classNames == (0..<10).map(String.init))
        #expect(images.classification?.top1Hits == arrays.classification?.top1Hits)
        #expect(images.classification?.confusion == arrays.classification?.confusion)

        // Same bytes too: pixels/255 as float32 is exactly what the npz holds.
        let fromFolder = try DatasetLoader.open(folder, inputs: EvalFixtures.inputs("mnist_cnn_float32.tflite")).read(0..<1)
        let fromArrays = try DatasetLoader.open(EvalFixtures.testNPZ, inputs: EvalFixtures.inputs("mnist_cnn_float32.tflite"))
        let first = fromFolder.labels![0]
        let index = labels.firstIndex(of: first)!
        #expect(fromFolder.inputs[0][0] == (try fromArrays.read(index..<index + 1)).inputs[0][0])
    }

    @Test func flatFolderIsUnlabelledAndResizedToTheModelInput() throws {
        let folder = try EvalFixtures.folder("flat")
        // 56×56 image of 2×2 blocks of one 28×28 image: halving it bilinearly with half-pixel
        // centres samples exactly between the two pixels of each block, giving the original back.
        let (pixels, _) = try EvalFixtures.testImages(count: 1)
        var big = [UInt8](repeating: 0, count: 56 * 56)
        for row in 0..<56 { for column in 0..<56 { big[row * 56 + column] = pixels[0][(row / 2) * 28 + column / 2] } }
        #expect(EvalFixtures.writePNG(big, width: 56, height: 56, channels: 1, to: folder + "/a.png"))
        let data = try DatasetLoader.open(folder, inputs: EvalFixtures.inputs("mnist_cnn_float32.tflite"))
        #expect(!data.hasLabels && data.count == 1)
        let values = try data.read(0..<1).inputs[0][0].withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        #expect(values == pixels[0].map { Float($0) / 255 })
    }

    @Test func bilinearResizeUsesHalfPixelCentres() {
        // 1×2 [0, 100] to 1×4: output x samples input (x + 0.5)/2 − 0.5 = −0.25, 0.25, 0.75, 1.25,
        // clamped to [0, 1]: 0, 25, 75, 100.
        let image = DecodedImage(width: 2, height: 1, channels: 1, pixels: [0, 100])
        #expect(image.resizedValues(width: 4, height: 1) == [0, 25, 75, 100])
        // 2×2 → 1×1 samples the centre: the mean of the four pixels.
        let square = DecodedImage(width: 2, height: 2, channels: 1, pixels: [0, 10, 20, 50])
        #expect(square.resizedValues(width: 1, height: 1) == [20])
    }

    @Test func rgbPixelsDecodeAndRangeMeanAndStdApplyPerChannel() throws {
        let path = try EvalFixtures.folder("rgb") + "/p.png"
        #expect(EvalFixtures.writePNG([0, 255, 51, 10, 20, 30], width: 2, height: 1, channels: 3, to: path))
        let image = try DecodedImage(contentsOf: path, grayscale: false)
        #expect(image.width == 2 && image.height == 1 && image.pixels == [0, 255, 51, 10, 20, 30])
        let pixels: [Float] = [0, 255, 51]
        #expect(Preprocessing(range: .symmetric).values(of: pixels, sourceChannels: 3, channels: 3) == [-1, 1, 51 / 127.5 - 1])
        let normalised = Preprocessing(range: .bytes, mean: [0, 55, 1], std: [1, 2, 10])
        #expect(normalised.values(of: pixels, sourceChannels: 3, channels: 3) == [0, 100, 5])
        // A gray pixel fills every channel of a 3-channel input.
        #expect(Preprocessing(range: .bytes).values(of: [7], sourceChannels: 1, channels: 3) == [7, 7, 7])
        #expect(throws: DatasetError.self) { try Preprocessing(mean: [1, 2]).validate(channels: 3) }
    }

    @Test func emptyFolderIsAnError() throws {
        let folder = try EvalFixtures.folder("empty")
        let error = #expect(throws: DatasetError.self) {
            try DatasetLoader.open(folder, inputs: EvalFixtures.inputs("mnist_cnn_float32.tflite"))
        }
        #expect(error?.kind == .empty)
        #expect(error?.message.contains(folder) == true)
    }

    @Test func unreadableImageIsNamedWhenItsBatchIsRead() throws {
        let folder = try EvalFixtures.folder("broken")
        #expect(EvalFixtures.writePNG([UInt8](repeating: 9, count: 784), width: 28, height: 28, channels: 1, to: folder + "/a.png"))
        try Data("not really a png".utf8).write(to: URL(fileURLWithPath: folder + "/b.png"))
        var png = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/a.png")))
        png.removeLast(png.count / 2)
        try Data(png).write(to: URL(fileURLWithPath: folder + "/c.png"))
        let data = try DatasetLoader.open(folder, inputs: EvalFixtures.inputs("mnist_cnn_float32.tflite"))
        _ = try data.read(0..<1)
        let notImage = #expect(throws: DatasetError.self) { try data.read(1..<2) }
        #expect(notImage?.message == "\(folder)/b.png: not a PNG or JPEG image")
        let truncated = #expect(throws: DatasetError.self) { try data.read(2..<3) }
        #expect(truncated?.kind == .unreadable)
        #expect(truncated?.message.hasPrefix("\(folder)/c.png: cannot decode image") == true)
    }
}
