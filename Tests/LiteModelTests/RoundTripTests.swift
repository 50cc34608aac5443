import Foundation
import LiteModel
import Testing
import TestSupport

/// decode → encode → decode must give an equal value and keep every byte that matters.
@Suite struct RoundTripTests {
    static let models = Fixtures.allModels

    @Test func fixturesAreFound() {
        #expect(Self.models.count >= 30, "expected the shared and committed fixtures, found \(Self.models.count)")
    }

    @Test(arguments: models)
    func reencodedModelDecodesToEqualValue(url: URL) throws {
        let original = try Model(bytes: Fixtures.bytes(url))
        let bytes = try original.encoded()
        let again = try Model(bytes: bytes)
        #expect(again == original)
        #expect(try again.encoded() == bytes, "encoding is deterministic")
    }

    @Test(arguments: models)
    func buffersMetadataAndSignaturesSurvive(url: URL) throws {
        let original = try Model(bytes: Fixtures.bytes(url))
        let again = try Model(bytes: original.encoded())
        #expect(again.buffers.map(\.data) == original.buffers.map(\.data))
        #expect(again.metadataEntries.map(\.name) == original.metadataEntries.map(\.name))
        #expect(again.metadataEntries.map(\.bytes) == original.metadataEntries.map(\.bytes))
        #expect(again.signatureDefs == original.signatureDefs)
    }

    @Test(arguments: models)
    func tensorDataIsSixteenByteAligned(url: URL) throws {
        let bytes = try Model(bytes: Fixtures.bytes(url)).encoded()
        let model = try Model(bytes: bytes)
        // Find each non-empty buffer's bytes in the file and check the alignment of where it starts.
        let reader = try FlatBufferPositions(bytes)
        for range in reader.bufferDataRanges where !range.isEmpty {
            #expect(range.lowerBound % 16 == 0, "buffer data at \(range.lowerBound) is not 16-byte aligned")
        }
        #expect(reader.bufferDataRanges.count == model.buffers.count)
    }
}
