import LiteModel
@testable import Optimizer
import Runtime
import Testing

private func output(_ model: Model, _ input: [Float]) throws -> [Float] {
    let interpreter = try Interpreter(model: model)
    try interpreter.setInput(0, floats: input)
    try interpreter.invoke()
    return interpreter.outputFloats(0)
}

@Test func lastDimensionIsStoredAsCSRWithTheNarrowestIndexType() throws {
    // 2×3 with zeros: row 0 keeps columns 0 and 2, row 1 column 1 (hand-encoded).
    let dense: [Float] = [1, 0, 2, 0, 3, 0]
    let (values, sparsity) = try #require(try SparseEncoding.encode(littleEndianBytes(dense), type: .float32, shape: [2, 3]))
    #expect(values == littleEndianBytes([Float(1), 2, 3]))
    #expect(sparsity.traversalOrder == [0, 1] && sparsity.blockMap.isEmpty)
    #expect(sparsity.dimMetadata[0].format == .dense && sparsity.dimMetadata[0].denseSize == 2)
    #expect(sparsity.dimMetadata[1].format == .sparseCsr)
    guard case .uint8Vector(let segments)? = sparsity.dimMetadata[1].arraySegments,
          case .uint8Vector(let indices)? = sparsity.dimMetadata[1].arrayIndices else {
        Issue.record("expected uint8 index arrays"); return
    }
    #expect(segments.values == [0, 2, 3] && indices.values == [0, 2, 1])
    // 300 stored values: segments reach 300 > 255 → uint16.
    let wide = try #require(try SparseEncoding.encode(littleEndianBytes([Int8](repeating: 1, count: 300)).map { $0 }, type: .int8, shape: [1, 300]))
    guard case .uint16Vector? = wide.sparsity.dimMetadata[1].arraySegments else { Issue.record("expected uint16 segments"); return }
}

@Test func sparseDigitsLikeTheConverterEncodesEveryPrunedKernelButNotTheDenseDepthwise() throws {
    let float = try FixtureModels.model("digits/digits_float32.tflite")
    var report = CompressionReport()
    let pruned = try PruningPass(options: PruningOptions(sparsity: 0.5)).apply(to: float, report: &report)
    let (sparse, encoded) = try SparseEncoding.apply(to: pruned)
    #expect(encoded == 6)
    #expect(sparse.opNames.filter { $0 == "DENSIFY" }.count == 6)
    // The converter's file for TFMOT's 50 % model (same structure) is 93472 bytes; ours must be close.
    let converter = try FixtureModels.model("digits/digits_pruned50_sparse_float32.tflite")
    let ours = try sparse.encoded().count, theirs = try converter.encoded().count
    #expect(abs(Double(ours) / Double(theirs) - 1) < 0.02, "\(ours) vs \(theirs)")
    let input = (0..<64).map { Float(($0 * 37) % 17) / 16 }
    #expect(try output(sparse, input) == output(pruned, input))
}

@Test func aDenseModelIsLeftAsItIs() throws {
    let float = try FixtureModels.model("digits/digits_float32.tflite")
    let (same, encoded) = try SparseEncoding.apply(to: float)
    #expect(encoded == 0)
    #expect(try same.encoded() == float.encoded())
}
