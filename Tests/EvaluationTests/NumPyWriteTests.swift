import Foundation
import Testing

@testable import Evaluation

/// Runs numpy (the interpreter in `EDGEWISE_PYTHON`) on `path` and returns what it reports.
private func numpyReport(of path: String, python: String) throws -> FixtureManifest.ArchiveInfo {
    let script = """
        import json, sys, numpy as np
        def describe(a):
            flat = a.reshape(-1)
            if a.dtype.kind == 'f': values = [repr(float(v)) for v in flat]
            elif a.dtype.kind == 'b': values = ['1' if v else '0' for v in flat]
            else: values = [str(int(v)) for v in flat]
            return dict(dtype=a.dtype.newbyteorder('=').name, shape=list(a.shape), values=values)
        p = sys.argv[1]
        if p.endswith('.npz'):
            with np.load(p) as z: out = dict(names=list(z.files), arrays={k: describe(z[k]) for k in z.files})
        else:
            out = dict(names=['array'], arrays={'array': describe(np.load(p))})
        print(json.dumps(out))
        """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", script, path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "numpy could not read \(path)")
    return try JSONDecoder().decode(FixtureManifest.ArchiveInfo.self, from: output)
}

private let python = ProcessInfo.processInfo.environment["EDGEWISE_PYTHON"]

private func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("edgewise-np-\(UUID().uuidString)-\(name)").path
}

/// Builds the array from numpy's printed values (not from our reader).
private func arrayFromText(_ info: FixtureManifest.ArrayInfo) throws -> NDArray {
    let v = info.values
    let shape = info.shape
    switch DType(rawValue: info.dtype)! {
    case .float32: return try NDArray(floats: v.map { Float(Double($0)!) }, shape: shape)
    case .float64: return try NDArray(doubles: v.map { Double($0)! }, shape: shape)
    case .float16: return try NDArray(float16Bits: v.map { halfBits(Double($0)!) }, shape: shape)
    case .int8: return try NDArray(int8s: v.map { Int8($0)! }, shape: shape)
    case .uint8: return try NDArray(uint8s: v.map { UInt8($0)! }, shape: shape)
    case .int16: return try NDArray(v.map { Int16($0)! }, shape: shape)
    case .uint16: return try NDArray(v.map { UInt16($0)! }, shape: shape)
    case .int32: return try NDArray(int32s: v.map { Int32($0)! }, shape: shape)
    case .uint32: return try NDArray(v.map { UInt32($0)! }, shape: shape)
    case .int64: return try NDArray(int64s: v.map { Int64($0)! }, shape: shape)
    case .uint64: return try NDArray(v.map { UInt64($0)! }, shape: shape)
    case .bool: return try NDArray(bools: v.map { $0 == "1" }, shape: shape)
    }
}

/// float16 bits for the few exactly representable values the fixtures use (hand-derived).
private func halfBits(_ value: Double) -> UInt16 {
    let table: [Double: UInt16] = [0: 0x0000, 1.5: 0x3E00, 65504: 0x7BFF, 0x1p-24: 0x0001, -3.140625: 0xC248]
    if value == 0, value.sign == .minus { return 0x8000 }
    return table[value]!
}

@Suite("NumPy writing")
struct NumPyWriteTests {
    @Test func writerReproducesNumpysBytesForEveryVersion1Fixture() throws {
        let manifest = try FixtureManifest.load()
        let written = manifest.npy.keys.filter { !$0.hasPrefix("big_endian") && !$0.hasPrefix("v") && $0 != "fortran_1d.npy" }
        #expect(written.count == 16)
        for name in written.sorted() {
            let array = try arrayFromText(try #require(manifest.npy[name]))
            #expect(array.npyBytes() == (try fixtureBytes(name)), "\(name)")
        }
    }

    @Test func writtenFileHasNumpysBytesAndReplacesAtomically() throws {
        let path = temporaryPath("cube.npy")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let cube = try NDArray(npyFile: fixturePath("cube_3d.npy"))
        try NDArray(floats: [1], shape: [1]).writeNPY(to: path)
        try cube.writeNPY(to: path)
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == (try fixtureBytes("cube_3d.npy")))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix(URL(fileURLWithPath: path).lastPathComponent + ".tmp") }
        #expect(leftovers.isEmpty)
        #expect(throws: NumPyError.self) { try cube.writeNPY(to: "/nonexistent-dir/x.npy") }
    }

    @Test func headersTooLongForVersion1UseVersion2() throws {
        let shape = [Int](repeating: 1, count: 22_000)  // "1, " × 22000 > 65535 bytes
        let bytes = try NDArray(floats: [2.5], shape: shape).npyBytes()
        #expect(Array(bytes[6..<8]) == [2, 0])
        #expect((bytes.count - 4) % 64 == 0)
        let back = try NDArray(npyBytes: bytes)
        #expect(back.shape == shape && back.floats() == [2.5])
    }

    @Test func npzRoundTripKeepsNamesOrderAndValues() throws {
        let arrays: NamedArrays = [
            "z": try NDArray(int64s: [3, 1, 2], shape: [3]),
            "a": try NDArray(floats: [0.5, -1, 2, 4], shape: [2, 2]),
            "scalar": try NDArray(bools: [true], shape: []),
        ]
        #expect(arrays.names == ["z", "a", "scalar"])
        #expect(try NPZArchive(bytes: arrays.npzBytes()).readAll() == arrays)
        let path = temporaryPath("round.npz")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try arrays.writeNPZ(to: path)
        #expect(try NamedArrays(npzFile: path) == arrays)
    }

    @Test func namedArraysReplaceInPlaceAndRemove() throws {
        var arrays: NamedArrays = ["x": try NDArray(floats: [1], shape: [1]), "y": try NDArray(floats: [2], shape: [1])]
        arrays["x"] = try NDArray(floats: [3], shape: [1])
        #expect(arrays.names == ["x", "y"] && arrays["x"]?.floats() == [3])
        arrays["x"] = nil
        #expect(arrays.names == ["y"] && arrays.arrays.count == 1)
        #expect(arrays.ordered.map(\.name) == ["y"])
    }

    @Test func zip64FieldsAreWrittenWhenSizesNeedThem() throws {
        let arrays = try NPZArchive(path: fixturePath("several.npz")).readAll()
        let sink = MemorySink()
        try arrays.writeNPZ(to: sink, zip64Threshold: 64)
        let bytes = sink.bytes
        let zip64End: [UInt8] = [0x50, 0x4B, 0x06, 0x06]
        #expect((0..<bytes.count - 3).contains { Array(bytes[$0..<$0 + 4]) == zip64End })
        #expect(try NPZArchive(bytes: bytes).readAll() == arrays)
    }

    @Test(.enabled(if: python != nil, "set EDGEWISE_PYTHON to a python with numpy"))
    func numpyReadsWhatWeWrite() throws {
        let python = try #require(python)
        let manifest = try FixtureManifest.load()
        let expected = try #require(manifest.npz["several.npz"])
        let arrays = try NPZArchive(path: fixturePath("several.npz")).readAll()
        for zip64 in [false, true] {
            let path = temporaryPath("several.npz")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let sink = MemorySink()
            try arrays.writeNPZ(to: sink, zip64Threshold: zip64 ? 64 : 0xFFFF_FFFF)
            try Data(sink.bytes).write(to: URL(fileURLWithPath: path))
            let report = try numpyReport(of: path, python: python)
            #expect(report.names == expected.names)
            for name in expected.names {
                #expect(report.arrays[name]?.values == expected.arrays[name]?.values, "\(name) zip64=\(zip64)")
                #expect(report.arrays[name]?.shape == expected.arrays[name]?.shape)
            }
        }
        let path = temporaryPath("wide.npy")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try NDArray(int32s: [-7, 0, 7, 1 << 30], shape: [2, 2]).writeNPY(to: path)
        let report = try numpyReport(of: path, python: python)
        #expect(report.arrays["array"]?.values == ["-7", "0", "7", "1073741824"])
        #expect(report.arrays["array"]?.dtype == "int32")
    }
}
