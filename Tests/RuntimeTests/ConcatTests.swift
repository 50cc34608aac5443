import Testing
import Runtime

@Suite("Concat: CONCATENATION, PACK")
struct ConcatTests {
    @Test func concatenatesAlongInnerAxis() throws {
        let scratch = ScratchTensors()
        let a: TensorView<Float> = scratch.input([1, 2, 3, 4], [2, 2])
        let b: TensorView<Float> = scratch.input([5, 6, 7, 8, 9, 10], [2, 3])
        #expect(try Concat.outputShape(inputs: [[2, 2], [2, 3]], axis: -1) == [2, 5])
        let out = scratch.output([2, 5], fill: Float(0))
        try Concat.concatenate([a, b], axis: 1, into: out)
        #expect(scratch.values(out) == [1, 2, 5, 6, 7, 3, 4, 8, 9, 10])
    }

    @Test func concatenatesThreeInputsAlongOuterAxis() throws {
        let scratch = ScratchTensors()
        let inputs: [TensorView<UInt8>] = [scratch.input([1, 2], [1, 2]), scratch.input([], [0, 2]), scratch.input([3, 4, 5, 6], [2, 2])]
        let out = scratch.output([3, 2], fill: UInt8(0))
        try Concat.concatenate(inputs, axis: 0, into: out)
        #expect(scratch.values(out) == [1, 2, 3, 4, 5, 6])
    }

    @Test func concatenationRejectsMismatchedShapes() {
        #expect(throws: ShapeError.self) { try Concat.outputShape(inputs: [[2, 2], [3, 2]], axis: 1) }
        #expect(throws: ShapeError.self) { try Concat.outputShape(inputs: [[2, 2], [2]], axis: 0) }
        #expect(throws: ShapeError.self) { try Concat.outputShape(inputs: [[2, 2]], axis: 2) }
        #expect(throws: ShapeError.self) { try Concat.outputShape(inputs: [], axis: 0) }
        let scratch = ScratchTensors()
        #expect(throws: ShapeError.self) {
            try Concat.concatenate([scratch.input([Float(1), 2], [2])], axis: 0, into: scratch.output([3], fill: Float(0)))
        }
    }

    @Test func packStacksAlongNewAxis() throws {
        // np.stack([[1,2,3],[4,5,6]], axis=1) = [[1,4],[2,5],[3,6]]
        let scratch = ScratchTensors()
        let a: TensorView<Int16> = scratch.input([1, 2, 3], [3])
        let b: TensorView<Int16> = scratch.input([4, 5, 6], [3])
        #expect(try Concat.packOutputShape(inputs: [[3], [3]], axis: -1) == [3, 2])
        let out = scratch.output([3, 2], fill: Int16(0))
        try Concat.pack([a, b], axis: 1, into: out)
        #expect(scratch.values(out) == [1, 4, 2, 5, 3, 6])
        let stacked = scratch.output([2, 3], fill: Int16(0))
        try Concat.pack([a, b], axis: 0, into: stacked)
        #expect(scratch.values(stacked) == [1, 2, 3, 4, 5, 6])
        #expect(throws: ShapeError.self) { try Concat.packOutputShape(inputs: [[3], [2]], axis: 0) }
        #expect(throws: ShapeError.self) { try Concat.packOutputShape(inputs: [[3], [3]], axis: 2) }
    }
}
