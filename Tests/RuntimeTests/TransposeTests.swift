import Testing
import Runtime

@Suite("TRANSPOSE")
struct TransposeTests {
    @Test func rank4NHWCToNCHWMatchesIndexFormula() throws {
        let (n, h, w, c) = (2, 3, 4, 5)
        let scratch = ScratchTensors()
        let input = scratch.input((0..<(n * h * w * c)).map(Int32.init), [n, h, w, c])
        let shape = try Transpose.outputShape(input: [n, h, w, c], permutation: [0, 3, 1, 2])
        #expect(shape == [n, c, h, w])
        let out = scratch.output(shape, fill: Int32(-1))
        try Transpose.transpose(input, permutation: [0, 3, 1, 2], into: out)
        var expected: [Int32] = []
        for b in 0..<n { for ch in 0..<c { for y in 0..<h { for x in 0..<w {
            expected.append(Int32(((b * h + y) * w + x) * c + ch))
        } } } }
        #expect(scratch.values(out) == expected)
    }

    @Test func rank5MatchesNumPy() throws {
        // np.transpose(np.arange(24).reshape(2, 3, 1, 2, 2), (4, 2, 0, 3, 1)), computed offline
        let scratch = ScratchTensors()
        let input = scratch.input((0..<24).map(UInt16.init), [2, 3, 1, 2, 2])
        let out = scratch.output([2, 1, 2, 2, 3], fill: UInt16(0))
        try Transpose.transpose(input, permutation: [4, 2, 0, 3, 1], into: out)
        #expect(scratch.values(out) == [0, 4, 8, 2, 6, 10, 12, 16, 20, 14, 18, 22,
                                        1, 5, 9, 3, 7, 11, 13, 17, 21, 15, 19, 23])
    }

    @Test func rejectsInvalidPermutations() {
        #expect(throws: ShapeError.self) { try Transpose.outputShape(input: [2, 3], permutation: [0, 0]) }
        #expect(throws: ShapeError.self) { try Transpose.outputShape(input: [2, 3], permutation: [0]) }
        #expect(throws: ShapeError.self) { try Transpose.outputShape(input: [2, 3], permutation: [-1, 0]) }
    }
}
