import Testing
@testable import Runtime

private func reduce(_ op: ReductionOperator, _ x: [Float], _ shape: [Int], axes: [Int], keepDims: Bool = false) throws -> [Float] {
    let outShape = try Reductions.outputShape(input: shape, axes: axes, keepDims: keepDims)
    return runReference(x, shape, outputShape: outShape, fill: Float(-999)) {
        Reductions.reduce(op, $0, axes: axes, keepDims: keepDims, into: $1)
    }
}

private func argMax<T: Comparable, I: FixedWidthInteger>(_ x: [T], _ shape: [Int], axis: Int, as: I.Type) throws -> [I] {
    let outShape = try Reductions.argMaxOutputShape(input: shape, axis: axis)
    return runReference(x, shape, outputShape: outShape, fill: I(-1)) { Reductions.argMax($0, axis: axis, into: $1) }
}

@Suite("Reductions: MEAN, SUM, REDUCE_MAX, ARG_MAX")
struct ReductionsTests {
    @Test func outputShapeKeepsOrDropsReducedAxes() throws {
        #expect(try Reductions.outputShape(input: [2, 3, 4], axes: [1], keepDims: true) == [2, 1, 4])
        #expect(try Reductions.outputShape(input: [2, 3, 4], axes: [1], keepDims: false) == [2, 4])
        #expect(try Reductions.outputShape(input: [2, 3, 4], axes: [-1, 2], keepDims: false) == [2, 3])
        #expect(try Reductions.outputShape(input: [2, 3, 4], axes: [], keepDims: false) == [2, 3, 4])
        #expect(try Reductions.outputShape(input: [2, 3], axes: [0, 1], keepDims: false) == [])
        #expect(try Reductions.outputShape(input: [], axes: [0], keepDims: true) == [])
    }

    @Test func outOfRangeAxisThrows() {
        #expect(throws: ShapeError.self) { try Reductions.outputShape(input: [2, 3], axes: [2], keepDims: false) }
        #expect(throws: ShapeError.self) { try Reductions.outputShape(input: [2, 3], axes: [-3], keepDims: true) }
    }

    @Test func sumAlongEachAxis() throws {
        let x: [Float] = [1, 2, 3, 4, 5, 6]
        #expect(try reduce(.sum, x, [2, 3], axes: [0]) == [5, 7, 9])
        #expect(try reduce(.sum, x, [2, 3], axes: [-1], keepDims: true) == [6, 15])
        #expect(try reduce(.sum, x, [2, 3], axes: [1, 0, 1]) == [21])
    }

    @Test func meanOverSeveralAxes() throws {
        // [2,2,2] = 1...8; axes [0,2] average {1,2,5,6} and {3,4,7,8}.
        let x: [Float] = [1, 2, 3, 4, 5, 6, 7, 8]
        #expect(try reduce(.mean, x, [2, 2, 2], axes: [0, 2]) == [3.5, 5.5])
        #expect(try reduce(.mean, x, [2, 2, 2], axes: [0, 1, 2], keepDims: true) == [4.5])
    }

    @Test func meanAccumulatesInFloatInInputOrder() throws {
        // Float sum in order: 1e8 + 1 = 1e8 (spacing 8), −1e8 → 0, +1 → 1; mean 1/4 (a double
        // or pairwise sum would give 2/4).
        #expect(try reduce(.mean, [1e8, 1, -1e8, 1], [4, 1], axes: [0]) == [0.25])
        #expect(try reduce(.sum, [1e8, 1, -1e8, 1], [4], axes: [0]) == [1])
    }

    @Test func reduceMaxAlongAxis() throws {
        #expect(try reduce(.max, [1, 9, 3, -4, -2, -8], [2, 3], axes: [1]) == [9, -2])
        #expect(try reduce(.max, [1, 9, 3, -4, -2, -8], [2, 3], axes: [0], keepDims: true) == [1, 9, 3])
    }

    @Test func reduceMaxSeedsWithFirstElementOnlyWhenReducingEverything() throws {
        // TFLite (confirmed on LiteRT 2.3): all axes → the accumulator starts at x[0], so a leading
        // NaN sticks; otherwise it starts at the lowest float and NaN never wins.
        #expect(try reduce(.max, [.nan, 1, 2, 3], [2, 2], axes: [0, 1])[0].isNaN)
        #expect(try reduce(.max, [.nan, 1, 2, 3], [2, 2], axes: [1]) == [1, 3])
    }

    @Test func emptyInputs() throws {
        let mean = try reduce(.mean, [], [0, 3], axes: [0])
        #expect(mean.count == 3 && mean.allSatisfy(\.isNaN))
        #expect(try reduce(.sum, [], [0, 3], axes: [0]) == [0, 0, 0])
        #expect(try reduce(.max, [], [0, 2], axes: [0]) == [-.greatestFiniteMagnitude, -.greatestFiniteMagnitude])
    }

    @Test func argMaxTiesKeepTheFirstIndex() throws {
        let x: [Float] = [1, 5, 5, 7, 2, 7]
        #expect(try argMax(x, [2, 3], axis: 1, as: Int32.self) == [1, 0])
        #expect(try argMax(x, [2, 3], axis: 0, as: Int64.self) == [1, 0, 1])
        #expect(try argMax(x, [2, 3], axis: -1, as: Int64.self) == [1, 0])
    }

    @Test func argMaxSkipsNaN() throws {
        // Rows [NaN, 1, 5] and [2, NaN, 2] (LiteRT 2.3 gives [2, 0]); an all-NaN row gives 0.
        #expect(try argMax([.nan, 1, 5, 2, .nan, 2] as [Float], [2, 3], axis: 1, as: Int32.self) == [2, 0])
        #expect(try argMax([.nan, .nan] as [Float], [2], axis: 0, as: Int32.self) == [0])
    }

    @Test func argMaxOnQuantizedInput() throws {
        #expect(try argMax([-128, 3, 127, 0] as [Int8], [2, 2], axis: 0, as: Int32.self) == [1, 0])
    }

    @Test func argMaxShapeRemovesTheAxis() throws {
        #expect(try Reductions.argMaxOutputShape(input: [2, 3, 4], axis: 1) == [2, 4])
        #expect(try Reductions.argMaxOutputShape(input: [5], axis: -1) == [])
        #expect(throws: ShapeError.self) { try Reductions.argMaxOutputShape(input: [2, 3], axis: 2) }
        #expect(throws: ShapeError.self) { try Reductions.argMaxOutputShape(input: [], axis: 0) }
    }
}
