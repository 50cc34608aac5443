import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// POSIX `write`, named apart from `OutputFile.write(_:)`.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
    #else
    Darwin.write(descriptor, bytes, count)
    #endif
}

/// A file a command is about to write, checked before any work is done and written atomically:
/// the bytes go to a temporary file in the same folder, which is then renamed over the
/// destination, so readers see the old file or the complete new one, never a partial one.
///
/// Refuses to write over an existing file unless `force` is set, and always refuses a destination
/// that is (or links to) one of the command's input files.
struct OutputFile {
    let path: String
    let force: Bool

    /// Checks that `path` may be written: it is not one of `inputs` (compared by device and inode,
    /// so symlinks and other spellings of the same file are caught), not a directory, and it does
    /// not exist unless `force`; its folder must exist.
    init(path: String, inputs: [String], force: Bool) throws(CLIError) {
        self.path = path
        self.force = force
        let destination = Self.identity(of: path)
        for input in inputs where destination != nil && destination == Self.identity(of: input) {
            throw CLIError("\(path): is the input model \(input); refusing to overwrite it")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else { throw CLIError("\(path): is a directory") }
            guard force else { throw CLIError("\(path): already exists; use --force to overwrite it") }
        }
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError("\(path): folder \(folder) does not exist")
        }
    }

    /// Writes `bytes` to a temporary file beside the destination and renames it into place.
    /// Without `force`, a file that appeared at the destination meanwhile is not replaced.
    func write(_ bytes: [UInt8]) throws(CLIError) {
        let name = URL(fileURLWithPath: path).lastPathComponent
        var template = Array((folder + "/." + name + ".edgewise-XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw failure("cannot create a temporary file in \(folder)") }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        do throws(CLIError) {
            defer { close(descriptor) }
            try Self.writeAll(bytes, to: descriptor)
            let mask = umask(0)
            umask(mask)
            guard fchmod(descriptor, 0o666 & ~mask) == 0, fsync(descriptor) == 0 else {
                throw failure("cannot finish the temporary file \(temporary)")
            }
        } catch {
            unlink(temporary)
            throw error
        }
        do throws(CLIError) {
            try place(temporary)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// The folder the file goes in.
    private var folder: String {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return parent.isEmpty ? "." : parent
    }

    /// Moves the finished temporary file to the destination: `rename` with `force`, else `link`
    /// (which fails if the destination exists) followed by removing the temporary name.
    private func place(_ temporary: String) throws(CLIError) {
        if force {
            guard rename(temporary, path) == 0 else { throw failure("cannot rename the temporary file into place") }
            return
        }
        guard link(temporary, path) == 0 else {
            if errno == EEXIST { throw CLIError("\(path): already exists; use --force to overwrite it") }
            throw failure("cannot move the temporary file into place")
        }
        unlink(temporary)
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws(CLIError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { throw CLIError("write failed: \(String(cString: strerror(errno)))") }
            written += result
        }
    }

    private func failure(_ what: String) -> CLIError {
        CLIError("\(path): \(what): \(String(cString: strerror(errno)))")
    }

    /// Device and inode of the file at `path` (following symlinks), or nil when it does not exist.
    private static func identity(of path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }
}
