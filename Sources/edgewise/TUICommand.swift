import ArgumentParser
import EdgewiseApp
import Foundation

/// `edgewise [MODEL] [--data TEST] [--calibration CAL]`: the terminal advisor (the default
/// command). Without a model it opens the bundled demo model and data.
struct TUI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "The terminal advisor: wizard, workbench with live deltas, commit (the default command).",
        discussion: """
            `edgewise` alone opens the bundled demo (an MNIST model that int8 hurts and int16x8 doesn't, \
            with its test and calibration data). `edgewise MODEL --data TEST.npz --calibration CAL.npy` \
            opens your model. Press ? inside for the keys.
            """
    )

    @Argument(help: "The float .tflite model (default: the bundled demo).")
    var model: String?

    @Option(help: "Test data: .npz with inputs x and labels y (or .npy without labels).")
    var data: String?

    @Option(help: "Calibration samples (.npy or .npz) for int8 and int16x8.")
    var calibration: String?

    /// A bare word that is no file (`edgewise frobnicate`) is a mistyped subcommand, not a model.
    func validate() throws {
        if let model, !model.contains("/"), !model.contains("."), !FileManager.default.fileExists(atPath: model) {
            throw ValidationError("'\(model)' is neither a subcommand nor a model file; see 'edgewise --help'")
        }
    }

    func run() async throws {
        do {
            try await AdvisorTUI.run(AdvisorTUI.Options(model: model, testData: data, calibration: calibration))
        } catch let error as AdvisorTUI.StartError {
            throw CLIError(error.description)
        }
    }
}
