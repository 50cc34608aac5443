import Foundation
import LiteModel
import Testing
import TestSupport
@testable import Advisor

/// Compatibility reports for the shared fixtures on every target, against expectations worked out
/// by hand from each model's op list (`edgewise inspect`) and the facts in TARGETS.md. A letter per
/// op in file order: A = on the target, C = CPU / reference kernel, X = no kernel (TFLM).
@Suite struct CompatibilityTests {
    static func model(_ path: String) throws -> Model { try Model(bytes: Fixtures.bytes(Fixtures.shared(path))) }

    static func report(_ path: String, _ target: TargetKind) throws -> CompatibilityReport {
        CompatibilityChecker.report(model: try model(path), profile: try TargetProfile.bundled(target))
    }

    static func letters(_ report: CompatibilityReport) -> String {
        String(report.ops.map { switch $0.placement { case .accelerated: "A"; case .fallback: "C"; case .unsupported: "X" } })
    }

    // mnist_cnn_float32: CONV, DW, CONV, DW, CONV, ADD, MEAN(axes 1,2), FC, SOFTMAX, all float32 v1.
    @Test func floatCNNRunsWhollyOnCPUAndGPU() throws {
        // XNNPACK's FP32 list has every op; MEAN is 4-D over axes [1,2]; softmax beta is 1.
        #expect(Self.letters(try Self.report("mnist5k/mnist_cnn_float32.tflite", .cpu)) == "AAAAAAAAA")
        // GPU: all v1, all in the code's list, one partition.
        let gpu = try Self.report("mnist5k/mnist_cnn_float32.tflite", .gpu)
        #expect(Self.letters(gpu) == "AAAAAAAAA")
        #expect(gpu.partitions == [.init(placement: .accelerated, first: 0, last: 8)])
    }

    @Test func floatCNNIsRefusedByIntegerOnlyTargets() throws {
        // Edge TPU: the first op already computes in float32, so mapping stops at op 0.
        let tpu = try Self.report("mnist5k/mnist_cnn_float32.tflite", .edgetpu)
        #expect(Self.letters(tpu) == "CCCCCCCCC")
        #expect(tpu.cutAt == 0)
        #expect(tpu.ops.allSatisfy { $0.reason == .unsupportedDataType })
        // Hexagon: 8-bit only.
        #expect(Self.letters(try Self.report("mnist5k/mnist_cnn_float32.tflite", .hexagon)) == "CCCCCCCCC")
        // TFLM: every op has a kernel, but float32 runs on reference kernels.
        let mcu = try Self.report("mnist5k/mnist_cnn_float32.tflite", .mcu)
        #expect(mcu.ops.allSatisfy { $0.reason == .referenceKernel })
        #expect(mcu.isRunnable)
    }

    // mnist_cnn_int8: int8 I/O, CONV v3, DW v3, CONV, DW, CONV, ADD v2, MEAN v2, FC v4 (per-channel
    // weights), SOFTMAX v2.
    @Test func int8CNNOnEachTarget() throws {
        // XNNPACK's QS8 list lacks SOFTMAX, which stays on the builtin kernel.
        let cpu = try Self.report("mnist5k/mnist_cnn_int8.tflite", .cpu)
        #expect(Self.letters(cpu) == "AAAAAAAAC")
        #expect(cpu.ops[8].reason == .unsupportedDataType)
        // GPU: every version is within the code's ceilings and int8 is on by default.
        #expect(Self.letters(try Self.report("mnist5k/mnist_cnn_int8.tflite", .gpu)) == "AAAAAAAAA")
        // Edge TPU: fully int8, static shapes, batch 1: everything maps, no cut.
        let tpu = try Self.report("mnist5k/mnist_cnn_int8.tflite", .edgetpu)
        #expect(Self.letters(tpu) == "AAAAAAAAA")
        #expect(tpu.cutAt == nil)
        // Hexagon: FC has per-channel weights (rejected); SOFTMAX is then a 1-op partition, below
        // the minimum of 2.
        let dsp = try Self.report("mnist5k/mnist_cnn_int8.tflite", .hexagon)
        #expect(Self.letters(dsp) == "AAAAAAACC")
        #expect(dsp.ops[7].reason == .parameterLimit)
        #expect(dsp.ops[8].reason == .partitionTooSmall)
        // TFLM: int8 kernels for all.
        #expect(Self.letters(try Self.report("mnist5k/mnist_cnn_int8.tflite", .mcu)) == "AAAAAAAAA")
    }

    // mnist_cnn_int8_floatio: QUANTIZE (float→int8) first, DEQUANTIZE (int8→float) last.
    @Test func floatBoundaryOfAnInt8ModelDoesNotCutTheEdgeTPUGraph() throws {
        let tpu = try Self.report("mnist5k/mnist_cnn_int8_floatio.tflite", .edgetpu)
        #expect(Self.letters(tpu) == "CAAAAAAAAAC")
        #expect(tpu.ops[0].reason == .boundary && tpu.ops[10].reason == .boundary)
        #expect(tpu.cutAt == nil)
        // Hexagon: QUANTIZE and DEQUANTIZE touch float tensors; FC per-channel; SOFTMAX alone.
        let dsp = try Self.report("mnist5k/mnist_cnn_int8_floatio.tflite", .hexagon)
        #expect(Self.letters(dsp) == "CAAAAAAACCC")
        #expect(dsp.partitions.filter { $0.placement == .accelerated } == [.init(placement: .accelerated, first: 1, last: 7)])
    }

    // int16x8: int16 activations everywhere between a float QUANTIZE and DEQUANTIZE.
    @Test func int16x8RunsOnNoAccelerator() throws {
        for target in [TargetKind.cpu, .gpu, .hexagon] {
            let report = try Self.report("mnist5k/mnist_cnn_int16x8.tflite", target)
            #expect(report.acceleratedCount == 0, "\(target)")
        }
        // Edge TPU: the QUANTIZE produces int16, so it is not a mappable boundary: cut at op 0.
        #expect(try Self.report("mnist5k/mnist_cnn_int16x8.tflite", .edgetpu).cutAt == 0)
        // TFLM: CMSIS-NN has int16 CONV_2D and FULLY_CONNECTED; other int16 ops use reference kernels.
        #expect(Self.letters(try Self.report("mnist5k/mnist_cnn_int16x8.tflite", .mcu)) == "AACACACCACA")
    }

    // mnist_cnn_dynamic_int8: ops 2, 3, 4 and 7 have int8 weights with float activations; op 1 (DW
    // v6) and op 0 keep float weights; FC is version 12.
    @Test func dynamicRangeModelOnCPUGPUAndMicrocontroller() throws {
        // XNNPACK delegates dynamically quantized CONV_2D and FC, not DEPTHWISE_CONV_2D (op 3).
        let cpu = try Self.report("mnist5k/mnist_cnn_dynamic_int8.tflite", .cpu)
        #expect(Self.letters(cpu) == "AAACAAAAA")
        #expect(cpu.ops[3].reason == .hybridNotSupported)
        // GPU: FC v12 is above the ceiling 9; SOFTMAX after it would be a second partition.
        let gpu = try Self.report("mnist5k/mnist_cnn_dynamic_int8.tflite", .gpu)
        #expect(Self.letters(gpu) == "AAAAAAACC")
        #expect(gpu.ops[7].reason == .unsupportedVersion && gpu.ops[8].reason == .partitionLimit)
        // TFLM has no hybrid kernels: the model cannot be loaded.
        let mcu = try Self.report("mnist5k/mnist_cnn_dynamic_int8.tflite", .mcu)
        #expect(Self.letters(mcu) == "CCXXXCCXC")
        #expect(!mcu.isRunnable)
    }

    // mnist_cnn_float16: 12 DEQUANTIZE ops of float16 constants, then the float graph.
    @Test func float16ModelRunsOnCPUAndGPUButNotOnAMicrocontroller() throws {
        #expect(try Self.report("mnist5k/mnist_cnn_float16.tflite", .cpu).acceleratedCount == 21)
        #expect(try Self.report("mnist5k/mnist_cnn_float16.tflite", .gpu).acceleratedCount == 21)
        #expect(try !Self.report("mnist5k/mnist_cnn_float16.tflite", .mcu).isRunnable)
    }

    // mnist_sensitive_int8_floatio: Q, CONV, DW, CONV, MAX_POOL, RESHAPE, FC, TANH, FC, SOFTMAX, DQ.
    @Test func sensitiveInt8ModelSplitsIntoSmallDSPPartitions() throws {
        // Ops 1–5 form the only partition of ≥2 ops: both FCs have per-channel weights, and TANH
        // and SOFTMAX are each left alone between them.
        let dsp = try Self.report("mnist5k/mnist_sensitive_int8_floatio.tflite", .hexagon)
        #expect(Self.letters(dsp) == "CAAAAACCCCC")
        #expect([dsp.ops[7].reason, dsp.ops[9].reason] == [.partitionTooSmall, .partitionTooSmall])
        #expect(Self.letters(try Self.report("mnist5k/mnist_sensitive_int8_floatio.tflite", .edgetpu)) == "CAAAAAAAAAC")
    }

    // digits_qat_int8: the QAT converter writes per-tensor FC weights, which Hexagon accepts.
    @Test func qatModelWithPerTensorWeightsRunsWhollyOnHexagon() throws {
        let dsp = try Self.report("digits/digits_qat_int8.tflite", .hexagon)
        #expect(Self.letters(dsp) == "AAAAAAAAAA")
        #expect(dsp.partitions.count == 1)
    }

    @Test func firstUnsupportedOpCutsTheEdgeTPUGraph() throws {
        // Turn op 5 (ADD) of the int8 CNN into an op the Edge TPU lacks: ops 6–8 are supported
        // but come after the cut.
        var model = try Self.model("mnist5k/mnist_cnn_int8.tflite")
        model.operatorCodes.append(OperatorCode(.squaredDifference, version: 1))
        model.subgraphs[0].operators[5].opcodeIndex = UInt32(model.operatorCodes.count - 1)
        let report = CompatibilityChecker.report(model: model, profile: try TargetProfile.bundled(.edgetpu))
        #expect(Self.letters(report) == "AAAAACCCC")
        #expect(report.cutAt == 5)
        #expect(report.ops[5].reason == .unsupportedOp)
        #expect(report.ops[6...].allSatisfy { $0.reason == .afterCut })
    }

    @Test func hexagonRejectsAConvStrideAboveThree() throws {
        var model = try Self.model("mnist5k/mnist_cnn_int8.tflite")
        guard case .conv2DOptions(var options) = model.subgraphs[0].operators[0].builtinOptions else {
            Issue.record("op 0 is not a CONV_2D")
            return
        }
        options.strideH = 4
        model.subgraphs[0].operators[0].builtinOptions = .conv2DOptions(options)
        let report = CompatibilityChecker.report(model: model, profile: try TargetProfile.bundled(.hexagon))
        #expect(report.ops[0].reason == .parameterLimit)
        #expect(report.ops[0].detail.contains("stride 4×2 exceeds 3"))
    }

    @Test func everyBundledProfileDecodesAndCitesItsSources() throws {
        for target in TargetKind.allCases where target != .unknown {
            let profile = try TargetProfile.bundled(target)
            #expect(profile.id == target.rawValue)
            #expect(!profile.sources.isEmpty)
            let cited = (profile.ops.compactMap(\.source) + profile.ops.flatMap { $0.notes ?? [] }
                + [profile.summary, profile.cost.basis] + profile.notes).joined(separator: " ")
            for id in profile.sources.keys {
                #expect(cited.contains(id), "\(target): source \(id) is never cited")
            }
        }
    }
}
