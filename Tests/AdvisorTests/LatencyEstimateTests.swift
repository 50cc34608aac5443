import Foundation
import LiteModel
import Testing
import TestSupport
@testable import Advisor

@Suite struct LatencyEstimateTests {
    /// The TFLite guide's Table 1 (tensorflow.org/lite/performance/model_optimization): Pixel 2,
    /// one big core, milliseconds.
    static let table1: [(file: String, milliseconds: Double)] = [
        ("mobilenet_v1_float32", 124), ("mobilenet_v1_int8", 64),
        ("mobilenet_v2_float32", 89), ("mobilenet_v2_int8", 54),
        ("inception_v3_float32", 1130), ("inception_v3_int8", 543),
        ("resnet_v2_101_float32", 3973),
    ]

    struct Table1Model: Decodable { var operators: [OpWorkload] }

    /// Per-op workloads of the keras.applications models, written by scripts/make_table1_models.py.
    static func workloads(_ name: String) throws -> [OpWorkload] {
        let url = Fixtures.repoRoot.appendingPathComponent("Tests/Fixtures/table1/\(name).json")
        return try JSONDecoder().decode(Table1Model.self, from: Data(contentsOf: url)).operators
    }

    @Test(arguments: table1)
    func cpuEstimateIsWithin30PercentOfTable1(file: String, milliseconds: Double) throws {
        let cpu = try TargetProfile.bundled(.cpu)
        let estimate = LatencyEstimator.estimate(try Self.workloads(file), profile: cpu, host: cpu)
        let ratio = estimate.seconds * 1000 / milliseconds
        #expect(ratio > 0.7 && ratio < 1.3, "\(file): estimate \(estimate.seconds * 1000) ms against \(milliseconds) ms published")
        #expect(estimate.label == "estimate")
    }

    static let cost = TargetProfile.Cost(
        macsPerSecond: ["float32": 1e9, "int8": 2e9], depthwiseMacsPerSecond: ["float32": 0.5e9], bytesPerSecond: 1e8,
        perOpSeconds: 1e-4, perTransferSeconds: 1e-3, transferBytesPerSecond: 1e6, onChipParameterBytes: nil,
        streamingBytesPerSecond: nil, basis: "test")

    @Test func opTimeIsComputePlusBytesPlusOverhead() {
        // 2e6 MACs / 1e9 = 2 ms; (1e5 + 1e5) bytes / 1e8 = 2 ms; + 0.1 ms.
        let conv = OpWorkload(op: "CONV_2D", compute: "float32", macs: 2_000_000, weightBytes: 100_000, activationBytes: 100_000, outputBytes: 0)
        #expect(abs(LatencyEstimator.seconds(conv, Self.cost) - 0.0041) < 1e-12)
        // Depthwise uses its own rate: 2e6 / 0.5e9 = 4 ms.
        var depthwise = conv
        depthwise.op = "DEPTHWISE_CONV_2D"
        #expect(abs(LatencyEstimator.seconds(depthwise, Self.cost) - 0.0061) < 1e-12)
        // A compute type without a rate is costed at float32.
        var int16 = conv
        int16.compute = "int16"
        #expect(LatencyEstimator.seconds(int16, Self.cost) == LatencyEstimator.seconds(conv, Self.cost))
    }

    @Test func fallbackOpsUseTheHostAndEachHandOverCostsATransfer() throws {
        var target = try TargetProfile.bundled(.edgetpu)
        target.cost = Self.cost
        target.cost.macsPerSecond = ["int8": 1e12]
        var host = try TargetProfile.bundled(.cpu)
        host.cost = Self.cost
        let work = OpWorkload(op: "ADD", compute: "int8", macs: 0, weightBytes: 0, activationBytes: 0, outputBytes: 1000)
        let verdict = { (index: Int, placement: CompatibilityReport.Placement) in
            CompatibilityReport.OpVerdict(index: index, op: "ADD", version: 1, placement: placement, reason: .mapped, detail: "", notes: [])
        }
        let report = CompatibilityReport(target: "edgetpu", targetName: "t", ops: [verdict(0, .accelerated), verdict(1, .fallback), verdict(2, .accelerated)],
                                         partitions: [], cutAt: nil, findings: [], notes: [])
        let estimate = LatencyEstimator.estimate([work, work, work], report: report, profile: target, host: host)
        // Three ops of 0.1 ms; two hand-overs of 1 ms + 1000 B / 1e6 B/s = 2 ms each.
        #expect(abs(estimate.acceleratedSeconds - 0.0002) < 1e-12)
        #expect(abs(estimate.fallbackSeconds - 0.0001) < 1e-12)
        #expect(abs(estimate.transferSeconds - 0.004) < 1e-12)
    }

    @Test func parametersBeyondOnChipMemoryAreStreamed() throws {
        var target = try TargetProfile.bundled(.edgetpu)
        target.cost = Self.cost
        target.cost.onChipParameterBytes = 1_000
        target.cost.streamingBytesPerSecond = 1e6
        let work = OpWorkload(op: "CONV_2D", compute: "int8", macs: 0, weightBytes: 3_000, activationBytes: 0, outputBytes: 0)
        // 2,000 bytes over the cache at 1e6 B/s = 2 ms.
        let estimate = LatencyEstimator.estimate([work], profile: target, host: target)
        #expect(abs(estimate.streamingSeconds - 0.002) < 1e-12)
    }

    @Test func workloadOfAFixtureMatchesItsShapes() throws {
        let model = try Model(bytes: Fixtures.bytes(Fixtures.shared("mnist5k/mnist_cnn_int8.tflite")))
        let work = OpWorkload.of(model)
        // Op 0: CONV_2D 1×28×28×1 → 1×14×14×32, 3×3 filter: 6272 outputs × 9 taps = 56,448 MACs;
        // int8 weights 288 B + int32 bias 128 B; activations 784 + 6272 bytes.
        #expect(work[0] == OpWorkload(op: "CONV_2D", compute: "int8", macs: 56_448, weightBytes: 416, activationBytes: 7_056, outputBytes: 6_272))
        let dynamic = OpWorkload.of(try Model(bytes: Fixtures.bytes(Fixtures.shared("mnist5k/mnist_cnn_dynamic_int8.tflite"))))
        #expect(dynamic.map(\.compute) == ["float32", "float32", "hybrid", "hybrid", "hybrid", "float32", "float32", "hybrid", "float32"])
    }

    @Test func arenaLowerBoundIsThePeakOfLiveActivations() throws {
        let model = try Model(bytes: Fixtures.bytes(Fixtures.shared("mnist5k/mnist_cnn_int8.tflite")))
        // The residual ADD (op 5) reads op 3's and op 4's outputs (1×7×7×128 int8 = 6272 B each):
        // while op 4 runs, op 3's output and op 4's input/output are live: 3 × 6272 = 18,816 B —
        // more than op 0's 784 + 6272.
        #expect(ArenaEstimate.peakActivationBytes(model) == 18_816)
    }
}
