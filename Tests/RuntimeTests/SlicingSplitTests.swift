import Testing
import Runtime

@Suite("Split: SPLIT, SPLIT_V, UNPACK")
struct SlicingSplitTests {
    @Test func splitIntoEqualPiecesAlongNegativeAxis() throws {
        let scratch = ScratchTensors()
        let input = scratch.input((0..<12).map(Float.init), [3, 4])
        let shapes = try Split.splitOutputShapes(input: [3, 4], axis: -1, numSplits: 2)
        #expect(shapes == [[3, 2], [3, 2]])
        let outputs = shapes.map { scratch.output($0, fill: Float(-1)) }
        try Split.split(input, axis: -1, into: outputs)
        #expect(scratch.values(outputs[0]) == [0, 1, 4, 5, 8, 9])
        #expect(scratch.values(outputs[1]) == [2, 3, 6, 7, 10, 11])
        #expect(throws: ShapeError.self) { try Split.splitOutputShapes(input: [3, 4], axis: 0, numSplits: 2) }
        #expect(throws: ShapeError.self) { try Split.splitOutputShapes(input: [3, 4], axis: 2, numSplits: 1) }
    }

    @Test func splitVFillsTheMinusOneEntry() throws {
        let scratch = ScratchTensors()
        let input = scratch.input((0..<12).map(Int8.init), [6, 2])
        let shapes = try Split.splitVOutputShapes(input: [6, 2], sizeSplits: [1, -1, 2], axis: 0)
        #expect(shapes == [[1, 2], [3, 2], [2, 2]])
        let outputs = shapes.map { scratch.output($0, fill: Int8(-1)) }
        try Split.split(input, axis: 0, into: outputs)
        #expect(scratch.values(outputs[0]) == [0, 1])
        #expect(scratch.values(outputs[1]) == [2, 3, 4, 5, 6, 7])
        #expect(scratch.values(outputs[2]) == [8, 9, 10, 11])
    }

    @Test func splitVRejectsBadSizes() {
        #expect(throws: ShapeError.self) { try Split.splitVOutputShapes(input: [6], sizeSplits: [1, 2], axis: 0) }
        #expect(throws: ShapeError.self) { try Split.splitVOutputShapes(input: [6], sizeSplits: [-1, -1], axis: 0) }
        #expect(throws: ShapeError.self) { try Split.splitVOutputShapes(input: [6], sizeSplits: [7, -1], axis: 0) }
        #expect(throws: ShapeError.self) { try Split.splitVOutputShapes(input: [6], sizeSplits: [8, -2], axis: 0) }
    }

    @Test func splitRejectsOutputsThatDoNotCoverTheAxis() {
        let scratch = ScratchTensors()
        let input: TensorView<Float> = scratch.input([1, 2, 3, 4], [4])
        #expect(throws: ShapeError.self) { try Split.split(input, axis: 0, into: [scratch.output([3], fill: 0)]) }
        #expect(throws: ShapeError.self) { try Split.split(input, axis: 0, into: [scratch.output([4, 1], fill: 0)]) }
    }

    @Test func unpackMiddleAxis() throws {
        // np.arange(12).reshape(2,3,2) unstacked on axis 1: [[0,1],[6,7]], [[2,3],[8,9]], [[4,5],[10,11]]
        let scratch = ScratchTensors()
        let input = scratch.input((0..<12).map(Int32.init), [2, 3, 2])
        let shapes = try Split.unpackOutputShapes(input: [2, 3, 2], axis: -2, num: 3)
        #expect(shapes == [[2, 2], [2, 2], [2, 2]])
        let outputs = shapes.map { scratch.output($0, fill: Int32(-1)) }
        try Split.unpack(input, axis: 1, into: outputs)
        #expect(outputs.map { scratch.values($0) } == [[0, 1, 6, 7], [2, 3, 8, 9], [4, 5, 10, 11]])
        #expect(throws: ShapeError.self) { try Split.unpackOutputShapes(input: [2, 3, 2], axis: 1, num: 2) }
    }
}
