import Foundation

/// Images from a folder: one subfolder per class (labels are the subfolders' indices in sorted
/// order) or, with no subfolders, a flat folder of unlabelled images. Only file names are listed
/// up front; each batch decodes its own images.
final class ImageFolderDataset: Dataset {
    let count: Int
    let hasLabels: Bool
    let classNames: [String]?
    private let files: [String]
    private let labels: [Int]?
    private let binding: InputBinding
    private let preprocessing: Preprocessing
    /// Model input geometry (NHWC).
    private let height: Int, width: Int, channels: Int

    init(folder: String, inputs: [InputBinding], preprocessing: Preprocessing) throws(DatasetError) {
        guard inputs.count == 1, let binding = inputs.first else {
            throw DatasetError(.shapeMismatch, "\(folder): an image folder feeds one input; the model has \(inputs.count)")
        }
        let shape = binding.sampleShape
        guard shape.count == 3, [1, 3].contains(shape[2]) else {
            throw DatasetError(.shapeMismatch, "\(folder): images need an NHWC input with 1 or 3 channels; input \(binding.label) has shape \(binding.info.shape)")
        }
        guard binding.acceptsFloats else {
            throw DatasetError(.typeMismatch, "\(folder): input \(binding.label) is \(binding.info.type), which images cannot feed")
        }
        try preprocessing.validate(channels: shape[2])
        let subfolders = try Self.entries(of: folder).filter(\.isDirectory).map(\.name)
        var files: [String] = []
        var labels: [Int] = []
        if subfolders.isEmpty {
            files = try Self.images(in: folder)
        } else {
            for (label, name) in subfolders.enumerated() {
                let images = try Self.images(in: folder + "/" + name)
                files += images
                labels += Array(repeating: label, count: images.count)
            }
        }
        guard !files.isEmpty else {
            throw DatasetError(.empty, "\(folder): no .png or .jpg images found\(subfolders.isEmpty ? "" : " in its \(subfolders.count) class folders")")
        }
        self.files = files
        self.labels = subfolders.isEmpty ? nil : labels
        self.classNames = subfolders.isEmpty ? nil : subfolders
        self.hasLabels = !subfolders.isEmpty
        self.count = files.count
        self.binding = binding
        self.preprocessing = preprocessing
        (height, width, channels) = (shape[0], shape[1], shape[2])
    }

    func sampleName(_ index: Int) -> String { files[index] }

    func read(_ range: Range<Int>) throws(DatasetError) -> DatasetBatch {
        let grayscale = preprocessing.color == .gray || (preprocessing.color == .auto && channels == 1)
        var inputs: [[[UInt8]]] = []
        for index in range {
            let image = try DecodedImage(contentsOf: files[index], grayscale: grayscale)
            let pixels = image.resizedValues(width: width, height: height)
            let values = preprocessing.values(of: pixels, sourceChannels: image.channels, channels: channels)
            inputs.append([binding.encode(values)])
        }
        return DatasetBatch(start: range.lowerBound, inputs: inputs, labels: labels.map { Array($0[range]) })
    }

    /// Image files directly in `folder`, sorted by name.
    private static func images(in folder: String) throws(DatasetError) -> [String] {
        try entries(of: folder)
            .filter { !$0.isDirectory && DecodedImage.fileExtensions.contains(URL(fileURLWithPath: $0.name).pathExtension.lowercased()) }
            .map { folder + "/" + $0.name }
    }

    /// Visible entries of `folder`, sorted by name.
    private static func entries(of folder: String) throws(DatasetError) -> [(name: String, isDirectory: Bool)] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw DatasetError(.unreadable, "\(folder): cannot list the folder")
        }
        return names.filter { !$0.hasPrefix(".") }.sorted().map { name in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory)
            return (name, exists && isDirectory.boolValue)
        }
    }
}
