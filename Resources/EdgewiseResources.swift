import Foundation

/// Files shipped with Edgewise (the advisor's decision tree and target profiles, the demo model
/// and data), loaded through `Bundle.module` so one binary plus its resource bundle works offline.
public enum EdgewiseResources {
    /// The URL of a bundled file, e.g. `url("advisor/decision_tree.json")`; nil when missing.
    public static func url(_ relativePath: String) -> URL? {
        guard let base = Bundle.module.resourceURL else { return nil }
        let url = base.appendingPathComponent(relativePath)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}
