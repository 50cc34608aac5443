import Testing
import Runtime

@Suite("GATHER")
struct GatherTests {
    /// params = np.arange(24).reshape(2, 3, 4)
    let params = (0..<24).map(Float.init)

    // Expected arrays computed offline with tf.gather.

    @Test func gatherAlongAxisWithMatrixIndices() throws {
        let scratch = ScratchTensors()
        let input = scratch.input(params, [2, 3, 4])
                let idx: TensorView<Int32> = scratch.input([2, 0, 1, 1], [2, 2])
        let shape = try Gather.outputShape(params: [2, 3, 4], indices: [2, 2], axis: 1, batchDims: 0)
        #expect(shape == [2, 2, 2, 4])
        let out = scratch.output(shape, fill: Float(-1))
        try Gather.gather(input, indices: idx, axis: 1, batchDims: 0, into: out)
        #expect(scratch.values(out) == [8, 9, 10, 11, 0, 1, 2, 3, 4, 5, 6, 7, 4, 5, 6, 7,
                                        20, 21, 22, 23, 12, 13, 14, 15, 16, 17, 18, 19, 16, 17, 18, 19])
    }

    @Test func gatherWithBatchDimsOnLastAxis() throws {
        // tf.gather(params, [[2, 0], [1, 1]], axis=2, batch_dims=1)
        let scratch = ScratchTensors()
        let input = scratch.input(params, [2, 3, 4])
                let idx: TensorView<Int64> = scratch.input([2, 0, 1, 1], [2, 2])
        let shape = try Gather.outputShape(params: [2, 3, 4], indices: [2, 2], axis: -1, batchDims: -1)
        #expect(shape == [2, 3, 2])
        let out = scratch.output(shape, fill: Float(-1))
        try Gather.gather(input, indices: idx, axis: 2, batchDims: 1, into: out)
        #expect(scratch.values(out) == [2, 0, 6, 4, 10, 8, 13, 13, 17, 17, 21, 21])
    }

    @Test func gatherWithBatchDimsOnMiddleAxis() throws {
        // tf.gather(params, [[2, 0], [1, 1]], axis=1, batch_dims=1)
        let scratch = ScratchTensors()
        let input = scratch.input(params, [2, 3, 4])
                let idx: TensorView<Int32> = scratch.input([2, 0, 1, 1], [2, 2])
        let out = scratch.output([2, 2, 4], fill: Float(-1))
        try Gather.gather(input, indices: idx, axis: 1, batchDims: 1, into: out)
        #expect(scratch.values(out) == [8, 9, 10, 11, 0, 1, 2, 3, 16, 17, 18, 19, 16, 17, 18, 19])
    }

    @Test func outOfRangeAndNegativeIndicesAreErrors() {
        let scratch = ScratchTensors()
        let input = scratch.input(params, [2, 3, 4])
                let out = scratch.output([2, 1, 4], fill: Float(-1))
        #expect(throws: ShapeError.self) {
            try Gather.gather(input, indices: scratch.input([Int32(3)], [1]), axis: 1, batchDims: 0, into: out)
        }
        #expect(throws: ShapeError.self) {
            try Gather.gather(input, indices: scratch.input([Int32(-1)], [1]), axis: 1, batchDims: 0, into: out)
        }
        #expect(scratch.values(out).allSatisfy { $0 == -1 })  // nothing written
    }

    @Test func invalidAxisOrBatchDimsAreErrors() {
        #expect(throws: ShapeError.self) { try Gather.outputShape(params: [2, 3], indices: [2], axis: 2, batchDims: 0) }
        #expect(throws: ShapeError.self) { try Gather.outputShape(params: [2, 3], indices: [2, 2], axis: 0, batchDims: 1) }
        #expect(throws: ShapeError.self) { try Gather.outputShape(params: [2, 3], indices: [3, 2], axis: 1, batchDims: 1) }
    }
}
