#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Somewhere to append output bytes: memory or a file.
protocol ByteSink: AnyObject {
    func append(_ bytes: UnsafeRawBufferPointer) throws(NumPyError)
}

extension ByteSink {
    func append(_ bytes: [UInt8]) throws(NumPyError) {
        // withUnsafeBytes is rethrows-untyped; route the typed error out by hand.
        var failure: NumPyError?
        bytes.withUnsafeBytes { raw in
            do throws(NumPyError) { try append(raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}

/// Collects output in memory.
final class MemorySink: ByteSink {
    private(set) var bytes: [UInt8] = []
    func append(_ raw: UnsafeRawBufferPointer) { bytes.append(contentsOf: raw) }
}

/// Writes to a temporary file beside `path` and renames it over `path` on `commit()`,
/// so a failed or interrupted write never leaves a partial file behind.
final class AtomicFileWriter: ByteSink {
    let path: String
    private let temporaryPath: String
    private var descriptor: Int32

    init(path: String) throws(NumPyError) {
        self.path = path
        temporaryPath = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw NumPyError(.io, "cannot create \(temporaryPath): \(lastErrorText())", source: path) }
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    func append(_ raw: UnsafeRawBufferPointer) throws(NumPyError) {
        var written = 0
        while written < raw.count {
            let result = write(descriptor, raw.baseAddress! + written, raw.count - written)
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { throw NumPyError(.io, "write failed: \(lastErrorText())", source: path) }
            written += result
        }
    }

    /// Closes the temporary file and moves it to `path`.
    func commit() throws(NumPyError) {
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0, rename(temporaryPath, path) == 0 else {
            let reason = lastErrorText()
            unlink(temporaryPath)
            throw NumPyError(.io, "cannot finish writing: \(reason)", source: path)
        }
    }
}
