import ArgumentParser
import Foundation
import LiteModel

/// `edgewise inspect MODEL [--json]`: what is inside a model.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a model's inputs, outputs, signatures, operators, sizes and metadata.",
        discussion: "The model is validated first; a broken or invalid model is an error (exit status 2)."
    )

    @Argument(help: "The .tflite model.")
    var model: String

    @Flag(help: "Print JSON with stable snake_case keys instead of text.")
    var json = false

    func run() throws {
        let loaded = try LoadedModel(path: model, validate: true)
        let summary = ModelSummary(model: loaded.model, fileBytes: loaded.fileBytes)
        if json {
            FileHandle.standardOutput.write(try summary.jsonData())
            print()
        } else {
            print(summary.renderText(title: model), terminator: "")
        }
    }
}
