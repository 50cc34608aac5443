import Evaluation
import LiteModel

/// The sizes that matter for a model: on disk, as a download (gzip -9), and in TFLite's sparse
/// format with DENSIFY when that is smaller on disk. Pruning and clustering leave `raw` as it is
/// and shrink `gzip`; pruning (not clustering) also shrinks `sparse`; quantization shrinks all.
public struct ModelSizes: Equatable, Sendable {
    /// Bytes of the .tflite file.
    public var raw: Int
    /// Bytes after gzip -9 (zlib; GNU gzip differs by up to ~2 %).
    public var gzip: Int
    /// Bytes of the sparse-encoded file, when it is smaller than `raw`.
    public var sparseRaw: Int?
    /// gzip -9 bytes of the sparse-encoded file (set with `sparseRaw`).
    public var sparseGzip: Int?

    /// Measures `model` (encoding it, and encoding its sparse form).
    public init(of model: Model) throws(OptimizationError) {
        let bytes: [UInt8]
        do { bytes = try model.encoded() } catch { throw .model(error) }
        raw = bytes.count
        gzip = gzipSize(of: bytes, level: 9)
        let (sparseModel, encoded) = try SparseEncoding.apply(to: model)
        guard encoded > 0 else { return }
        let sparseBytes: [UInt8]
        do { sparseBytes = try sparseModel.encoded() } catch { throw .model(error) }
        if sparseBytes.count < raw {
            sparseRaw = sparseBytes.count
            sparseGzip = gzipSize(of: sparseBytes, level: 9)
        }
    }
}
