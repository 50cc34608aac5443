import FlatBuffers

/// Locates `Model.buffers[i].data` inside a FlatBuffer, to check byte placement in tests.
struct FlatBufferPositions {
    let bufferDataRanges: [Range<Int>]

    init(_ bytes: [UInt8]) throws {
        let reader = try FlatBufferReader(bytes: bytes)
        let root = try reader.root()
        let buffers = try root.tables(4) ?? []  // Model.buffers is slot 4
        bufferDataRanges = try buffers.map { try $0.byteRange(0) ?? 0..<0 }
    }
}
