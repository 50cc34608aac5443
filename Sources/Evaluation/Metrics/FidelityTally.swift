import Foundation

/// Running error of one output tensor against the same output of a reference model.
///
/// SQNR is over all elements seen: `10·log10(Σ ref² / Σ (ref − out)²)` (infinite when equal);
/// cosine similarity is the mean over samples of `⟨ref, out⟩ / (‖ref‖·‖out‖)` (1 when both are
/// zero, 0 when only one is); the maximum absolute error is over all elements.
public struct FidelityTally: Equatable, Sendable {
    /// The output's name.
    public let name: String
    public private(set) var samples = 0
    public private(set) var signalEnergy = 0.0
    public private(set) var noiseEnergy = 0.0
    public private(set) var maxAbsoluteError = 0.0
    private var cosineSum = 0.0

    public init(name: String) { self.name = name }

    /// Adds one sample's output values and the reference's (same length).
    public mutating func add(output: [Float], reference: [Float]) {
        precondition(output.count == reference.count, "output and reference differ in length")
        var dot = 0.0, outputNorm = 0.0, referenceNorm = 0.0
        for (o, r) in zip(output, reference) {
            let (o, r) = (Double(o), Double(r))
            let error = r - o
            signalEnergy += r * r
            noiseEnergy += error * error
            maxAbsoluteError = max(maxAbsoluteError, abs(error))
            dot += o * r
            outputNorm += o * o
            referenceNorm += r * r
        }
        let norms = (outputNorm * referenceNorm).squareRoot()
        cosineSum += norms > 0 ? dot / norms : (outputNorm == referenceNorm ? 1 : 0)
        samples += 1
    }

    /// Signal-to-quantization-noise ratio in dB (+∞ when identical).
    public var sqnrDB: Double {
        noiseEnergy == 0 ? .infinity : 10 * log10(signalEnergy / noiseEnergy)
    }

    /// Mean per-sample cosine similarity (0 with no samples).
    public var cosineSimilarity: Double { samples == 0 ? 0 : cosineSum / Double(samples) }
}
