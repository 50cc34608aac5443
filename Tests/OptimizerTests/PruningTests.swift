import LiteModel
@testable import Optimizer
import Testing

/// Float32 values of a constant tensor.
func floats(_ model: Model, tensor t: Int32) -> [Float] {
    let data = model.constantData(of: model.subgraphs[0].tensors[Int(t)])!
    return data.withUnsafeBytes { raw in (0..<raw.count / 4).map { raw.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) } }
}

/// (op type, weight values) of every conv / depthwise / FC layer, in operator order.
func weightLayers(_ model: Model) -> [(type: String, values: [Float])] {
    let graph = model.subgraphs[0]
    return graph.operators.compactMap { op in
        let name = model.operatorCode(of: op)?.displayName ?? "?"
        guard ["CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED"].contains(name) else { return nil }
        return (name, floats(model, tensor: op.inputs[1]))
    }
}

@Test func unstructuredPruningZeroesTheSmallestMagnitudesFirstOnTies() {
    // |−1| = |1| tie: position 1 goes before position 4.
    #expect(MagnitudePruning.zeroSmallest([3, -1, 2, -4, 1], count: 2) == [3, 0, 2, -4, 0])
    #expect(MagnitudePruning.zeroSmallest([3, -1, 2, -4, 1], count: 1) == [3, 0, 2, -4, 1])
}

@Test func twoOfFourKeepsTheTwoLargestOfEveryFourConsecutiveWeights() {
    let pruned = MagnitudePruning.structured([0.1, -0.5, 0.3, 0.2, 1, 2, -3, 0.5], zeros: 2, groupSize: 4)
    #expect(pruned == [0, -0.5, 0.3, 0, 0, 2, -3, 0])
}

@Test func globalPruningUsesOneThresholdAcrossLayers() {
    // 6 weights, sparsity 0.5 → the 3 smallest overall: 1, 2, 3, all in the first layer.
    #expect(MagnitudePruning.globalCounts([[1, -2, 3, 40], [-10, 20]], sparsity: 0.5) == [3, 0])
}

@Test func perLayerPruningOfDigitsReachesTheSparsityInEachConvAndDenseKernelAndSkipsDepthwise() throws {
    let float = try FixtureModels.model("digits/digits_float32.tflite")
    var report = CompressionReport()
    let pruned = try PruningPass(options: PruningOptions(sparsity: 0.5)).apply(to: float, report: &report)
    let before = weightLayers(float), after = weightLayers(pruned)
    #expect(before.map(\.type) == after.map(\.type))
    for (b, a) in zip(before, after) {
        if b.type == "DEPTHWISE_CONV_2D" {
            #expect(a.values == b.values)
            continue
        }
        #expect(a.values.count { $0 == 0 } == Int((0.5 * Double(b.values.count)).rounded()))
        // Every weight kept is unchanged and at least as large as every weight removed.
        let kept = zip(b.values, a.values).filter { $0.1 != 0 }
        #expect(kept.allSatisfy { $0.0 == $0.1 })
        let removedMax = zip(b.values, a.values).filter { $0.1 == 0 }.map { abs($0.0) }.max()!
        #expect(kept.map { abs($0.0) }.min()! >= removedMax)
        #expect(a.values.allSatisfy { $0 != 0 || $0.sign == .plus })
    }
    #expect(report.layers.count == 6)
    #expect(report.skipped.map(\.opType) == ["DEPTHWISE_CONV_2D"])
    #expect(try pruned.encoded().count == float.encoded().count)
}

@Test func pruningSkipsFirstLastAndSmallLayersWhenAsked() throws {
    let float = try FixtureModels.model("digits/digits_float32.tflite")
    // Kernel sizes: conv 144, depthwise 144, conv 512, conv 9216, conv 18432, dense 4096, dense 640.
    var report = CompressionReport()
    let ends = try PruningPass(options: PruningOptions(sparsity: 0.8, skipFirst: true, skipLast: true)).apply(to: float, report: &report)
    #expect(weightLayers(ends).map { $0.values.count { $0 == 0 } } == [0, 0, 410, 7373, 14746, 3277, 0])
    #expect(report.skipped.map(\.reason) == ["first layer", "DEPTHWISE_CONV_2D is not pruned or clustered by default", "last layer"])
    var sizeReport = CompressionReport()
    let small = try PruningPass(options: PruningOptions(sparsity: 0.8, minElements: 600)).apply(to: float, report: &sizeReport)
    #expect(weightLayers(small).map { $0.values.count { $0 == 0 } } == [0, 0, 0, 7373, 14746, 3277, 512])
}

@Test func twoOfFourPruningOfDigitsLeavesExactlyTwoZerosInEveryGroupAlongInputChannels() throws {
    let float = try FixtureModels.model("digits/digits_float32.tflite")
    var report = CompressionReport()
    let pruned = try PruningPass(options: PruningOptions(sparsity: 0.5, structure: .twoOfFour)).apply(to: float, report: &report)
    let graph = pruned.subgraphs[0]
    for op in graph.operators where ["CONV_2D", "FULLY_CONNECTED"].contains(pruned.operatorCode(of: op)?.displayName ?? "") {
        let shape = graph.tensors[Int(op.inputs[1])].dimensions
        let values = floats(pruned, tensor: op.inputs[1])
        if shape.last! % 4 != 0 {
            #expect(values.count { $0 == 0 } == 0)  // the first conv has 1 input channel
            continue
        }
        for start in stride(from: 0, to: values.count, by: 4) {
            #expect(values[start..<(start + 4)].count { $0 == 0 } == 2)
        }
    }
    #expect(report.skipped.contains { $0.reason.contains("not a multiple of 4") })
}

@Test func pruningRejectsASparsityOutsideZeroToOne() throws {
    let float = try FixtureModels.model("digits/digits_float32.tflite")
    var report = CompressionReport()
    #expect(throws: OptimizationError.self) { try PruningPass(options: PruningOptions(sparsity: 1.0)).apply(to: float, report: &report) }
}
