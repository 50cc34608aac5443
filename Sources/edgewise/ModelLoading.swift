import Foundation
import LiteModel

/// A model read from disk with the facts commands report about its file.
struct LoadedModel {
    /// The path as the user gave it.
    let path: String
    let model: Model
    /// Size of the file in bytes.
    let fileBytes: Int

    /// Reads and decodes the model at `path`; with `validate`, also checks its references.
    /// Errors name the path and, for broken files, the byte offset.
    init(path: String, validate: Bool = false) throws(CLIError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError("\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw CLIError("\(path): is a directory, expected a .tflite file") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CLIError("\(path): cannot be read (\(error.localizedDescription))")
        }
        do {
            let model = try Model(bytes: [UInt8](data))
            if validate { try model.validate() }
            self.init(path: path, model: model, fileBytes: data.count)
        } catch {
            throw CLIError("\(path): \(error.description)")
        }
    }

    private init(path: String, model: Model, fileBytes: Int) {
        self.path = path
        self.model = model
        self.fileBytes = fileBytes
    }
}
