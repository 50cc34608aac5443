import Foundation
import LiteModel

/// A failure the user can act on (bad path, refused overwrite), reported as one line on stderr.
struct CLIError: Error, CustomStringConvertible {
    /// Exit status for model and command errors (argument errors keep ArgumentParser's 64).
    static let exitCode: Int32 = 2

    let description: String

    init(_ description: String) { self.description = description }

    /// The one-line message for errors reported this way, or nil for other errors.
    static func message(for error: any Error) -> String? {
        switch error {
        case let error as CLIError: return error.description
        case let error as ModelError: return error.description
        default: return nil
        }
    }

    /// Writes `edgewise: error: <message>` to stderr.
    static func printToStandardError(_ message: String) {
        let line = "edgewise: error: " + message.replacingOccurrences(of: "\n", with: " ") + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
