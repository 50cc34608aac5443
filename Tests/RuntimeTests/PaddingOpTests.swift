import Testing
import Runtime

@Suite("PadOp: PAD, PADV2")
struct PaddingOpTests {
    @Test func padsEachSideWithTheGivenValue() throws {
        // np.pad([[1,2],[3,4]], ((1,0),(0,2)), constant_values=9)
        let scratch = ScratchTensors()
        let input: TensorView<Float> = scratch.input([1, 2, 3, 4], [2, 2])
        let shape = try PadOp.outputShape(input: [2, 2], paddings: [1, 0, 0, 2])
        #expect(shape == [3, 4])
        let out = scratch.output(shape, fill: Float(-1))
        try PadOp.pad(input, paddings: [1, 0, 0, 2], value: 9, into: out)
        #expect(scratch.values(out) == [9, 9, 9, 9, 1, 2, 9, 9, 3, 4, 9, 9])
    }

    @Test func padsQuantizedTensorWithZeroPoint() throws {
        // np.pad(x, ((0,0),(1,1),(1,0),(0,0)), constant_values=-128) for x = [[[[1],[2]]]] (1×1×2×1)
        let scratch = ScratchTensors()
        let input: TensorView<Int8> = scratch.input([1, 2], [1, 1, 2, 1])
        let out = scratch.output([1, 3, 3, 1], fill: Int8(0))
        try PadOp.pad(input, paddings: [0, 0, 1, 1, 1, 0, 0, 0], value: -128, into: out)
        #expect(scratch.values(out) == [-128, -128, -128, -128, 1, 2, -128, -128, -128])
    }

    @Test func padsScalarsAndEmptyTensors() throws {
        let scratch = ScratchTensors()
        let scalar = scratch.output([], fill: Int32(0))
        try PadOp.pad(scratch.input([7], []), paddings: [], value: 0, into: scalar)
        #expect(scratch.values(scalar) == [7])
        let empty = scratch.output([2, 1], fill: Int32(5))
        try PadOp.pad(scratch.input([], [0, 1]), paddings: [1, 1, 0, 0], value: 3, into: empty)
        #expect(scratch.values(empty) == [3, 3])
    }

    @Test func rejectsBadPaddings() {
        #expect(throws: ShapeError.self) { try PadOp.outputShape(input: [2, 2], paddings: [1, 1]) }
        #expect(throws: ShapeError.self) { try PadOp.outputShape(input: [2, 2], paddings: [0, 0, -1, 0]) }
        let scratch = ScratchTensors()
        #expect(throws: ShapeError.self) {
            try PadOp.pad(scratch.input([Float(1)], [1]), paddings: [1, 1], value: 0, into: scratch.output([2], fill: Float(0)))
        }
    }
}
