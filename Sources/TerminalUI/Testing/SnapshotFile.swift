import Foundation

/// Golden text files for screen snapshots, for this module's tests and the app's.
///
/// `check(_:named:)` compares text with `<directory>/<name>.txt`. With the environment variable
/// `UPDATE_SNAPSHOTS=1` it (re)writes the file instead and reports `.recorded`; review the diff
/// before committing it.
///
///     let snapshots = SnapshotDirectory(besides: #filePath)
///     #expect(snapshots.check(buffer.text, named: "workbench-100x30") == .matched)
public struct SnapshotDirectory: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    /// The `Snapshots` folder next to the source file `filePath` (pass `#filePath`).
    public init(besides filePath: String, folder: String = "Snapshots") {
        self.url = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent(folder)
    }

    /// The result of a comparison.
    public enum Outcome: Hashable, Sendable, CustomStringConvertible {
        case matched
        case recorded
        case missing(path: String)
        /// The first differing line (1-based) with the expected and actual text of that line.
        case mismatch(path: String, line: Int, expected: String, actual: String)

        public var description: String {
            switch self {
            case .matched: "matched"
            case .recorded: "recorded"
            case .missing(let path): "no snapshot at \(path); run with UPDATE_SNAPSHOTS=1 to record it"
            case .mismatch(let path, let line, let expected, let actual):
                "\(path):\(line) differs\n  expected: \(expected)\n  actual:   \(actual)\n(UPDATE_SNAPSHOTS=1 rewrites it)"
            }
        }
    }

    /// Compares `text` with the snapshot `name` (or records it when `UPDATE_SNAPSHOTS=1`).
    public func check(_ text: String, named name: String,
                      environment: [String: String] = ProcessInfo.processInfo.environment) -> Outcome {
        let file = url.appendingPathComponent(name + ".txt")
        if environment["UPDATE_SNAPSHOTS"] == "1" {
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: file, options: .atomic)
                return .recorded
            } catch {
                return .missing(path: file.path)
            }
        }
        guard let data = FileManager.default.contents(atPath: file.path) else { return .missing(path: file.path) }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != text else { return .matched }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
        return .mismatch(path: file.path, line: line + 1,
                         expected: line < e.count ? String(e[line]) : "(end of file)",
                         actual: line < a.count ? String(a[line]) : "(end of text)")
    }
}
