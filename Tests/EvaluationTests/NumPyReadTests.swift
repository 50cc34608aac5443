import Foundation
import Testing

@testable import Evaluation

/// What numpy reported for each fixture (written by Fixtures/make_npy_fixtures.py).
struct FixtureManifest: Decodable {
    struct ArrayInfo: Decodable {
        let dtype: String
        let shape: [Int]
        let values: [String]
    }
    struct ArchiveInfo: Decodable {
        let names: [String]
        let arrays: [String: ArrayInfo]
    }
    struct GzipInfo: Decodable {
        let gnuGzip: Int
        let zlib: Int
        enum CodingKeys: String, CodingKey {
            case gnuGzip = "gzip_9n"
            case zlib = "zlib_9"
        }
    }
    let npy: [String: ArrayInfo]
    let npz: [String: ArchiveInfo]
    let rejected: [String: String]
    let gzip: [String: GzipInfo]

    static func load() throws -> FixtureManifest {
        try JSONDecoder().decode(FixtureManifest.self, from: Data(contentsOf: URL(fileURLWithPath: fixturePath("fixtures.json"))))
    }
}

func fixturePath(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
}

func fixtureBytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixturePath(name))))
}

/// The shared real-data fixtures (../shared/fixtures beside the repository), if present.
func sharedFixturePath(_ relative: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/fixtures/\(relative)").standardized.path
}

let sharedFixturesPresent = FileManager.default.fileExists(atPath: sharedFixturePath("mnist5k/test.npz"))

/// Checks `array` against numpy's dtype, shape and exact values.
func expectMatches(_ array: NDArray, _ info: FixtureManifest.ArrayInfo, _ label: String) throws {
    #expect(array.dtype.rawValue == info.dtype, "\(label)")
    #expect(array.shape == info.shape, "\(label)")
    switch array.dtype {
    case .float16, .float32, .float64:
        let expected = info.values.map { Double($0)! }
        #expect(array.doubles().map(\.bitPattern) == expected.map(\.bitPattern), "\(label)")
        #expect(array.floats().map(\.bitPattern) == expected.map { Float($0).bitPattern }, "\(label)")
    case .bool:
        #expect(try array.bools().map { $0 ? "1" : "0" } == info.values, "\(label)")
    case .uint64:
        #expect(try array.values(as: UInt64.self).map { String($0) } == info.values, "\(label)")
    default:
        #expect(try array.ints().map { String($0) } == info.values, "\(label)")
    }
}

@Suite("NumPy .npy reading")
struct NumPyReadTests {
    @Test func everyFixtureDecodesToWhatNumpyReported() throws {
        let manifest = try FixtureManifest.load()
        #expect(manifest.npy.count == 21)
        for (name, info) in manifest.npy.sorted(by: { $0.key < $1.key }) {
            try expectMatches(try NDArray(npyBytes: fixtureBytes(name), source: name), info, name)
            try expectMatches(try NDArray(npyFile: fixturePath(name)), info, name + " (file)")
        }
    }

    @Test func headerReportsVersionDtypeAndShapeWithoutReadingData() throws {
        let v1 = try NPYFile(path: fixturePath("cube_3d.npy")).header
        #expect(v1.version == 1 && v1.dtype == .int16 && v1.shape == [2, 3, 4] && v1.dataOffset == 128)
        #expect(v1.byteCount == 48 && v1.count == 24 && !v1.isBigEndian)
        #expect(try NPYFile(path: fixturePath("v2_header.npy")).header.version == 2)
        #expect(try NPYFile(path: fixturePath("v3_header.npy")).header.version == 3)
        #expect(try NPYFile(path: fixturePath("big_endian_f4.npy")).header.isBigEndian)
    }

    @Test func zeroDimensionalArrayIsOneScalar() throws {
        let scalar = try NDArray(npyFile: fixturePath("scalar_0d.npy"))
        #expect(scalar.shape == [] && scalar.rank == 0 && scalar.count == 1)
        #expect(scalar.double(at: []) == 3.5)
        #expect(try NPYFile(path: fixturePath("scalar_0d.npy")).read(rows: 0..<1) == scalar)
    }

    @Test func rowRangesMatchTheSameRowsOfTheWholeArray() throws {
        let file = try NPYFile(path: fixturePath("cube_3d.npy"))
        let whole = try file.read()
        let rows = try file.read(rows: 1..<2)
        #expect(rows.shape == [1, 3, 4])
        #expect(rows.data == whole.subarray(at: 1).data)
        // (arange(24) - 12) reshaped to 2×3×4: element [1, 2, 3] is 23 - 12.
        #expect(whole.double(at: [1, 2, 3]) == 11)
        #expect(try file.read(rows: 2..<2).shape == [0, 3, 4])
        #expect(throws: NumPyError.self) { try file.read(rows: 1..<3) }
    }

    @Test func bigEndianFilesAreConvertedToLittleEndian() throws {
        let array = try NDArray(npyFile: fixturePath("big_endian_f4.npy"))
        #expect(array.dtype == .float32)
        #expect(array.floats() == [1.25, -2.5, 1e10, 7.0])
        #expect(Array(array.data[0..<4]) == [0x00, 0x00, 0xA0, 0x3F])  // 1.25 little-endian
        let rows = try NPYFile(path: fixturePath("big_endian_i8.npy")).read(rows: 1..<3)
        #expect(try rows.ints() == [1 << 40, 3])
    }

    @Test(.enabled(if: sharedFixturesPresent, "needs ../shared/fixtures"))
    func realMnistFilesLoadWithTheShapesNumpyReports() throws {
        let x = try NDArray(npyFile: sharedFixturePath("mnist5k/x_test.npy"))
        let y = try NDArray(npyFile: sharedFixturePath("mnist5k/y_test.npy"))
        #expect(x.dtype == .float32 && x.shape == [1000, 28, 28, 1])
        #expect(y.dtype == .int64 && y.shape == [1000])
        // Values numpy printed: y[:10], y.sum(), x[0, 14, 14, 0], 100 images per class.
        let labels = try y.ints()
        #expect(Array(labels.prefix(10)) == [5, 1, 1, 3, 8, 5, 0, 0, 2, 6])
        #expect(labels.reduce(0, +) == 4500)
        #expect(x.double(at: [0, 14, 14, 0]) == 0.9921568632125854)
        #expect((0..<10).allSatisfy { digit in labels.filter { $0 == digit }.count == 100 })

        let archive = try NPZArchive(path: sharedFixturePath("mnist5k/test.npz"))
        #expect(archive.names == ["x", "y"])
        #expect(try archive.header(named: "x").shape == [1000, 28, 28, 1])
        #expect(try archive.array(named: "x") == x)
        #expect(try archive.array(named: "y") == y)
        #expect(try archive.array(named: "x", rows: 10..<20) == x.rows(10..<20, source: "x"))

        let digits = try NDArray(npyFile: sharedFixturePath("digits/x_test.npy"))
        #expect(digits.shape == [540, 8, 8, 1])
    }
}
