import LiteModel
@testable import Optimizer
import Testing

@Test func kmeansFindsTheMeansOfWellSeparatedGroups() {
    // Three groups; every initialisation must converge to their means.
    let values: [Float] = [1, 1.5, 2, 10, 11, 12, -5, -5.5]
    for method in ClusteringOptions.Initialization.allCases {
        let kmeans = KMeans1D(values: values, clusters: 3, initialization: method, seed: 7)
        #expect(kmeans.centroids == [-5.25, 1.5, 11], "\(method)")
    }
}

@Test func linearAndDensityInitialisationsDiffer() {
    // Linear would start at −1, 49.5, 100; density at the 0, 50th, 100th percentile values.
    // One Lloyd step from linear: {−1, 0, 1, 2} → 0.5, {100} → 100, the middle keeps 49.5.
    let values: [Float] = [-1, 0, 1, 2, 100]
    let linear = KMeans1D(values: values, clusters: 3, initialization: .linear, seed: 0, maxIterations: 1)
    #expect(linear.centroids == [0.5, 49.5, 100])
    // Density starts at −1, 1, 100 (boundary 0 goes to the lower): {−1, 0} → −0.5, {1, 2} → 1.5.
    let density = KMeans1D(values: values, clusters: 3, initialization: .density, seed: 0, maxIterations: 1)
    #expect(density.centroids == [-0.5, 1.5, 100])
}

@Test func kmeansPlusPlusIsReproducibleForASeed() {
    let values = (0..<500).map { Float(($0 * 7919) % 1000) / 1000 - 0.5 }
    let a = KMeans1D(values: values, clusters: 8, initialization: .kmeansPlusPlus, seed: 42)
    let b = KMeans1D(values: values, clusters: 8, initialization: .kmeansPlusPlus, seed: 42)
    #expect(a.centroids == b.centroids)
    #expect(a.centroids.count == 8)
}

@Test func sparsityPreservingClusteringKeepsZerosAndGivesThemNoCentroid() {
    let pass = ClusteringPass(options: ClusteringOptions(clusters: 2, initialization: .linear))
    // Non-zeros {1, 1.5, 5, 5.5} → centroids 1.25 and 5.25; zeros stay zero.
    let out = pass.clustered([0, 1, 0, 1.5, 5, 5.5, 0])
    #expect(out == [0, 1.25, 0, 1.25, 5.25, 5.25, 0])
    // Without preservation the zeros join {1, 1.5} and move to 0.5.
    let plain = ClusteringPass(options: ClusteringOptions(clusters: 2, initialization: .linear, preserveSparsity: false))
    #expect(plain.clustered([0, 1, 0, 1.5, 5, 5.5, 0]) == [0.5, 0.5, 0.5, 0.5, 5.25, 5.25, 0.5])
}

@Test func clusteringDigitsLeavesAtMostKValuesPerConvAndDenseKernel() throws {
    let float = try FixtureModels.model("digits/digits_float32.tflite")
    for k in [2, 16, 256] {
        var report = CompressionReport()
        let clustered = try ClusteringPass(options: ClusteringOptions(clusters: k)).apply(to: float, report: &report)
        for (before, after) in zip(weightLayers(float), weightLayers(clustered)) {
            if before.type == "DEPTHWISE_CONV_2D" {
                #expect(after.values == before.values)
            } else {
                #expect(Set(after.values).count <= k)
                #expect(Set(after.values).count > 1)
            }
        }
        #expect(report.layers.allSatisfy { $0.distinctValues <= k })
    }
}

@Test func clusteringRejectsKOutsideTwoTo256() throws {
    let float = try FixtureModels.model("digits/digits_float32.tflite")
    var report = CompressionReport()
    for k in [1, 257] {
        #expect(throws: OptimizationError.self) { try ClusteringPass(options: ClusteringOptions(clusters: k)).apply(to: float, report: &report) }
    }
}
