import ArgumentParser
import Foundation
import LiteModel
import Optimizer

/// `edgewise optimize MODEL [--prune S] [--cluster K] --recipe SCHEME … -o OUT`: pruning,
/// clustering and post-training quantization.
struct Optimize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prune, cluster and quantize a float model (float16, dynamic range, full int8 or int16x8).",
        discussion: """
            int8 and int16x8 calibrate on --calibration samples (a .npy with samples on the first axis, \
            or a .npz with one array per input). --keep-float takes op:INDEX, name:REGEX or type:OP_NAME \
            and may be repeated. --prune and --cluster run first (in that order); without --recipe the \
            weights are not quantized. Pruning and clustering shrink the gzip size, not the file: see the \
            sizes printed, and --sparse-encoding to store pruned weights sparse with DENSIFY. \
            Never overwrites MODEL; overwrites OUT only with --force; writes atomically.
            """
    )

    @Argument(help: "The float .tflite model.")
    var model: String

    @Option(help: "Scheme: float16, dynamic, int8, int16x8 or none.")
    var recipe: Recipe.Scheme?

    @Option(help: "Prune conv / fully connected weights to this sparsity (0…1).")
    var prune: Double?

    @Option(help: "Pruning pattern: unstructured (default) or 2:4.")
    var structure: PruningOptions.Structure?

    @Option(name: .customLong("prune-scope"), help: "Pruning threshold per-layer (default) or global.")
    var pruneScope: PruningOptions.Scope?

    @Option(help: "Cluster each conv / fully connected kernel into this many values (2…256).")
    var cluster: Int?

    @Option(name: .customLong("cluster-init"), help: "Clustering initialisation: kmeans++ (default), linear or density.")
    var clusterInit: ClusteringOptions.Initialization?

    @Flag(name: .customLong("sparse-encoding"), help: "Store weights that get smaller that way in TFLite's sparse format (DENSIFY).")
    var sparseEncoding = false

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
        let result: (model: Model, report: OptimizationReport, compression: CompressionReport)
        let sizes: (input: ModelSizes, output: ModelSizes)
        do throws(OptimizationError) {
            result = try Optimizer.optimizeWithCompression(loaded.model, recipe: recipe, calibration: recipe.needsCalibration ? data : nil,
                                                           progress: progress.update)
            sizes = (try ModelSizes(of: loaded.model), try ModelSizes(of: result.model))
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
        print(CompressionSummary(recipe: recipe, report: result.compression, input: sizes.input, output: sizes.output).text)
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
            guard let scheme = self.recipe ?? (prune != nil || cluster != nil ? Recipe.Scheme.none : nil) else {
                throw CLIError("pass --recipe float16|dynamic|int8|int16x8, --prune, --cluster or --recipe-file R.json")
            }
            recipe = Recipe(scheme: scheme)
        }
        try applyCompressionOptions(to: &recipe)
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

    /// --prune, --structure, --prune-scope, --cluster, --cluster-init and --sparse-encoding,
    /// over the recipe file's values.
    private func applyCompressionOptions(to recipe: inout Recipe) throws(CLIError) {
        if let prune { recipe.pruning = PruningOptions(sparsity: prune) }
        if structure != nil || pruneScope != nil {
            guard recipe.pruning != nil else { throw CLIError("--structure and --prune-scope need --prune SPARSITY") }
            if let structure { recipe.pruning?.structure = structure }
            if let pruneScope { recipe.pruning?.scope = pruneScope }
        }
        if let cluster { recipe.clustering = ClusteringOptions(clusters: cluster) }
        if let clusterInit {
            guard recipe.clustering != nil else { throw CLIError("--cluster-init needs --cluster K") }
            recipe.clustering?.initialization = clusterInit
        }
        if sparseEncoding { recipe.sparseEncoding = true }
        do throws(OptimizationError) {
            try recipe.pruning?.check()
            try recipe.clustering?.check()
        } catch {
            throw CLIError(error.description)
        }
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
extension PruningOptions.Structure: ExpressibleByArgument {}
extension PruningOptions.Scope: ExpressibleByArgument {}
extension ClusteringOptions.Initialization: ExpressibleByArgument {}



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

/// The size lines `edgewise optimize` prints: raw, gzip -9 and sparse-encoded sizes before and
/// after, which size each step reduces, and what pruning / clustering did per layer.
private struct CompressionSummary {
    let recipe: Recipe
    let report: CompressionReport
    let input: ModelSizes
    let output: ModelSizes

    var text: String {
        var lines = [
            "sizes (bytes)        input → output",
            "  file               \(input.raw) → \(output.raw)",
            "  gzip -9            \(input.gzip) → \(output.gzip)",
            "  sparse + DENSIFY   \(input.sparseRaw.map(String.init) ?? "—") → \(output.sparseRaw.map(String.init) ?? "— (not smaller)")",
        ]
        if recipe.pruning != nil { lines.append("pruning reduces the gzip (download) size and the sparse-encoded size, not the file") }
        if recipe.clustering != nil { lines.append("clustering reduces the gzip (download) size only") }
        if recipe.scheme != .none { lines.append("quantization (\(recipe.scheme.rawValue)) reduces the file size") }
        for layer in report.layers {
            lines.append("  op \(layer.operatorIndex) \(layer.opType): \(layer.elements) weights, "
                + "sparsity \(String(format: "%.3f", layer.sparsity)), \(layer.distinctValues) distinct values")
        }
        for entry in report.skipped {
            lines.append("  op \(entry.operatorIndex) \(entry.opType) not changed by \(entry.step): \(entry.reason)")
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
