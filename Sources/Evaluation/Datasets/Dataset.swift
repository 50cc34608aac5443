import Foundation
import Runtime

/// Samples checked against a model's inputs and converted to their types, read a batch at a time
/// so a large dataset is never in memory whole.
public protocol Dataset: Sendable {
    /// Number of samples.
    var count: Int { get }
    /// Whether `read` returns labels.
    var hasLabels: Bool { get }
    /// Class names by label index, when the data names them (image folders), else nil.
    var classNames: [String]? { get }
    /// What each sample is called in messages (file name or `test.npz[17]`).
    func sampleName(_ index: Int) -> String
    /// Samples `range`: the bytes of every model input for each sample, and labels if any.
    func read(_ range: Range<Int>) throws(DatasetError) -> DatasetBatch
}

/// Consecutive samples of a dataset.
public struct DatasetBatch: Sendable {
    /// Index of the first sample in the dataset.
    public let start: Int
    /// `inputs[sample][input]`: the bytes of one model input for one sample.
    public let inputs: [[[UInt8]]]
    /// One class index per sample, when the dataset has labels.
    public let labels: [Int]?
}

extension Dataset {
    /// Iterates batches of up to `size` samples over the first `limit` samples (all when nil).
    public func batches(size: Int, limit: Int? = nil) -> DatasetBatches {
        DatasetBatches(dataset: self, size: max(size, 1), end: min(limit ?? count, count))
    }
}

/// A cursor over a dataset's batches; `next()` reads the next one (nil at the end).
public struct DatasetBatches {
    let dataset: any Dataset
    let size: Int
    let end: Int
    private var position = 0

    init(dataset: any Dataset, size: Int, end: Int) {
        self.dataset = dataset
        self.size = size
        self.end = end
    }

    public mutating func next() throws(DatasetError) -> DatasetBatch? {
        guard position < end else { return nil }
        let range = position..<min(position + size, end)
        position = range.upperBound
        return try dataset.read(range)
    }
}

/// Opens datasets of the kinds Edgewise reads.
public enum DatasetLoader {
    /// Opens `path` for a model with `inputs`: `.npy` (one array), `.npz` (`x`/`y` or arrays named
    /// after the inputs), a folder of class subfolders of images, or a flat folder of images
    /// (unlabelled). Shapes and dtypes are checked here; values (NaN, image decoding) when read.
    public static func open(_ path: String, inputs: [TensorInfo], preprocessing: Preprocessing = Preprocessing()) throws(DatasetError) -> any Dataset {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DatasetError(.unreadable, "\(path): no such file or folder")
        }
        let bindings = inputs.map(InputBinding.init)
        if isDirectory.boolValue { return try ImageFolderDataset(folder: path, inputs: bindings, preprocessing: preprocessing) }
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "npy": return try ArrayDataset(npy: path, inputs: bindings)
        case "npz": return try ArrayDataset(npz: path, inputs: bindings)
        default: throw DatasetError(.unreadable, "\(path): expected a .npy or .npz file or a folder of images")
        }
    }
}
