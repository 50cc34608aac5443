import Foundation

/// Samples from numpy arrays: one `.npy` array for a one-input model, or an `.npz` archive with
/// `x` (or one array per input, named after it) and optional labels `y`.
final class ArrayDataset: Dataset {
    let count: Int
    let hasLabels: Bool
    var classNames: [String]? { nil }
    private let columns: [ArrayColumn]
    private let bindings: [InputBinding]
    private let labels: [Int]?
    private let source: String

    /// Names tried for the labels of an `.npz`.
    static let labelNames = ["y", "label", "labels"]

    convenience init(npy path: String, inputs: [InputBinding]) throws(DatasetError) {
        guard inputs.count == 1 else {
            throw DatasetError(.missingArray, "\(path): one array for a model with \(inputs.count) inputs; use an .npz with one array per input")
        }
        try self.init(source: path, columns: [ArrayColumn(npy: path)], labels: nil, inputs: inputs)
    }

    convenience init(npz path: String, inputs: [InputBinding]) throws(DatasetError) {
        let archive: NPZArchive
        do { archive = try NPZArchive(path: path) } catch { throw DatasetError(.unreadable, error.description) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? Int.max
        let labelName = Self.labelNames.first(where: archive.names.contains)
        let features = archive.names.filter { $0 != labelName }
        var columns: [ArrayColumn] = []
        for binding in inputs {
            let wanted = Self.candidateNames(for: binding, single: inputs.count == 1)
            let name = wanted.first(where: archive.names.contains) ?? (inputs.count == 1 && features.count == 1 ? features[0] : nil)
            guard let name else {
                throw DatasetError(.missingArray, "\(path): no array for input \(binding.label) (looked for \(wanted.joined(separator: ", ")); the archive has \(archive.names.joined(separator: ", ")))")
            }
            columns.append(try ArrayColumn(archive: archive, name: name, archiveBytes: size))
        }
        let labels = try labelName.map { (name) throws(DatasetError) in
            try Self.labels(ArrayColumn(archive: archive, name: name, archiveBytes: size))
        }
        try self.init(source: path, columns: columns, labels: labels, inputs: inputs)
    }

    private init(source: String, columns: [ArrayColumn], labels: [Int]?, inputs: [InputBinding]) throws(DatasetError) {
        for (column, binding) in zip(columns, inputs) { try Self.check(column, against: binding) }
        let lengths = columns.map(\.length) + (labels.map { [$0.count] } ?? [])
        guard let first = lengths.first, lengths.allSatisfy({ $0 == first }) else {
            let described = zip(columns.map(\.source) + (labels == nil ? [] : ["labels"]), lengths).map { "\($0) \($1)" }
            throw DatasetError(.shapeMismatch, "\(source): arrays disagree on the number of samples (\(described.joined(separator: ", ")))")
        }
        guard first > 0 else { throw DatasetError(.empty, "\(source): holds no samples") }
        self.source = source
        self.columns = columns
        self.bindings = inputs
        self.labels = labels
        self.count = first
        self.hasLabels = labels != nil
    }

    func sampleName(_ index: Int) -> String { "\(source)[\(index)]" }

    func read(_ range: Range<Int>) throws(DatasetError) -> DatasetBatch {
        var inputs = [[[UInt8]]](repeating: [], count: range.count)
        for (column, binding) in zip(columns, bindings) {
            let array = try column.rows(range)
            let rowBytes = array.data.count / max(range.count, 1)
            if array.dtype.isFloatingPoint {
                let values = array.floats()
                let perSample = binding.sampleCount
                if let bad = values.firstIndex(where: { !$0.isFinite }) {
                    let sample = range.lowerBound + bad / perSample
                    throw DatasetError(.notFinite, "\(column.source): \(values[bad].isNaN ? "NaN" : "infinity") found in sample \(sample) (input \(binding.label))")
                }
                for sample in 0..<range.count {
                    inputs[sample].append(binding.encode(Array(values[sample * perSample..<(sample + 1) * perSample])))
                }
            } else {
                for sample in 0..<range.count {
                    inputs[sample].append(Array(array.data[sample * rowBytes..<(sample + 1) * rowBytes]))
                }
            }
        }
        return DatasetBatch(start: range.lowerBound, inputs: inputs, labels: labels.map { Array($0[range]) })
    }

    /// `x` for a single input, then the input's signature name, tensor name and tensor name without `:0`.
    private static func candidateNames(for binding: InputBinding, single: Bool) -> [String] {
        var names = single ? ["x"] : []
        for name in [binding.info.name, binding.info.tensorName, String(binding.info.tensorName.split(separator: ":").first ?? "")]
        where !name.isEmpty && !names.contains(name) {
            names.append(name)
        }
        return names
    }

    /// The array must hold `[N] + sampleShape` of a float type the input accepts, or the input's own type.
    private static func check(_ column: ArrayColumn, against binding: InputBinding) throws(DatasetError) {
        let expected = "[N, " + binding.sampleShape.map(String.init).joined(separator: ", ") + "]"
        guard column.shape.count == binding.sampleShape.count + 1, Array(column.shape.dropFirst()) == binding.sampleShape else {
            throw DatasetError(.shapeMismatch, "\(column.source): input \(binding.label) expects shape \(expected), got \(column.shape)")
        }
        let modelType = DType(binding.info.type)
        if column.dtype == modelType && !column.dtype.isFloatingPoint { return }
        guard column.dtype.isFloatingPoint, binding.acceptsFloats else {
            let wanted = binding.acceptsFloats ? "float32 (or \(modelType?.rawValue ?? "\(binding.info.type)"))" : modelType?.rawValue ?? "\(binding.info.type)"
            throw DatasetError(.typeMismatch, "\(column.source): input \(binding.label) expects dtype \(wanted), got \(column.dtype.rawValue)")
        }
    }

    /// Class indices from an integer array of shape [N] or [N, 1].
    private static func labels(_ column: ArrayColumn) throws(DatasetError) -> [Int] {
        guard column.shape.count == 1 || (column.shape.count == 2 && column.shape[1] == 1) else {
            throw DatasetError(.shapeMismatch, "\(column.source): labels must have shape [N] or [N, 1], got \(column.shape)")
        }
        let array = try column.rows(0..<column.length)
        let labels: [Int]
        do { labels = try array.ints() } catch {
            throw DatasetError(.typeMismatch, "\(column.source): labels must be integers, got \(column.dtype.rawValue)")
        }
        if let negative = labels.firstIndex(where: { $0 < 0 }) {
            throw DatasetError(.typeMismatch, "\(column.source): label \(labels[negative]) at sample \(negative) is negative")
        }
        return labels
    }
}
