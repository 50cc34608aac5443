import EdgewiseResources
import Foundation

/// Reads the advisor's bundled JSON files.
enum AdvisorData {
    /// Decodes the bundled file at `path` (relative to the resource bundle).
    static func decode<T: Decodable>(_ type: T.Type, at path: String) throws(AdvisorError) -> T {
        guard let url = EdgewiseResources.url(path) else { throw .badData(path: path, reason: "missing from the bundle") }
        return try decode(type, from: url, named: path)
    }

    /// Decodes a JSON file; errors name `name`.
    static func decode<T: Decodable>(_ type: T.Type, from url: URL, named name: String) throws(AdvisorError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(contentsOf: url))
        } catch {
            throw .badData(path: name, reason: "\(error)")
        }
    }
}
