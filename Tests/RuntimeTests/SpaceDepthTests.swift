import Testing
import Runtime

@Suite("SpaceDepth: DEPTH_TO_SPACE, SPACE_TO_DEPTH")
struct SpaceDepthTests {
    // Expected arrays computed offline with tf.nn.depth_to_space / tf.nn.space_to_depth.

    @Test func depthToSpaceMatchesTensorFlow() throws {
        let scratch = ScratchTensors()
        let input = scratch.input((0..<16).map(Int32.init), [1, 1, 2, 8])
        let shape = try SpaceDepth.depthToSpaceOutputShape(input: [1, 1, 2, 8], blockSize: 2)
        #expect(shape == [1, 2, 4, 2])
        let out = scratch.output(shape, fill: Int32(-1))
        try SpaceDepth.depthToSpace(input, blockSize: 2, into: out)
        #expect(scratch.values(out) == [0, 1, 2, 3, 8, 9, 10, 11, 4, 5, 6, 7, 12, 13, 14, 15])
    }

    @Test func spaceToDepthMatchesTensorFlow() throws {
        let scratch = ScratchTensors()
        let input = scratch.input((0..<32).map(Float.init), [1, 4, 4, 2])
        let shape = try SpaceDepth.spaceToDepthOutputShape(input: [1, 4, 4, 2], blockSize: 2)
        #expect(shape == [1, 2, 2, 8])
        let out = scratch.output(shape, fill: Float(-1))
        try SpaceDepth.spaceToDepth(input, blockSize: 2, into: out)
        #expect(scratch.values(out) == [0, 1, 2, 3, 8, 9, 10, 11, 4, 5, 6, 7, 12, 13, 14, 15,
                                        16, 17, 18, 19, 24, 25, 26, 27, 20, 21, 22, 23, 28, 29, 30, 31])
    }

    @Test func rejectsIndivisibleShapesAndBadBlocks() {
        #expect(throws: ShapeError.self) { try SpaceDepth.depthToSpaceOutputShape(input: [1, 2, 2, 6], blockSize: 2) }
        #expect(throws: ShapeError.self) { try SpaceDepth.spaceToDepthOutputShape(input: [1, 3, 4, 1], blockSize: 2) }
        #expect(throws: ShapeError.self) { try SpaceDepth.spaceToDepthOutputShape(input: [1, 4, 4, 1], blockSize: 0) }
        #expect(throws: ShapeError.self) { try SpaceDepth.depthToSpaceOutputShape(input: [4, 4, 4], blockSize: 2) }
    }
}
