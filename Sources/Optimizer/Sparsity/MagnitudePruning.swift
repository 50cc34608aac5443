/// Magnitude pruning on flat weight arrays. Zeros are written as +0.0; ties in magnitude are
/// broken by position (the earlier weight is pruned first), so results are deterministic.
enum MagnitudePruning {
    /// How many weights to zero in each of `layers` so that `round(sparsity · total)` weights of
    /// smallest magnitude go: one global threshold (ties broken by layer order).
    static func globalCounts(_ layers: [[Float]], sparsity: Double) -> [Int] {
        let total = layers.reduce(0) { $0 + $1.count }
        let count = Int((sparsity * Double(total)).rounded())
        var entries: [(magnitude: Float, layer: Int)] = []
        entries.reserveCapacity(total)
        for (l, weights) in layers.enumerated() {
            for w in weights { entries.append((abs(w), l)) }
        }
        entries.sort { $0.magnitude != $1.magnitude ? $0.magnitude < $1.magnitude : $0.layer < $1.layer }
        var counts = [Int](repeating: 0, count: layers.count)
        for entry in entries.prefix(count) { counts[entry.layer] += 1 }
        return counts
    }

    /// Zeroes the `count` weights of smallest magnitude.
    static func zeroSmallest(_ weights: [Float], count: Int) -> [Float] {
        var pruned = weights
        for i in smallestMagnitudes(weights, count: count) { pruned[i] = 0 }
        return pruned
    }

    /// In every run of `groupSize` consecutive weights along the last axis (whose size
    /// `groupSize` must divide), zeroes the `zeros` of smallest magnitude: N:M structured sparsity.
    static func structured(_ weights: [Float], zeros: Int, groupSize: Int) -> [Float] {
        var pruned = weights
        for start in stride(from: 0, to: weights.count, by: groupSize) {
            let group = Array(weights[start..<(start + groupSize)])
            for i in smallestMagnitudes(group, count: zeros) { pruned[start + i] = 0 }
        }
        return pruned
    }

    /// Positions of the `count` smallest magnitudes (ties: lower position first).
    private static func smallestMagnitudes(_ weights: [Float], count: Int) -> ArraySlice<Int> {
        guard count > 0 else { return [] }
        let order = weights.indices.sorted { abs(weights[$0]) != abs(weights[$1]) ? abs(weights[$0]) < abs(weights[$1]) : $0 < $1 }
        return order.prefix(count)
    }
}
