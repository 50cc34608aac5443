import ArgumentParser
import LiteModel

/// `edgewise repack MODEL -o OUT [--force]`: decode and re-encode a model, losslessly.
struct Repack: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-encode a model (lossless; normalizes the layout and aligns tensor data).",
        discussion: "Never overwrites MODEL; overwrites OUT only with --force. The file is written atomically."
    )

    @Argument(help: "The .tflite model to read.")
    var model: String

    @Option(name: .shortAndLong, help: "Where to write the re-encoded model.")
    var output: String

    @Flag(help: "Overwrite OUT if it exists.")
    var force = false

    func run() throws {
        let destination = try OutputFile(path: output, inputs: [model], force: force)
        let loaded = try LoadedModel(path: model)
        let bytes = try loaded.model.encoded()
        try destination.write(bytes)
        let change = bytes.count - loaded.fileBytes
        print("\(model): \(loaded.fileBytes) bytes → \(output): \(bytes.count) bytes (\(change >= 0 ? "+" : "")\(change))")
    }
}
