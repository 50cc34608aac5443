import ArgumentParser
import Evaluation
import Foundation
import LiteModel
import Runtime

/// `edgewise run`: runs a model on NumPy inputs with Edgewise's own interpreter.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a model on NumPy inputs with Edgewise's interpreter.",
        discussion: """
        Each --input is a .npy file, or NAME=FILE.npy to pick the model input by its tensor or \
        signature name. A leading batch larger than the model's is run at once when the model's \
        batch dimension is dynamic, otherwise sample by sample; the outputs are stacked. \
        --output Y.npy writes the only output; Y.npz writes every output, named by tensor name. \
        Without --output a summary of each output is printed.
        """)

    @Argument(help: "The .tflite model.")
    var model: String

    @Option(name: .long, help: "An input array: FILE.npy or NAME=FILE.npy (repeat for several inputs).")
    var input: [String] = []

    @Option(name: .shortAndLong, help: "Where to write the outputs (.npy for one output, .npz for all).")
    var output: String?

    @Option(help: "Threads for the kernels.")
    var threads: Int = 1

    @Flag(help: "Overwrite the output file if it exists.")
    var force = false

    func run() throws {
        let destination = try output.map { path throws(CLIError) in
            guard path.hasSuffix(".npy") || path.hasSuffix(".npz") else {
                throw CLIError("\(path): the output must end in .npy or .npz")
            }
            return try OutputFile(path: path, inputs: [model] + input.map(Self.path(of:)), force: force)
        }
        let loaded = try LoadedModel(path: model)
        let runner: ModelRunner
        do { runner = try ModelRunner(model: loaded.model, threads: threads) } catch { throw CLIError("\(model): \(error)") }
        let arrays = try assignInputs(runner.inputs)
        let results: [NDArray]
        do { results = try runner.run(arrays) } catch { throw CLIError("\(model): \(error)") }

        guard let destination else {
            for (info, array) in zip(runner.outputs, results) { print(OutputSummary(name: info.tensorName, array: array).text) }
            return
        }
        if destination.path.hasSuffix(".npy") {
            guard results.count == 1 else {
                throw CLIError("\(destination.path): the model has \(results.count) outputs; write them to an .npz file")
            }
            try destination.write(results[0].npyBytes())
        } else {
            let named = NamedArrays(zip(runner.outputs, results).map { ($0.tensorName, $1) })
            try destination.write(named.npzBytes())
        }
    }

    private static func path(of argument: String) -> String {
        guard let equals = argument.firstIndex(of: "="), !FileManager.default.fileExists(atPath: argument) else { return argument }
        return String(argument[argument.index(after: equals)...])
    }

    /// Reads the --input files and puts them in model-input order.
    private func assignInputs(_ inputs: [TensorInfo]) throws(CLIError) -> [NDArray] {
        var assigned = [NDArray?](repeating: nil, count: inputs.count)
        var next = 0
        for argument in input {
            let path = Self.path(of: argument)
            let array: NDArray
            do { array = try NDArray(npyFile: path) } catch { throw CLIError("\(error)") }
            if path != argument {
                let name = String(argument[..<argument.firstIndex(of: "=")!])
                guard let position = inputs.firstIndex(where: { $0.tensorName == name || $0.name == name }) else {
                    throw CLIError("the model has no input named '\(name)'; its inputs are \(inputs.map { "'\($0.tensorName)'" }.joined(separator: ", "))")
                }
                assigned[position] = array
            } else {
                while next < inputs.count, assigned[next] != nil { next += 1 }
                guard next < inputs.count else { throw CLIError("more --input files than the model's \(inputs.count) inputs") }
                assigned[next] = array
            }
        }
        guard let missing = assigned.firstIndex(where: { $0 == nil }) else { return assigned.map { $0! } }
        throw CLIError("missing --input for model input \(missing) '\(inputs[missing].tensorName)' (\(inputs[missing].type) \(inputs[missing].shape))")
    }
}
