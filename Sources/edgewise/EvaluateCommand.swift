import ArgumentParser
import Evaluation
import Foundation
import LiteModel

/// `edgewise evaluate`: accuracy against labels and fidelity against a reference model.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure a model's accuracy on labelled data, or its fidelity to a reference model.",
        discussion: """
        --data is a .npy array, an .npz (x and labels y, or one array per input named after it), a \
        folder of class subfolders of PNG/JPEG images (labels are the sorted subfolders' indices), \
        or a flat folder of images (no labels). Float data feeding int8/uint8/int16 inputs is \
        quantized with the input's scale and zero point. Intervals are 95 % Wilson intervals. \
        --layers (with --reference) adds the per-operator SQNR of the model against the reference, \
        worst first. --json keys: model, data, samples, top1, top5, confusion, class_names, \
        agreement, outputs, layers (SQNR null = identical outputs).
        """)

    @Argument(help: "The .tflite model.")
    var model: String

    @OptionGroup var data: DataOptions

    @Option(help: "A reference model (the float source) to measure fidelity against.")
    var reference: String?

    @Flag(help: "Per-layer error against --reference.")
    var layers = false

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        guard !layers || reference != nil else { throw CLIError("--layers needs --reference FLOAT.tflite") }
        let loaded = try LoadedModel(path: model)
        let referenceModel = try reference.map { path throws(CLIError) in try LoadedModel(path: path).model }
        let request = try data.request(model: loaded.model, name: model, reference: referenceModel, referenceName: reference ?? "")
        let result: EvaluationSnapshot
        let layerErrors: [LayerError]
        do {
            result = try Evaluator.run(request)
            layerErrors = layers ? try LayerErrorAnalysis.run(request) : []
        } catch {
            throw CLIError(error.description)
        }
        if json {
            print(try JSONText.encode(jsonObject(result, layerErrors)))
        } else {
            print(text(result, layerErrors), terminator: "")
        }
    }

    private func text(_ result: EvaluationSnapshot, _ layerErrors: [LayerError]) -> String {
        var out = "\(model) on \(data.data): \(result.processed) samples\n"
        if let tally = result.classification {
            out += "top-1 accuracy  \(Format.percent(tally.top1))\n"
            out += "top-5 accuracy  \(Format.percent(tally.top5))\n"
            out += confusionText(tally, names: result.classNames)
        }
        if let agreement = result.agreement, let reference {
            out += "against \(reference):\n"
            out += "top-1 agreement \(Format.percent(agreement))\n"
            for output in result.fidelity {
                out += "output \(output.name): SQNR \(Format.decibels(output.sqnrDB)) dB, cosine "
                    + String(format: "%.6f", output.cosineSimilarity) + ", max |error| " + String(format: "%.4g", output.maxAbsoluteError) + "\n"
            }
        }
        if !layerErrors.isEmpty {
            out += "per-layer error, worst first:\n"
            out += "   op  type                  SQNR dB    cosine  max |error|  tensor\n"
            for layer in layerErrors {
                out += Format.padded(String(layer.operatorIndex), 5, right: true) + "  " + Format.padded(layer.opName, 20) + " "
                    + Format.padded(Format.decibels(layer.fidelity.sqnrDB), 8, right: true)
                    + String(format: "  %8.5f  %11.4g  ", layer.fidelity.cosineSimilarity, layer.fidelity.maxAbsoluteError)
                out += String(layer.tensorName.prefix(60)) + "\n"
            }
        }
        return out
    }

    private func confusionText(_ tally: ClassificationTally, names: [String]?) -> String {
        let labels = names ?? (0..<tally.classCount).map(String.init)
        guard tally.classCount <= 20 else { return "(confusion matrix: \(tally.classCount) classes, see --json)\n" }
        let width = max(5, (tally.confusion.flatMap { $0 }.map { String($0).count }.max() ?? 1) + 1, (labels.map(\.count).max() ?? 1) + 1)
        func pad(_ text: String) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        var out = "confusion (rows: label, columns: prediction)\n" + pad("") + labels.map(pad).joined() + "\n"
        for (label, row) in tally.confusion.enumerated() { out += pad(labels[label]) + row.map { pad(String($0)) }.joined() + "\n" }
        return out
    }

    private func jsonObject(_ result: EvaluationSnapshot, _ layerErrors: [LayerError]) -> [String: Any] {
        var object: [String: Any] = ["model": model, "data": data.data, "samples": result.processed]
        if let tally = result.classification {
            object["top1"] = JSONText.proportion(tally.top1)
            object["top5"] = JSONText.proportion(tally.top5)
            object["confusion"] = tally.confusion
            object["class_names"] = result.classNames ?? (0..<tally.classCount).map(String.init)
        }
        if let agreement = result.agreement {
            object["reference"] = reference
            object["agreement"] = JSONText.proportion(agreement)
            object["outputs"] = result.fidelity.map(JSONText.fidelity)
        }
        if layers {
            object["layers"] = layerErrors.map { layer -> [String: Any] in
                var entry = JSONText.fidelity(layer.fidelity)
                entry["operator"] = layer.operatorIndex
                entry["op"] = layer.opName
                entry["reference_operator"] = layer.referenceOperatorIndex
                entry["match"] = layer.match.rawValue
                return entry
            }
        }
        return object
    }
}

/// Data and run options shared by `evaluate` and `compare`.
struct DataOptions: ParsableArguments {
    @Option(help: "Test data: .npy, .npz, or a folder of images.")
    var data: String

    @Option(help: "Use only the first N samples.")
    var limit: Int?

    @Option(help: "Threads for the kernels.")
    var threads: Int = 1

    @Option(help: "Image pixel range: 0,1 | -1,1 | 0,255.")
    var range: String = Preprocessing.PixelRange.unit.rawValue

    @Option(help: "Image mean to subtract after --range (one value or one per channel, comma-separated).")
    var mean: String?

    @Option(help: "Image standard deviation to divide by (one value or one per channel).")
    var std: String?

    @Option(help: "Image colour: auto (from the input's channels) | rgb | gray.")
    var color: String = Preprocessing.ColorMode.auto.rawValue

    /// The evaluation request these options describe.
    func request(model: Model, name: String, reference: Model?, referenceName: String) throws(CLIError) -> EvaluationRequest {
        guard let pixelRange = Preprocessing.PixelRange(rawValue: range.replacingOccurrences(of: " ", with: "")) else {
            throw CLIError("--range must be one of \(Preprocessing.PixelRange.allCases.map(\.rawValue).joined(separator: " | ")), got \(range)")
        }
        guard let colorMode = Preprocessing.ColorMode(rawValue: color) else { throw CLIError("--color must be auto, rgb or gray, got \(color)") }
        guard (limit ?? 1) >= 1, threads >= 1 else { throw CLIError("--limit and --threads must be at least 1") }
        let preprocessing = Preprocessing(range: pixelRange, mean: try Self.numbers(mean, "--mean"), std: try Self.numbers(std, "--std"), color: colorMode)
        return EvaluationRequest(model: model, modelName: name, reference: reference, referenceName: referenceName,
                                 dataPath: data, preprocessing: preprocessing, limit: limit, threads: threads)
    }

    private static func numbers(_ text: String?, _ option: String) throws(CLIError) -> [Float] {
        guard let text else { return [] }
        let values = text.split(separator: ",").map { Float($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0?.isFinite == true }) else { throw CLIError("\(option) must be comma-separated numbers, got \(text)") }
        return values.map { $0! }
    }
}

/// Number formatting for the evaluation commands.
enum Format {
    /// `97.90 % [96.80, 98.60]`.
    static func percent(_ estimate: ProportionEstimate) -> String {
        let (low, high) = estimate.interval()
        return String(format: "%6.2f %%  [%.2f, %.2f] (%d/%d)", estimate.value * 100, low * 100, high * 100, estimate.successes, estimate.total)
    }

    /// `text` padded with spaces to `width` (on the left when `right`-aligned).
    static func padded(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }

    /// SQNR with two decimals, or `inf` for identical outputs.
    static func decibels(_ value: Double) -> String { value.isFinite ? String(format: "%.2f", value) : "inf" }
}

/// JSON output helpers for the evaluation commands.
enum JSONText {
    static func encode(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted]), as: UTF8.self)
    }

    static func proportion(_ estimate: ProportionEstimate) -> [String: Any] {
        let (low, high) = estimate.interval()
        return ["value": estimate.value, "low": low, "high": high, "successes": estimate.successes, "total": estimate.total]
    }

    /// SQNR as a number, or null when the outputs are identical.
    static func fidelity(_ tally: FidelityTally) -> [String: Any] {
        ["name": tally.name, "sqnr_db": tally.sqnrDB.isFinite ? tally.sqnrDB as Any : NSNull(),
         "cosine": tally.cosineSimilarity, "max_abs_error": tally.maxAbsoluteError, "samples": tally.samples]
    }
}
