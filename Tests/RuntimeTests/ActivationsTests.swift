import Testing
@testable import Runtime

private func activation(_ function: ActivationFunction, _ x: [Float]) -> [Float] {
    runReference(x, [x.count], outputShape: [x.count], fill: Float(-999)) { Activations.apply(function, $0, into: $1) }
}

@Suite("Activations: float activation kernels")
struct ActivationsTests {
    @Test func logisticOfKnownPoints() {
        // σ(0) = 1/2, σ(ln 3) = 1/(1 + 1/3) = 3/4, σ(−50) = 1/(1 + e⁵⁰) ≈ 1.92875e−22.
        #expect(isClose(activation(.logistic, [0, 1.0986123, -50]), [0.5, 0.75, 1.928749848e-22]))
    }

    @Test func logisticClampsInputToPlusMinusHundred() {
        // e^100 overflows float, so σ(−200) = σ(−100) = 1/(1 + ∞) = 0; σ(200) = 1.
        #expect(activation(.logistic, [-200, 200]) == [0, 1])
        #expect(activation(.logistic, [.nan])[0].isNaN)
    }

    @Test func tanhOfKnownPoints() {
        // tanh(ln 3) = (9 − 1)/(9 + 1).
        #expect(isClose(activation(.tanh, [0, 1.0986123, -1.0986123]), [0, 0.8, -0.8]))
    }

    @Test func reluFamiliesClamp() {
        #expect(activation(.relu, [-2, 0, 3.5]) == [0, 0, 3.5])
        #expect(activation(.relu6, [-2, 3.5, 6, 7]) == [0, 3.5, 6, 6])
        #expect(activation(.reluN1To1, [-2, -0.5, 0.5, 2]) == [-1, -0.5, 0.5, 1])
    }

    @Test func reluFamiliesLetNaNThrough() {
        // LiteRT 2.3's RELU6 returns NaN for NaN; TFLite's RELU and RELU_N1_TO_1 compare-and-select.
        #expect(activation(.relu, [.nan])[0].isNaN)
        #expect(activation(.relu6, [.nan])[0].isNaN)
        #expect(activation(.reluN1To1, [.nan])[0].isNaN)
    }

    @Test func leakyReluScalesNegativesOnly() {
        #expect(activation(.leakyRelu(alpha: 0.2), [-5, 0, 3]) == [-1, 0, 3])
        #expect(activation(.leakyRelu(alpha: -1), [-5, 2]) == [5, 2])
    }

    @Test func hardSwishPiecewise() {
        // x · min(6, max(0, x + 3)) / 6.
        let result = activation(.hardSwish, [-4, -3, -1, 0, 1, 3, 5])
        #expect(isClose(result, [0, 0, -1.0 / 3, 0, 2.0 / 3, 3, 5]))
    }

    @Test func exactGeluUsesErf() {
        // 0.5 · x · (1 + erf(x/√2)): 0.8413447 at 1, −0.1586553 at −1.
        #expect(isClose(activation(.gelu(approximate: false), [0, 1, -1]), [0, 0.8413447461, -0.1586552539]))
    }

    @Test func approximateGeluUsesTanhFormula() {
        // 0.5 · x · (1 + tanh(√(2/π)(x + 0.044715x³))): 0.8411920 at 1, −0.1588080 at −1, 1.9545977 at 2.
        let result = activation(.gelu(approximate: true), [0, 1, -1, 2])
        #expect(isClose(result, [0, 0.8411919906, -0.1588080094, 1.954597694]))
    }

    @Test func preluBroadcastsAlphaPerChannel() throws {
        let shape = try Activations.preluOutputShape(input: [1, 2, 3], alpha: [3])
        #expect(shape == [1, 2, 3])
        let result = runReference([-1, 2, -3, 4, -5, 0] as [Float], [1, 2, 3], [0.1, 0.2, 0.3], [3],
                                  outputShape: shape, fill: Float(-999)) { x, a, out in
            Activations.prelu(x, alpha: a, into: out)
        }
        #expect(isClose(result, [-0.1, 2, -0.9, 4, -1, 0]))
    }

    @Test func preluAlphaMustBroadcastToTheInputShape() {
        #expect(throws: ShapeError.self) { try Activations.preluOutputShape(input: [2, 3], alpha: [2]) }
        #expect(throws: ShapeError.self) { try Activations.preluOutputShape(input: [1, 3], alpha: [2, 1, 3]) }
    }
}
