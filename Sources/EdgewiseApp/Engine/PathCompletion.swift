import Foundation

/// Tab completion of file paths against the file system.
enum PathCompletion {
    /// Entries of the folder `partial` points into whose names start with its last component:
    /// folders (ending in `/`) and files ending in one of `extensions` (any file when empty),
    /// sorted, hidden entries only when asked for with a leading dot.
    static func candidates(for partial: String, extensions: [String]) -> [String] {
        let expanded = (partial as NSString).expandingTildeInPath
        let slash = expanded.lastIndex(of: "/")
        let folder = slash.map { String(expanded[...$0]) } ?? ""
        let prefix = slash.map { String(expanded[expanded.index(after: $0)...]) } ?? expanded
        let shownFolder = partial.lastIndex(of: "/").map { String(partial[...$0]) } ?? ""
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else { return [] }
        return names.filter { $0.hasPrefix(prefix) && (prefix.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().compactMap { name in
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + name, isDirectory: &isDirectory), isDirectory.boolValue {
                return shownFolder + name + "/"
            }
            let lower = name.lowercased()
            return extensions.isEmpty || extensions.contains(where: lower.hasSuffix) ? shownFolder + name : nil
        }
    }
}
