import Foundation
import TestSupport

/// Runs the `edgewise` binary: `$EDGEWISE_BIN` if set, else the one built beside the test bundle,
/// else `.build/debug/edgewise`.
enum Edgewise {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["EDGEWISE_BIN"] { return URL(fileURLWithPath: path) }
        let bundle = Bundle.main.bundleURL
        for folder in [bundle, bundle.deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent("edgewise")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
        }
        return Fixtures.repoRoot.appendingPathComponent(".build/debug/edgewise")
    }()

    /// Runs `edgewise arguments…` to completion. Output goes through files, so no pipe can fill up.
    static func run(_ arguments: String...) throws -> Result {
        let outputs = Scratch.path("run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        let stdout = outputs.appendingPathComponent("stdout"), stderr = outputs.appendingPathComponent("stderr")
        try Data().write(to: stdout)
        try Data().write(to: stderr)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: try String(contentsOf: stdout, encoding: .utf8),
                      stderr: try String(contentsOf: stderr, encoding: .utf8))
    }
}

/// A temporary folder for this test process's files.
enum Scratch {
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("edgewise-cli-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// A path in the scratch folder (nothing is created).
    static func path(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// A file in the scratch folder holding `bytes`.
    static func file(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let url = path(name)
        try Data(bytes).write(to: url)
        return url
    }
}
