#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file opened read-only for positional reads (`pread`), so arrays can be read
/// one at a time without loading the whole file. Safe to share between threads.
final class RandomAccessFile: Sendable {
    let path: String
    let size: Int
    private let descriptor: Int32

    init(path: String) throws(NumPyError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw NumPyError(.io, "cannot open: \(lastErrorText())", source: path) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw NumPyError(.io, "not a readable regular file", source: path)
        }
        self.path = path
        self.size = Int(info.st_size)
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Exactly `count` bytes starting at `offset`; `.truncated` if the file ends sooner.
    func read(offset: Int, count: Int) throws(NumPyError) -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
            throw NumPyError(
                .truncated, "needs bytes \(offset)..<\(offset + count) but the file has \(size)", source: path, offset: size)
        }
        guard count > 0 else { return [] }
        var failure: NumPyError?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            while initialized < count {
                let got = pread(descriptor, buffer.baseAddress! + initialized, count - initialized, off_t(offset + initialized))
                if got < 0, errno == EINTR { continue }
                guard got > 0 else {
                    failure = got == 0
                        ? NumPyError(.truncated, "file ended early (changed while reading?)", source: path, offset: offset + initialized)
                        : NumPyError(.io, "read failed: \(lastErrorText())", source: path, offset: offset + initialized)
                    return
                }
                initialized += got
            }
        }
        if let failure { throw failure }
        return bytes
    }
}

func lastErrorText() -> String { String(cString: strerror(errno)) }
