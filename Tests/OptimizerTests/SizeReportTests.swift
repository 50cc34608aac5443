import Evaluation
import LiteModel
@testable import Optimizer
import Testing

@Test func pruningShrinksGzipAndSparseSizesButNotTheFile() throws {
    let float = try FixtureModels.model("digits/digits_float32.tflite")
    var report = CompressionReport()
    let pruned = try PruningPass(options: PruningOptions(sparsity: 0.8)).apply(to: float, report: &report)
    let before = try ModelSizes(of: float), after = try ModelSizes(of: pruned)
    #expect(after.raw == before.raw)
    #expect(before.sparseRaw == nil)
    #expect(after.gzip < before.gzip * 4 / 10)
    #expect(try after.gzip == gzipSize(of: pruned.encoded()))
    let sparseRaw = try #require(after.sparseRaw)
    #expect(sparseRaw < before.raw / 2)
    #expect(try sparseRaw == SparseEncoding.apply(to: pruned).model.encoded().count)
}

@Test func clusteringShrinksGzipOnly() throws {
    let float = try FixtureModels.model("digits/digits_float32.tflite")
    var report = CompressionReport()
    let clustered = try ClusteringPass(options: ClusteringOptions(clusters: 16)).apply(to: float, report: &report)
    let before = try ModelSizes(of: float), after = try ModelSizes(of: clustered)
    #expect(after.raw == before.raw && after.sparseRaw == nil)
    #expect(after.gzip < before.gzip / 3)
}
