import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so readers see the old file or the complete new one, never a partial one: the
/// bytes go to a temporary file in the same folder, are synced, then renamed into place.
enum AtomicFile {
    /// Writes `bytes` to `path`. Without `overwrite`, an existing file is left alone and an error
    /// thrown (also when it appeared while writing).
    static func write(_ bytes: [UInt8], to path: String, overwrite: Bool) throws(EngineFailure) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var template = Array((folder + "/." + url.lastPathComponent + ".edgewise-XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw failure("\(path): cannot create a temporary file in \(folder)") }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else {
                close(descriptor)
                unlink(temporary)
                throw failure("\(path): write failed")
            }
            written += result
        }
        let mask = umask(0)
        umask(mask)
        let finished = fchmod(descriptor, 0o666 & ~mask) == 0 && fsync(descriptor) == 0
        close(descriptor)
        defer { unlink(temporary) }
        guard finished else { throw failure("\(path): cannot finish the temporary file") }
        if overwrite {
            guard rename(temporary, path) == 0 else { throw failure("\(path): cannot rename the temporary file into place") }
        } else {
            guard link(temporary, path) == 0 else {
                if errno == EEXIST { throw EngineFailure("\(path): already exists") }
                throw failure("\(path): cannot move the temporary file into place")
            }
        }
    }

    /// Whether two paths name the same file (device and inode, so links and spellings are caught).
    static func isSameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    private static func failure(_ what: String) -> EngineFailure {
        EngineFailure(what + ": " + String(cString: strerror(errno)))
    }
}
