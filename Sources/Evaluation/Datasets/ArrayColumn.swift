import Foundation

/// One array of a `.npy`/`.npz` dataset, read by rows: in place from a `.npy` file or a stored
/// `.npz` member, or from memory for a compressed member (inflated once when opened).
struct ArrayColumn: Sendable {
    private enum Storage: Sendable {
        case npy(NPYFile)
        case npzMember(NPZArchive, String)
        case loaded(NDArray)
    }

    /// `file.npy` or `file.npz:name`, for messages.
    let source: String
    let dtype: DType
    let shape: [Int]
    private let storage: Storage

    init(npy path: String) throws(DatasetError) {
        do {
            let file = try NPYFile(path: path)
            self.init(source: path, dtype: file.header.dtype, shape: file.header.shape, storage: .npy(file))
        } catch {
            throw DatasetError(.unreadable, error.description)
        }
    }

    /// Member `name` of `archive`. A member smaller in the archive than its data must be
    /// compressed; it is inflated here once rather than for every batch.
    init(archive: NPZArchive, name: String, archiveBytes: Int) throws(DatasetError) {
        let source = "\(archive.source):\(name)"
        do {
            let header = try archive.header(named: name)
            if archiveBytes < header.byteCount {
                self.init(source: source, dtype: header.dtype, shape: header.shape, storage: .loaded(try archive.array(named: name)))
            } else {
                self.init(source: source, dtype: header.dtype, shape: header.shape, storage: .npzMember(archive, name))
            }
        } catch {
            throw DatasetError(.unreadable, error.description)
        }
    }

    private init(source: String, dtype: DType, shape: [Int], storage: Storage) {
        self.source = source
        self.dtype = dtype
        self.shape = shape
        self.storage = storage
    }

    /// Length of the first axis (1 for a 0-d array).
    var length: Int { shape.first ?? 1 }

    /// Rows `range` along the first axis.
    func rows(_ range: Range<Int>) throws(DatasetError) -> NDArray {
        do {
            switch storage {
            case .npy(let file): return try file.read(rows: range)
            case .npzMember(let archive, let name): return try archive.array(named: name, rows: range)
            case .loaded(let array): return try array.rows(range, source: source)
            }
        } catch {
            throw DatasetError(.unreadable, error.description)
        }
    }
}
