import ArgumentParser
import Foundation

/// The `edgewise` command line: the root command and its subcommands.
///
/// To add a subcommand, write its type in its own file and list it in `subcommands` below — that
/// one line is the only change needed here. Errors thrown from any subcommand's `run()` that are
/// `ModelError` or `CLIError` print one line to stderr and exit with status 2 (see `main()`).
/// Without a subcommand, `edgewise [MODEL]` opens the terminal advisor (`TUI`).
@main
struct Edgewise: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edgewise",
        abstract: "Inspect, run, quantize and prune TensorFlow Lite models.",
        version: "0.1.0",
        subcommands: [TUI.self, Inspect.self, Repack.self, Run.self, Bench.self, Optimize.self, Evaluate.self, Compare.self, Advise.self],
        defaultSubcommand: TUI.self
    )

    /// Parses and runs a command like `AsyncParsableCommand.main()`, but reports model and
    /// command errors as `edgewise: error: <message>` with exit status 2.
    static func main() async {
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            guard let message = CLIError.message(for: error) else { exit(withError: error) }
            CLIError.printToStandardError(message)
            exit(withError: ExitCode(CLIError.exitCode))
        }
    }
}
