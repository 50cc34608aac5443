import LiteModel
@testable import Optimizer
import Testing

/// Per output channel of `values` (shape `shape`, channels along `axis`): the zero positions and
/// the partition of positions into equal values.
private func structure<T: Hashable & AdditiveArithmetic>(_ values: [T], shape: [Int], axis: Int) -> (zeros: [Bool], groups: [Set<Set<Int>>]) {
    let channels = shape[axis], inner = shape[(axis + 1)...].reduce(1, *)
    var byValue = [[T: Set<Int>]](repeating: [:], count: channels)
    for (i, v) in values.enumerated() { byValue[(i / inner) % channels][v, default: []].insert(i) }
    return (values.map { $0 == .zero }, byValue.map { Set($0.values) })
}

private func int8Weights(_ model: Model, _ op: Operator) -> [Int8] {
    model.constantData(of: model.subgraphs[0].tensors[Int(op.inputs[1])])!.map { Int8(bitPattern: $0) }
}

@Test func centroidCodesStayDistinctAndNonZeroWhenTheyWouldCollide() {
    // scale 1: 0.3 and 0.4 would both round to 0 and 1.1 / 1.2 both to 1.
    let codes = CentroidQuantization.codes(for: [0.3, 0.4, 1.1, 1.2, 127, -0.2], scale: 1)
    #expect(codes == [0.3: 1, 0.4: 2, 1.1: 3, 1.2: 4, 127: 127, -0.2: -1])
}

@Test(arguments: [Recipe.Scheme.dynamic, .int8])
func pruneClusterQuantizeKeepsZerosAndDistinctValuesPerChannelExactly(scheme: Recipe.Scheme) throws {
    let float = try FixtureModels.model("digits/digits_float32.tflite")
    let (compressed, report) = try WeightCompression.apply(to: float, pruning: PruningOptions(sparsity: 0.5),
                                                           clustering: ClusteringOptions(clusters: 16), int8Weights: false)
    let (snapped, _) = try WeightCompression.apply(to: float, pruning: PruningOptions(sparsity: 0.5),
                                                   clustering: ClusteringOptions(clusters: 16), int8Weights: true)
    let quantized = scheme == .dynamic
        ? try DynamicRangePass().apply(to: snapped).model
        : try Optimizer.optimize(snapped, recipe: Recipe(scheme: .int8), calibration: FixtureModels.calibration("digits/calib_200.npy")).model
    let graph = compressed.subgraphs[0], qGraph = quantized.subgraphs[0]
    let qOps = qGraph.operators.filter { ["CONV_2D", "FULLY_CONNECTED"].contains(quantized.operatorCode(of: $0)?.displayName ?? "") }
    let fOps = graph.operators.filter { ["CONV_2D", "FULLY_CONNECTED"].contains(compressed.operatorCode(of: $0)?.displayName ?? "") }
    #expect(qOps.count == 6 && fOps.count == 6)
    var checked = 0
    // Dynamic range leaves kernels under 1024 weights float, as the converter does.
    for (f, q) in zip(fOps, qOps) where qGraph.tensors[Int(q.inputs[1])].type == .int8 {
        let shape = graph.tensors[Int(f.inputs[1])].dimensions
        let before = structure(floats(compressed, tensor: f.inputs[1]), shape: shape, axis: 0)
        let after = structure(int8Weights(quantized, q), shape: shape, axis: 0)
        #expect(after.zeros == before.zeros)
        #expect(after.groups == before.groups)
        checked += 1
    }
    #expect(checked >= (scheme == .dynamic ? 3 : 6))
    #expect(report.layers.allSatisfy { abs($0.sparsity - 0.5) < 0.01 && $0.distinctValues <= 17 })
}
