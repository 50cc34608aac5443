import LiteModel
import Testing

/// Buffers stored after the FlatBuffer (`Buffer.offset/size`), as TFLite's large-model exporter
/// writes them, and hostile variants of that layout.
@Suite struct OutsideBufferTests {
    /// A model whose buffer 1 holds 4096 inline bytes and whose other buffers point into the file.
    private func model(pointers: [(offset: UInt64, size: UInt64)]) -> Model {
        var model = Model()
        model.version = 3
        var filler = Buffer()
        filler.data = [UInt8](repeating: 7, count: 4096)
        model.buffers = [Buffer(), filler] + pointers.map { pointer in
            var buffer = Buffer()
            buffer.offset = pointer.offset
            buffer.size = pointer.size
            return buffer
        }
        model.subgraphs = [SubGraph()]
        return model
    }

    @Test func identicalRangesDecodeToTheSameBytes() throws {
        let bytes = try model(pointers: Array(repeating: (64, 100), count: 500)).encoded()
        let decoded = try Model(bytes: bytes)
        #expect(decoded.buffers[2].data == Array(bytes[64..<164]))
        #expect(decoded.buffers.dropFirst(2).allSatisfy { $0.data == decoded.buffers[2].data && $0.offset == 0 })
    }

    @Test func overlappingRangesBeyondTheFileSizeAreRejected() throws {
        // 500 distinct ranges of 3000 bytes would need 1.5 MB from a ~10 KB file.
        let bytes = try model(pointers: (0..<500).map { (UInt64(16 + $0), 3000) }).encoded()
        #expect {
            _ = try Model(bytes: bytes)
        } throws: { error in
            guard case ModelError.corrupt(let detail) = error else { return false }
            return detail.message.contains("overlaps")
        }
    }

    @Test func markedModelsKeepTheirDataAfterTheFlatBuffer() throws {
        var original = model(pointers: [])
        var marker = Buffer()
        marker.data = Array("outside flatbuffers".utf8)
        original.buffers.append(marker)
        var entry = Metadata()
        entry.name = "buffer_location"
        entry.buffer = UInt32(original.buffers.count - 1)
        original.metadata = [entry]
        #expect(original.storesBuffersOutside)
        let bytes = try original.encoded()
        let decoded = try Model(bytes: bytes)
        #expect(decoded == original)
        // The 4096 filler bytes sit after the FlatBuffer, 16-byte aligned, and nowhere inline.
        let start = bytes.count - 16 - 4096
        #expect(start % 16 == 0)
        #expect(Array(bytes[start..<start + 4096]) == original.buffers[1].data)
        #expect(try decoded.encoded() == bytes)
    }
}
