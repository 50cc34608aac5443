/// The three files a commit writes, named after the model path the user chose:
/// `out.tflite`, `out.recipe.json` and `out.report.txt`.
struct CommitFiles: Equatable, Sendable {
    var model: String
    var recipe: String
    var report: String

    /// The files for `path`; `.tflite` is added when the path has another or no extension.
    init(path: String) {
        let trimmed = path.trimmed
        let stem = trimmed.hasSuffix(".tflite") ? String(trimmed.dropLast(".tflite".count)) : trimmed
        model = stem + ".tflite"
        recipe = stem + ".recipe.json"
        report = stem + ".report.txt"
    }

    var all: [String] { [model, recipe, report] }
}
