import Foundation
import Testing

@testable import Evaluation

private func decodeError(_ bytes: [UInt8]) -> NumPyError? {
    do {
        _ = try NDArray(npyBytes: bytes, source: "test.npy")
        return nil
    } catch {
        return error
    }
}

/// Replaces the first occurrence of `old` with `new` (same length) in `bytes`.
private func patched(_ bytes: [UInt8], _ old: String, _ new: String) -> [UInt8] {
    let needle = Array(old.utf8)
    let start = (0...bytes.count - needle.count).first { Array(bytes[$0..<$0 + needle.count]) == needle }!
    var copy = bytes
    copy.replaceSubrange(start..<start + needle.count, with: Array(new.utf8))
    return copy
}

@Suite("NumPy errors")
struct NumPyErrorTests {
    @Test func filesNumpyAcceptsButWeDoNotGiveClearErrors() throws {
        let manifest = try FixtureManifest.load()
        #expect(manifest.rejected.count == 3)
        for (name, kind) in manifest.rejected {
            let error = try #require(throws: NumPyError.self) { try NDArray(npyFile: fixturePath(name)) }
            #expect("\(error.kind)" == kind, "\(name)")
            #expect(error.source == fixturePath(name))
        }
        let structured = try #require(throws: NumPyError.self) { try NDArray(npyFile: fixturePath("structured.npy")) }
        #expect(structured.message.contains("structured"))
        let unicode = try #require(throws: NumPyError.self) { try NDArray(npyFile: fixturePath("unicode.npy")) }
        #expect(unicode.message.contains("'<U2'"))
    }

    @Test func everyTruncationOfAnNpyFileIsAnError() throws {
        let bytes = try fixtureBytes("dtype_float64.npy")
        for length in 0..<bytes.count {
            let error = try #require(decodeError(Array(bytes.prefix(length))), "length \(length)")
            #expect([.truncated, .badHeader].contains(error.kind), "length \(length): \(error)")
        }
        let cut = try #require(decodeError(Array(bytes.dropLast(3))))
        #expect(cut.kind == .truncated && cut.offset == bytes.count - 3)
        #expect(cut.message.contains("needs 48 data bytes but only 45"))
    }

    @Test func badMagicVersionAndTrailingBytesAreNamed() throws {
        var bytes = try fixtureBytes("dtype_int8.npy")
        #expect(decodeError(Array("PK\u{3}\u{4}not numpy at all".utf8))?.kind == .badMagic)
        bytes[6] = 4
        #expect(decodeError(bytes)?.kind == .badHeader)
        #expect(decodeError(bytes)?.offset == 6)
        bytes[6] = 1
        let trailing = try #require(decodeError(bytes + [0]))
        #expect(trailing.kind == .shapeMismatch && trailing.offset == bytes.count)
    }

    @Test(arguments: [
        ("'descr'", "'dtype'"),
        ("False", "Flase"),
        ("(2, 3)", "(2, -3)"),
        ("(2, 3)", "[2, 3]"),
        ("{'descr'", "['descr'"),
        ("'shape': (2, 3), }", "'shape': (2, 3), ,"),
        ("'<f8'", "'<f9'"),
    ])
    func malformedHeadersAreRejectedWithTheHeaderText(old: String, new: String) throws {
        let bytes = patched(try fixtureBytes("dtype_float64.npy"), old, new)
        let error = try #require(decodeError(bytes))
        #expect([.badHeader, .unsupportedDType].contains(error.kind), "\(error)")
        #expect(error.description.contains("test.npy"))
        #expect(error.message.contains(new.trimmingCharacters(in: .whitespaces)) || error.message.contains("Python dict"))
    }

    @Test func oneElementShapeNeedsATrailingCommaAsInPython() throws {
        let bytes = patched(try fixtureBytes("fortran_1d.npy"), "(3,)", "(3) ")
        #expect(decodeError(bytes)?.kind == .badHeader)
    }

    @Test func everyTruncationOfAnArchiveIsAnErrorNeverACrash() throws {
        for name in ["several.npz", "several_compressed.npz", "zip64_forced.npz"] {
            let bytes = try fixtureBytes(name)
            for length in 0..<bytes.count {
                let prefix = Array(bytes.prefix(length))
                #expect(throws: NumPyError.self, "\(name) cut at \(length)") {
                    let archive = try NPZArchive(bytes: prefix)
                    _ = try archive.readAll()
                    if archive.names.count < 4 { throw NumPyError(.badArchive, "lost arrays", source: "") }
                }
            }
        }
    }

    @Test func changedDataFailsTheCrcCheck() throws {
        var bytes = try fixtureBytes("several.npz")
        let archive = try NPZArchive(bytes: bytes)
        let header = try archive.header(named: "labels")
        #expect(header.byteCount == 16)
        // Flip a byte of the label data (int64 3, 7): the stored member's CRC no longer matches.
        let needle: [UInt8] = [3, 0, 0, 0, 0, 0, 0, 0, 7]
        let at = try #require((0...bytes.count - needle.count).first { Array(bytes[$0..<$0 + needle.count]) == needle })
        bytes[at] = 4
        let error = try #require(throws: NumPyError.self) { try NPZArchive(bytes: bytes, source: "s.npz").array(named: "labels") }
        #expect(error.kind == .checksumMismatch)
        #expect(error.source == "s.npz:labels.npy")
        #expect(try NPZArchive(bytes: bytes).array(named: "images") == archive.array(named: "images"))
    }

    @Test func damagedCompressedMembersAreErrors() throws {
        let original = try fixtureBytes("several_compressed.npz")
        // Deterministic single-byte corruptions across the whole file (xorshift).
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var failures = 0
        for _ in 0..<600 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            var bytes = original
            let index = Int(state % UInt64(bytes.count))
            bytes[index] ^= UInt8(truncatingIfNeeded: state >> 32) | 1
            do {
                _ = try NPZArchive(bytes: bytes).readAll()
            } catch {
                failures += 1
            }
        }
        // Most bytes matter; a few (timestamps, attributes, version fields) do not.
        #expect(failures > 300)
    }

    @Test func notAZipFileIsBadMagic() throws {
        let error = try #require(throws: NumPyError.self) { try NPZArchive(path: fixturePath("cube_3d.npy")) }
        #expect(error.kind == .badMagic)
        let missing = try #require(throws: NumPyError.self) { try NPZArchive(path: "/nonexistent/file.npz") }
        #expect(missing.kind == .io && missing.description.contains("/nonexistent/file.npz"))
    }
}
