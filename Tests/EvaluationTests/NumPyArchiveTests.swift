import Foundation
import Testing

@testable import Evaluation

@Suite("NumPy .npz reading")
struct NumPyArchiveTests {
    static let archives = ["several.npz", "several_compressed.npz", "zip64_forced.npz"]

    @Test(arguments: archives + ["flushed_deflate.npz"])
    func archiveDecodesToWhatNumpyReported(name: String) throws {
        let manifest = try FixtureManifest.load()
        let expected = try #require(manifest.npz[name])
        let archive = try NPZArchive(path: fixturePath(name))
        #expect(archive.names == expected.names)
        for arrayName in expected.names {
            try expectMatches(try archive.array(named: arrayName), try #require(expected.arrays[arrayName]), "\(name):\(arrayName)")
        }
        let all = try NamedArrays(npzFile: fixturePath(name))
        #expect(all.names == expected.names)
        #expect(try NPZArchive(bytes: fixtureBytes(name), source: name).readAll() == all)
    }

    @Test(arguments: archives)
    func headersAndRowRangesComeWithoutReadingWholeArrays(name: String) throws {
        let archive = try NPZArchive(path: fixturePath(name))
        let header = try archive.header(named: "images")
        #expect(header.dtype == .float32 && header.shape == [2, 4, 4, 1])
        let images = try archive.array(named: "images")
        #expect(try archive.array(named: "images", rows: 1..<2).data == images.subarray(at: 1).data)
        #expect(try archive.array(named: "scale", rows: 0..<1).floats() == [0.5])
        #expect(throws: NumPyError.self) { try archive.array(named: "labels", rows: 0..<3) }
    }

    @Test func headerOfAPoorlyCompressedMemberIsStillFound() throws {
        // Its deflate stream is ~21 bytes per output byte, so the usual 2n + 1 KiB read falls short.
        let archive = try NPZArchive(path: fixturePath("flushed_deflate.npz"))
        let header = try archive.header(named: "grid")
        #expect(header.dtype == .float32 && header.shape == [2, 3] && header.dataOffset == 128)
        #expect(try archive.array(named: "grid", rows: 1..<2).floats() == [3, 4, 5])
    }

    @Test func missingArrayNamesTheOnesThatExist() throws {
        let archive = try NPZArchive(path: fixturePath("several.npz"))
        let error = try #require(throws: NumPyError.self) { try archive.array(named: "nope") }
        #expect(error.kind == .missingArray)
        #expect(error.description.contains("images, labels, scale, mask"))
    }
}
