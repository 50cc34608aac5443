import ArgumentParser
import Foundation
import LiteModel
import Optimizer

/// `edgewise optimize MODEL --recipe SCHEME … -o OUT`: post-training quantization.
struct Optimize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Quantize a float model: float16, dynamic range, full int8 or int16x8.",
        discussion: """
            int8 and int16x8 calibrate on --calibration samples (a .npy with samples on the first axis, \
            or a .npz with one array per input). --keep-float takes op:INDEX, name:REGEX or type:OP_NAME \
            and may be repeated. Never overwrites MODEL; overwrites OUT only with --force; writes atomically.
            """
    )

    @Argument(help: "The float .tflite model.")
    var model: String

    @Option(help: "Scheme: float16, dynamic, int8 or int16x8.")
    var recipe: Recipe.Scheme?

    @Option(name: .customLong("recipe-file"), help: "Replay a recipe saved with --save-recipe (JSON).")
    var recipeFile: String?

    @Option(help: "Calibration samples (.npy or .npz), required for int8 and int16x8.")
    var calibration: String?

    @Option(help: "Model inputs/outputs for int8: int8 or float (default float).")
    var io: Recipe.IOType?

    @Option(help: "Calibration observer: minmax (default), percentile or mse.")
    var observer: String?

    @Option(help: "Percentile for --observer percentile (default 99.99).")
    var percentile: Double?

    @Option(name: .customLong("keep-float"), help: "Keep matching ops float: op:INDEX, name:REGEX or type:OP_NAME.")
    var keepFloat: [String] = []

    @Option(name: .customLong("calibration-limit"), help: "Use at most this many calibration samples.")
    var calibrationLimit: Int?

    @Option(name: .customLong("save-recipe"), help: "Also write the recipe used as JSON.")
    var saveRecipe: String?

    @Option(name: .shortAndLong, help: "Where to write the optimized model.")
    var output: String

    @Flag(help: "Overwrite OUT (and the --save-recipe file) if they exist.")
    var force = false

    func run() throws {
        let recipe = try resolvedRecipe()
        let destination = try OutputFile(path: output, inputs: [model] + (calibration.map { [$0] } ?? []), force: force)
        let recipeDestination = try saveRecipe.map { path throws(CLIError) in try OutputFile(path: path, inputs: [model, output], force: force) }
        if recipe.needsCalibration && calibration == nil {
            throw CLIError("the \(recipe.scheme.rawValue) recipe needs calibration samples: pass --calibration FILE.npy|FILE.npz")
        }
        let loaded = try LoadedModel(path: model, validate: true)
        let data = try calibration.map { path throws(CLIError) in try loadCalibration(path, for: loaded.model) }
        let progress = ProgressBar(label: "calibrating")
        let result: (model: Model, report: OptimizationReport)
        do throws(OptimizationError) {
            result = try Optimizer.optimize(loaded.model, recipe: recipe, calibration: recipe.needsCalibration ? data : nil,
                                            progress: progress.update)
        } catch {
            throw CLIError("\(model): \(error.description)")
        }
        progress.finish()
        let bytes = try result.model.encoded()
        try destination.write(bytes)
        if let recipeDestination {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try recipeDestination.write(Array((try encoder.encode(recipe)) + Data("\n".utf8)))
        }
        print(OptimizeSummary(input: loaded, outputPath: output, outputBytes: bytes.count, report: result.report).text)
    }

    /// The recipe from --recipe-file, or from --recipe and the other options (options given on
    /// the command line override the file's).
    private func resolvedRecipe() throws(CLIError) -> Recipe {
        var recipe: Recipe
        if let recipeFile {
            do {
                recipe = try JSONDecoder().decode(Recipe.self, from: Data(contentsOf: URL(fileURLWithPath: recipeFile)))
            } catch {
                throw CLIError("\(recipeFile): not a valid recipe (\(error.localizedDescription))")
            }
            if let scheme = self.recipe { recipe.scheme = scheme }
        } else {
            guard let scheme = self.recipe else { throw CLIError("pass --recipe float16|dynamic|int8|int16x8 or --recipe-file R.json") }
            recipe = Recipe(scheme: scheme)
        }
        if let io { recipe.io = io }
        if let observer {
            guard let parsed = Observer(name: observer, percentile: percentile) else {
                throw CLIError("--observer \(observer): expected minmax, percentile (with --percentile in (50, 100]) or mse")
            }
            recipe.observer = parsed
        } else if let percentile {
            guard let parsed = Observer(name: "percentile", percentile: percentile) else { throw CLIError("--percentile must be in (50, 100]") }
            recipe.observer = parsed
        }
        if let calibrationLimit { recipe.calibrationLimit = calibrationLimit }
        do {
            recipe.keepFloat += try keepFloat.map { spec throws(OptimizationError) in try KeepFloatRule(spec: spec) }
        } catch {
            throw CLIError(error.description)
        }
        return recipe
    }

    private func loadCalibration(_ path: String, for model: Model) throws(CLIError) -> CalibrationData {
        guard FileManager.default.fileExists(atPath: path) else { throw CLIError("\(path): no such file") }
        let graph = model.subgraphs[0]
        let signature = model.signatureDefs.first { $0.subgraphIndex == 0 }
        let names = graph.inputs.map { t in
            signature?.inputs.first { $0.tensorIndex == UInt32(t) }?.name ?? graph.tensors[Int(t)].name ?? ""
        }
        do {
            return try CalibrationData(file: path, inputNames: names)
        } catch {
            throw CLIError(error.description)
        }
    }
}

extension Recipe.Scheme: ExpressibleByArgument {}
extension Recipe.IOType: ExpressibleByArgument {}



/// The text `edgewise optimize` prints: size before → after, ops quantized, ops kept float and why.
private struct OptimizeSummary {
    let input: LoadedModel
    let outputPath: String
    let outputBytes: Int
    let report: OptimizationReport

    var text: String {
        let ratio = Double(outputBytes) / Double(max(input.fileBytes, 1))
        var lines = [
            "\(input.path): \(input.fileBytes) bytes → \(outputPath): \(outputBytes) bytes (\(String(format: "%.1f", ratio * 100)) %)",
            "recipe \(report.scheme.rawValue): \(report.quantizedOperators.count) ops quantized, \(report.convertedTensors) constants converted"
                + (report.calibrationSamples > 0 ? ", calibrated on \(report.calibrationSamples) samples" : ""),
        ]
        if report.keptFloat.isEmpty {
            lines.append("no ops kept float")
        } else {
            lines.append("\(report.keptFloat.count) ops kept float:")
            for entry in report.keptFloat {
                lines.append("  op \(entry.operatorIndex) \(entry.opType): \(entry.reason)")
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// Calibration progress on stderr: a redrawn `\r[#####     ] 120/200` line on a terminal, plain
/// lines (every 10 %) otherwise.
private final class ProgressBar {
    private let label: String
    private let interactive = isatty(STDERR_FILENO) != 0
    private var lastDecile = -1
    private var drew = false

    init(label: String) { self.label = label }

    /// Reports `done` of `total`.
    func update(_ done: Int, _ total: Int) {
        guard total > 0 else { return }
        if interactive {
            let width = 30
            let filled = done * width / total
            write("\r\(label) [\(String(repeating: "#", count: filled))\(String(repeating: " ", count: width - filled))] \(done)/\(total)")
            drew = true
        } else {
            let decile = done * 10 / total
            if decile != lastDecile {
                lastDecile = decile
                write("\(label): \(done)/\(total)\n")
            }
        }
    }

    /// Ends the redrawn line.
    func finish() {
        if drew { write("\n") }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
