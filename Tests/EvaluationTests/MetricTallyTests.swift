@testable import Evaluation
import Foundation
import Testing

@Suite struct MetricTallyTests {
    @Test func wilsonIntervalsMatchPublishedValues() {
        // Newcombe (1998), Statistics in Medicine 17:857, table I: 0/10 → (0, 0.2775); 5/10 → (0.2366, 0.7634).
        let none = ProportionEstimate(successes: 0, total: 10).interval()
        #expect(none.lower == 0 && abs(none.upper - 0.2775) < 5e-5)
        let half = ProportionEstimate(successes: 5, total: 10).interval()
        #expect(abs(half.lower - 0.2366) < 5e-5 && abs(half.upper - 0.7634) < 5e-5)
        // Same source: 81/263 → (0.2553, 0.3662).
        let big = ProportionEstimate(successes: 81, total: 263).interval()
        #expect(abs(big.lower - 0.2553) < 5e-5 && abs(big.upper - 0.3662) < 5e-5)
    }

    @Test func topOneTopFiveAndConfusionCountByRank() {
        var tally = ClassificationTally(classCount: 7)
        tally.add(scores: [0, 0.9, 0.1, 0, 0, 0, 0], label: 1)        // top-1 hit
        tally.add(scores: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7], label: 2) // rank 4: top-5 hit, predicted 6
        tally.add(scores: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7], label: 1) // rank 5: miss
        tally.add(scores: [0.5, 0.5, 0, 0, 0, 0, 0], label: 1)         // tie: the lower index (0) wins
        #expect(tally.total == 4)
        #expect(tally.top1Hits == 1)
        #expect(tally.top5Hits == 3)
        #expect(tally.confusion[1] == [1, 1, 0, 0, 0, 0, 1])
        #expect(tally.confusion[2] == [0, 0, 0, 0, 0, 0, 1])
        #expect(tally.top1.value == 0.25)
    }

    @Test func fidelityOfHandComputedVectors() {
        var tally = FidelityTally(name: "out")
        // reference (3, 4), output (3, 3): signal 25, noise 1 → 10·log10(25) dB; cosine 21 / (5·√18).
        tally.add(output: [3, 3], reference: [3, 4])
        #expect(abs(tally.sqnrDB - 13.979400086720377) < 1e-9)
        #expect(abs(tally.cosineSimilarity - 21 / (5 * 18.0.squareRoot())) < 1e-12)
        #expect(tally.maxAbsoluteError == 1)
        // A second, identical sample: noise unchanged, signal doubles; cosine averages with 1.
        tally.add(output: [3, 4], reference: [3, 4])
        #expect(abs(tally.sqnrDB - 10 * log10(50.0)) < 1e-9)
        #expect(abs(tally.cosineSimilarity - (1 + 21 / (5 * 18.0.squareRoot())) / 2) < 1e-12)
    }

    @Test func identicalOutputsHaveInfiniteSQNR() {
        var tally = FidelityTally(name: "out")
        tally.add(output: [1, -2], reference: [1, -2])
        #expect(tally.sqnrDB == .infinity)
        #expect(tally.cosineSimilarity == 1)
    }

    @Test func intOutputsAreDequantizedWithScaleAndZeroPoint() {
        // int8 [-128, 0, 127] with scale 1/256 and zero point -128 → 0, 0.5, 255/256.
        let values = dequantized([0x80, 0x00, 0x7F], type: .int8, scale: 1.0 / 256, zeroPoint: -128)
        #expect(values == [0, 0.5, 255.0 / 256])
    }
}
