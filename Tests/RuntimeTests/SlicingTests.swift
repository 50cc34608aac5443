import Testing
import Runtime

@Suite("Slicing: SLICE, STRIDED_SLICE")
struct SlicingTests {
    /// x = np.arange(24).reshape(2, 3, 4)
    let x = (0..<24).map(Int32.init)

    private func strided(
        _ begin: [Int], _ end: [Int], _ strides: [Int], _ options: Slicing.StridedSliceOptions
    ) throws -> (shape: [Int], values: [Int32]) {
        let scratch = ScratchTensors()
        let input = scratch.input(x, [2, 3, 4])
        let shape = try Slicing.stridedSliceOutputShape(input: [2, 3, 4], begin: begin, end: end, strides: strides, options: options)
        let output = scratch.output(shape, fill: Int32(-1))
        try Slicing.stridedSlice(input, begin: begin, end: end, strides: strides, options: options, into: output)
        return (shape, scratch.values(output))
    }

    @Test func sliceWithMinusOneSize() throws {
        let scratch = ScratchTensors()
        let input = scratch.input(x, [2, 3, 4])
        #expect(try Slicing.sliceOutputShape(input: [2, 3, 4], begin: [1, 0, 2], size: [1, -1, 2]) == [1, 3, 2])
        let output = scratch.output([1, 3, 2], fill: Int32(-1))
        try Slicing.slice(input, begin: [1, 0, 2], size: [1, -1, 2], into: output)
        #expect(scratch.values(output) == [14, 15, 18, 19, 22, 23])  // x[1:2, 0:, 2:4]
    }

    @Test func sliceOfLeadingColumnsSkipsTheRest() throws {
        // np.arange(9).reshape(3, 3)[:, 0:2]; row length 3 equals the row count, which a wrong
        // contiguity merge would mistake for one run.
        let scratch = ScratchTensors()
        let input: TensorView<Int32> = scratch.input((0..<9).map(Int32.init), [3, 3])
        let output = scratch.output([3, 2], fill: Int32(-1))
        try Slicing.slice(input, begin: [0, 0], size: [3, 2], into: output)
        #expect(scratch.values(output) == [0, 1, 3, 4, 6, 7])
    }

    @Test func sliceRejectsOutOfRangeBoxes() {
        #expect(throws: ShapeError.self) { try Slicing.sliceOutputShape(input: [4], begin: [-1], size: [1]) }
        #expect(throws: ShapeError.self) { try Slicing.sliceOutputShape(input: [4], begin: [2], size: [3]) }
        #expect(throws: ShapeError.self) { try Slicing.sliceOutputShape(input: [4], begin: [5], size: [-1]) }
        #expect(throws: ShapeError.self) { try Slicing.sliceOutputShape(input: [4], begin: [0], size: [-2]) }
        #expect(throws: ShapeError.self) { try Slicing.sliceOutputShape(input: [4, 4], begin: [0], size: [1]) }
    }

    // Expected arrays below were computed offline with NumPy on x.

    @Test func beginAndEndMasksWithStride() throws {
        // x[:, 1:, ::2]
        let r = try strided([0, 1, 0], [0, 0, 0], [1, 1, 2], .init(beginMask: 0b101, endMask: 0b111))
        #expect(r.shape == [2, 2, 2])
        #expect(r.values == [4, 6, 8, 10, 16, 18, 20, 22])
    }

    @Test func negativeStrideWithShrinkAxes() throws {
        // x[1, ::-1, -1]
        let r = try strided([1, 0, -1], [2, 0, 0], [1, -1, 1], .init(beginMask: 0b010, endMask: 0b010, shrinkAxisMask: 0b101))
        #expect(r.shape == [3])
        #expect(r.values == [23, 19, 15])
    }

    @Test func negativeStridesClampToTheAxis() throws {
        // x[:, 2::-2, 3:0:-1]
        let r = try strided([0, 2, 3], [0, 0, 0], [1, -2, -1], .init(beginMask: 0b001, endMask: 0b011))
        #expect(r.shape == [2, 2, 3])
        #expect(r.values == [11, 10, 9, 3, 2, 1, 23, 22, 21, 15, 14, 13])
    }

    @Test func outOfRangeBoundsAreClamped() throws {
        // x[:, -10:10, 1:100:3]
        let r = try strided([0, -10, 1], [0, 10, 100], [1, 1, 3], .init(beginMask: 0b001, endMask: 0b001))
        #expect(r.shape == [2, 3, 1])
        #expect(r.values == [1, 5, 9, 13, 17, 21])
    }

    @Test func emptySelectionGivesZeroDimension() throws {
        // x[:, 3:0, :]
        let r = try strided([0, 3, 0], [0, 0, 0], [1, 1, 1], .init(beginMask: 0b101, endMask: 0b101))
        #expect(r.shape == [2, 0, 4])
        #expect(r.values.isEmpty)
    }

    @Test func leadingEllipsisExpandsOverMissingAxes() throws {
        // x[..., 1]
        let r = try strided([0, 1], [0, 2], [1, 1], .init(ellipsisMask: 0b01, shrinkAxisMask: 0b10))
        #expect(r.shape == [2, 3])
        #expect(r.values == [1, 5, 9, 13, 17, 21])
    }

    @Test func newAxisInsertsUnitDimension() throws {
        // x[np.newaxis, 0, :, 1:3]
        let r = try strided([0, 0, 0, 1], [0, 1, 0, 3], [1, 1, 1, 1],
                            .init(beginMask: 0b0100, endMask: 0b0100, newAxisMask: 0b0001, shrinkAxisMask: 0b0010))
        #expect(r.shape == [1, 3, 2])
        #expect(r.values == [1, 2, 5, 6, 9, 10])
    }

    @Test func ellipsisBetweenShrinkAndNewAxis() throws {
        // x[1, ..., np.newaxis]
        let r = try strided([1, 0, 0], [2, 0, 0], [1, 1, 1], .init(ellipsisMask: 0b010, newAxisMask: 0b100, shrinkAxisMask: 0b001))
        #expect(r.shape == [3, 4, 1])
        #expect(r.values == Array(12..<24))
    }

    @Test func offsetTreatsEndAsLength() throws {
        // begin [0, 1, 1] with lengths [2, 2, 2] = x[0:2, 1:3, 1:3]
        let r = try strided([0, 1, 1], [2, 2, 2], [1, 1, 1], .init(offset: true))
        #expect(r.shape == [2, 2, 2])
        #expect(r.values == [5, 6, 9, 10, 17, 18, 21, 22])
    }

    @Test func stridedSliceErrors() {
        let shape = [2, 3, 4]
        #expect(throws: ShapeError.self) {  // zero stride
            try Slicing.stridedSliceOutputShape(input: shape, begin: [0], end: [1], strides: [0], options: .init())
        }
        #expect(throws: ShapeError.self) {  // shrink index outside the axis
            try Slicing.stridedSliceOutputShape(input: shape, begin: [5], end: [6], strides: [1], options: .init(shrinkAxisMask: 1))
        }
        #expect(throws: ShapeError.self) {  // mismatched vector lengths
            try Slicing.stridedSliceOutputShape(input: shape, begin: [0, 0], end: [1], strides: [1], options: .init())
        }
        #expect(throws: ShapeError.self) {  // offset length past the end
            try Slicing.stridedSliceOutputShape(input: shape, begin: [1], end: [2], strides: [1], options: .init(offset: true))
        }
    }

    @Test func indicesBeyondTheRankAreIgnoredAsInTFLite() throws {
        // TFLite sizes the effective shape from the input rank (+ new axes); extra entries are unused.
        #expect(try Slicing.stridedSliceOutputShape(input: [2], begin: [0, 0], end: [1, 1], strides: [1, 0], options: .init()) == [1])
    }

    @Test func shorterSpecKeepsTrailingAxesWhole() throws {
        // x[1:2] (begin/end/strides cover only axis 0)
        let r = try strided([1], [2], [1], .init())
        #expect(r.shape == [1, 3, 4])
        #expect(r.values == Array(12..<24))
    }
}
