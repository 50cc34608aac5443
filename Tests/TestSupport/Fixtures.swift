import Foundation

/// Paths to test fixtures: the shared real models beside the repo and the committed small ones.
public enum Fixtures {
    /// The repository root, found from this file's location.
    public static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/fixtures` beside the repository.
    public static let shared: URL = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures")

    /// `Tests/Fixtures/models` in the repository.
    public static let models: URL = repoRoot.appendingPathComponent("Tests/Fixtures/models")

    /// A file under `../shared/fixtures`, e.g. `shared("mnist5k/mnist_cnn_int8.tflite")`.
    public static func shared(_ path: String) -> URL { shared.appendingPathComponent(path) }

    /// Every `.tflite` file below `directory`, sorted by path.
    public static func tfliteFiles(under directory: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        var found: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "tflite" { found.append(url) }
        }
        return found.sorted { $0.path < $1.path }
    }

    /// All `.tflite` fixtures: shared ones and the repository's own.
    public static var allModels: [URL] { tfliteFiles(under: shared) + tfliteFiles(under: models) }

    /// Bytes of a file; fails the calling test loudly if missing.
    public static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }
}
