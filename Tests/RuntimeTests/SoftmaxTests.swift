import Testing
@testable import Runtime

private func softmax(_ x: [Float], _ shape: [Int], beta: Float = 1) -> [Float] {
    runReference(x, shape, outputShape: shape, fill: Float(-999)) { Softmax.softmax($0, beta: beta, into: $1) }
}

private func logSoftmax(_ x: [Float], _ shape: [Int]) -> [Float] {
    runReference(x, shape, outputShape: shape, fill: Float(-999)) { Softmax.logSoftmax($0, into: $1) }
}

@Suite("Softmax: SOFTMAX and LOG_SOFTMAX over the last axis")
struct SoftmaxTests {
    @Test func twoByThreeByHand() {
        // Row [1,2,3]: (e⁻², e⁻¹, 1)/(e⁻² + e⁻¹ + 1); row [0,0,0]: 1/3 each.
        let result = softmax([1, 2, 3, 0, 0, 0], [2, 3])
        #expect(isClose(result, [0.0900305732, 0.2447284711, 0.6652409558, 1.0 / 3, 1.0 / 3, 1.0 / 3]))
    }

    @Test func betaScalesTheLogits() {
        // β = 2, row [0, ln 2]: weights e^{2(−ln 2)} = 1/4 and 1 → (0.2, 0.8).
        #expect(isClose(softmax([0, 0.6931472], [2], beta: 2), [0.2, 0.8]))
    }

    @Test func subtractsTheRowMaximumSoLargeLogitsStayFinite() {
        #expect(softmax([1000, 1000, -1000], [1, 3]) == [0.5, 0.5, 0])
    }

    @Test func reducesOnlyTheLastAxisOfRankThree() {
        let result = softmax([0, 0, 5, 5, 1, 1, 0.6931472, 0], [4, 1, 2])
        #expect(isClose(result, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 2.0 / 3, 1.0 / 3]))
    }

    @Test func logSoftmaxByHand() {
        // Row [0, ln 3]: log(1/4) and log(3/4).
        #expect(isClose(logSoftmax([0, 1.0986123], [1, 2]), [-1.3862943611, -0.2876820725]))
        #expect(isClose(logSoftmax([1000, 1000], [2]), [-0.6931472, -0.6931472]))
    }

    @Test func shapeIsKeptAndScalarsRejected() throws {
        #expect(try Softmax.outputShape([2, 5]) == [2, 5])
        #expect(throws: ShapeError.self) { try Softmax.outputShape([]) }
    }
}
