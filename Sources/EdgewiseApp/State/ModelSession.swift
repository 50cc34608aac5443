import LiteModel

/// The model the app has open, with the facts the summary pane shows.
struct ModelSession: Sendable {
    /// The path as given (for the demo, the bundled file).
    var path: String
    var model: Model
    /// The file's bytes (measured for size and gzip size).
    var bytes: [UInt8]
    /// True for the bundled demo model.
    var isDemo: Bool
    var summary: ModelSummary

    /// The file name without folders.
    var name: String { path.split(separator: "/").last.map(String.init) ?? path }

    init(path: String, model: Model, bytes: [UInt8], isDemo: Bool) {
        self.path = path
        self.model = model
        self.bytes = bytes
        self.isDemo = isDemo
        self.summary = ModelSummary(model: model, fileBytes: bytes.count)
    }
}

/// Data files chosen for the session: calibration samples and test data.
struct DataFiles: Equatable, Sendable {
    var calibration: String?
    var test: String?
}
