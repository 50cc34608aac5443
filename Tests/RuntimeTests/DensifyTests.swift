import Foundation
import Testing
import Runtime

@Suite("DENSIFY and its inverse")
struct DensifyTests {
    /// [[0, 1, 0, 2],
    ///  [3, 0, 0, 0]]
    let matrix: [Float] = [0, 1, 0, 2, 3, 0, 0, 0]
    let csr = SparseFormat(traversalOrder: [0, 1], blockMap: [],
                           dimensions: [.dense(size: 2), .sparse(segments: [0, 2, 3], indices: [1, 3, 0])])

    /// [[0, 0, 0, 0, 1, 2, 0, 3],
    ///  [4, 0, 0, 0, 0, 0, 0, 0]] stored as 1×4 blocks (TFLite's sparse FULLY_CONNECTED layout).
    let blocked: [Float] = [0, 0, 0, 0, 1, 2, 0, 3, 4, 0, 0, 0, 0, 0, 0, 0]
    let blockFormat = SparseFormat(traversalOrder: [0, 1, 2, 3], blockMap: [0, 1],
                                   dimensions: [.dense(size: 2), .sparse(segments: [0, 1, 2], indices: [1, 0]),
                                                .dense(size: 1), .dense(size: 4)])

    private func densify(_ values: [Float], _ format: SparseFormat, _ shape: [Int]) throws -> [Float] {
        let scratch = ScratchTensors()
        let output = scratch.output(shape, fill: Float.nan)
        try values.withUnsafeBufferPointer { try Densify.densify(values: $0, format: format, denseShape: shape, into: output) }
        return scratch.values(output)
    }

    @Test func densifiesCSRMatrix() throws {
        #expect(try densify([1, 2, 3], csr, [2, 4]) == matrix)
    }

    @Test func densifiesColumnMajorTraversal() throws {
        // Columns in turn: col 0 holds row 1 (3), col 1 row 0 (1), col 2 nothing, col 3 row 0 (2).
        let csc = SparseFormat(traversalOrder: [1, 0], blockMap: [],
                               dimensions: [.dense(size: 4), .sparse(segments: [0, 1, 2, 2, 3], indices: [1, 0, 0])])
        #expect(try densify([3, 1, 2], csc, [2, 4]) == matrix)
    }

    @Test func densifiesOneByFourBlocks() throws {
        #expect(try densify([1, 2, 0, 3, 4, 0, 0, 0], blockFormat, [2, 8]) == blocked)
        let singleBlockDim = SparseFormat(traversalOrder: [0, 1, 2], blockMap: [1],
                                          dimensions: [.dense(size: 2), .sparse(segments: [0, 1, 2], indices: [1, 0]), .dense(size: 4)])
        #expect(try densify([1, 2, 0, 3, 4, 0, 0, 0], singleBlockDim, [2, 8]) == blocked)
    }

    @Test func sparsifyProducesTFLiteEncoding() throws {
        let scratch = ScratchTensors()
        let (values, format) = try Densify.sparsify(scratch.input(matrix, [2, 4]), traversalOrder: [0, 1], sparseDimensions: [1])
        #expect(values == [1, 2, 3])
        #expect(format == csr)
        let (blockValues, encoded) = try Densify.sparsify(scratch.input(blocked, [2, 8]), traversalOrder: [0, 1, 2, 3],
                                                          blockMap: [0, 1], blockSizes: [1, 4], sparseDimensions: [1])
        #expect(blockValues == [1, 2, 0, 3, 4, 0, 0, 0])
        #expect(encoded == blockFormat)
    }

    @Test func sparsifyDropsEmptyRowsOfOuterCompressedLevel() throws {
        // Both levels compressed: row 1 is all zero, so it is not stored at all.
        let dense: [Int8] = [0, 5, 0, 0, 0, 0, 7, 0, 0]
        let scratch = ScratchTensors()
        let (values, format) = try Densify.sparsify(scratch.input(dense, [3, 3]), traversalOrder: [0, 1], sparseDimensions: [0, 1])
        #expect(values == [5, 7])
        #expect(format.dimensions == [.sparse(segments: [0, 2], indices: [0, 2]), .sparse(segments: [0, 1, 2], indices: [1, 0])])
        let output = scratch.output([3, 3], fill: Int8(-1))
        try values.withUnsafeBufferPointer { try Densify.densify(values: $0, format: format, denseShape: [3, 3], into: output) }
        #expect(scratch.values(output) == dense)
    }

    @Test func roundTripsBlockSparseTensors() throws {
        for round in 0..<20 {
            let shape = [4, 6, 2]
            // A deterministic scatter of non-zeros that differs per round.
            let dense = (0..<48).map { i in (i * 37 + round * 11) % 7 < 4 ? 0 : Float((i + round) % 9 + 1) }
            let scratch = ScratchTensors()
            let (values, format) = try Densify.sparsify(scratch.input(dense, shape), traversalOrder: [1, 0, 2, 3],
                                                        blockMap: [1], blockSizes: [3], sparseDimensions: [0, 1])
            let output = scratch.output(shape, fill: Float.nan)
            try values.withUnsafeBufferPointer { try Densify.densify(values: $0, format: format, denseShape: shape, into: output) }
            #expect(scratch.values(output) == dense)
        }
    }

    @Test func corruptFormatsAreShapeErrors() {
        func rejects(_ format: SparseFormat, values: Int = 3, shape: [Int] = [2, 4], _ comment: Comment) {
            #expect(throws: ShapeError.self, comment) {
                try Densify.outputShape(denseShape: shape, format: format, valueCount: values)
            }
        }
        func matrix(_ dims: [SparseFormat.Dimension], order: [Int] = [0, 1]) -> SparseFormat {
            SparseFormat(traversalOrder: order, blockMap: [], dimensions: dims)
        }
        rejects(matrix([.dense(size: 2), .sparse(segments: [0, 2, 3], indices: [1, 4, 0])]), "index past the dimension")
        rejects(matrix([.dense(size: 2), .sparse(segments: [0, 2, 3], indices: [1, -1, 0])]), "negative index")
        rejects(matrix([.dense(size: 2), .sparse(segments: [0, 3], indices: [1, 3, 0])]), "too few segments")
        rejects(matrix([.dense(size: 2), .sparse(segments: [0, 3, 2], indices: [1, 3, 0])]), "decreasing segments")
        rejects(matrix([.dense(size: 2), .sparse(segments: [1, 2, 3], indices: [1, 3, 0])]), "segments not from 0")
        rejects(matrix([.dense(size: 2), .sparse(segments: [0, 2, 4], indices: [1, 3, 0])]), "segment past the indices")
        rejects(matrix([.dense(size: 3), .sparse(segments: [0, 2, 3], indices: [1, 3, 0])]), "dense size differs from shape")
        rejects(matrix([.dense(size: 2), .sparse(segments: [0, 2, 3], indices: [1, 3, 0])]), values: 4, "value count")
        rejects(matrix([.dense(size: 2), .sparse(segments: [0, 2, 3], indices: [1, 3, 0])], order: [0, 0]), "traversal order")
        rejects(matrix([.dense(size: 2)]), "metadata count")
        rejects(SparseFormat(traversalOrder: [0, 1, 2], blockMap: [1],
                             dimensions: [.dense(size: 2), .sparse(segments: [0, 1, 2], indices: [0, 0]), .dense(size: 3)]),
                values: 6, shape: [2, 8], "block size does not divide")
        rejects(SparseFormat(traversalOrder: [0, 1, 2], blockMap: [1],
                             dimensions: [.dense(size: 2), .dense(size: 2), .sparse(segments: [0, 1, 2, 3, 4], indices: [0, 0, 0, 0])]),
                values: 4, shape: [2, 8], "sparse block level")
        rejects(SparseFormat(traversalOrder: [0, 1, 2], blockMap: [2],
                             dimensions: [.dense(size: 2), .dense(size: 2), .dense(size: 4)]),
                values: 16, shape: [2, 8], "block map outside the rank")
    }

    @Test func densifyRefusesWrongOutputShape() {
        let scratch = ScratchTensors()
        let output = scratch.output([4, 2], fill: Float(0))
        #expect(throws: ShapeError.self) {
            try [Float(1), 2, 3].withUnsafeBufferPointer { try Densify.densify(values: $0, format: csr, denseShape: [2, 4], into: output) }
        }
        #expect(scratch.values(output) == [Float](repeating: 0, count: 8))
    }

    // MARK: - Real model

    private struct Fixture: Decodable {
        struct Case: Decodable {
            struct Dimension: Decodable {
                var dense_size: Int?
                var segments: [Int]?
                var indices: [Int]?
            }
            var tensor: String
            var dense_shape: [Int]
            var traversal_order: [Int]
            var block_map: [Int]
            var dimensions: [Dimension]
            var values_bits: [UInt32]
            var dense_bits: [UInt32]
        }
        var cases: [Case]
    }

    /// Sparse weights of digits_pruned80_sparse_float32.tflite with the dense tensors LiteRT's
    /// DENSIFY kernel produced (Fixtures/densify/make_fixture.py).
    @Test func matchesLiteRTOnPrunedDigitsModel() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/densify/digits_pruned80_sparse.json")
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        #expect(fixture.cases.count == 3)
        for item in fixture.cases {
            let dimensions = item.dimensions.map { d -> SparseFormat.Dimension in
                if let size = d.dense_size { return .dense(size: size) }
                return .sparse(segments: d.segments ?? [], indices: d.indices ?? [])
            }
            let format = SparseFormat(traversalOrder: item.traversal_order, blockMap: item.block_map, dimensions: dimensions)
            let values = item.values_bits.map(Float.init(bitPattern:))
            let dense = try densify(values, format, item.dense_shape)
            #expect(dense.map(\.bitPattern) == item.dense_bits, "\(item.tensor)")

            let scratch = ScratchTensors()
            let (encoded, encodedFormat) = try Densify.sparsify(
                scratch.input(item.dense_bits.map(Float.init(bitPattern:)), item.dense_shape),
                traversalOrder: item.traversal_order, sparseDimensions: [item.dense_shape.count - 1])
            #expect(encoded.map(\.bitPattern) == item.values_bits, "\(item.tensor)")
            #expect(encodedFormat == format, "\(item.tensor)")
        }
    }
}
