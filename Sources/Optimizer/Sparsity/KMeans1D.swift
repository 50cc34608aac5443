import Evaluation

/// One-dimensional k-means (Lloyd's algorithm) for weight clustering. Values are sorted once;
/// with sorted centroids each cluster is a contiguous run of the sorted values, split at the
/// midpoints between neighbouring centroids.
struct KMeans1D {
    /// The centroids, ascending; duplicates are removed, so there may be fewer than asked.
    var centroids: [Float]

    /// Runs k-means on `values` from the initial centroids `initialization` picks.
    init(values: [Float], clusters: Int, initialization: ClusteringOptions.Initialization, seed: UInt64,
         maxIterations: Int = 100) {
        let sorted = values.sorted()
        var centroids = Self.initial(sorted, clusters: min(clusters, sorted.count), initialization, seed: seed)
        for _ in 0..<maxIterations {
            let updated = Self.update(sorted, centroids)
            if updated == centroids { break }
            centroids = updated
        }
        self.centroids = Array(Set(centroids)).sorted()
    }

    /// The centroid nearest to `value` (the lower one on an exact tie).
    func nearest(_ value: Float) -> Float {
        var low = 0, high = centroids.count - 1
        while low < high {
            let mid = (low + high) / 2
            if value <= (centroids[mid] + centroids[mid + 1]) / 2 { high = mid } else { low = mid + 1 }
        }
        return centroids[low]
    }

    /// One Lloyd step: each centroid moves to the mean of the values nearest to it (an empty
    /// cluster keeps its centroid). Means are accumulated in Double.
    private static func update(_ sorted: [Float], _ centroids: [Float]) -> [Float] {
        var updated = centroids
        var start = 0
        for c in centroids.indices {
            var end = start
            if c == centroids.count - 1 {
                end = sorted.count
            } else {
                let boundary = (centroids[c] + centroids[c + 1]) / 2
                while end < sorted.count && sorted[end] <= boundary { end += 1 }
            }
            if end > start {
                let sum = sorted[start..<end].reduce(0.0) { $0 + Double($1) }
                updated[c] = Float(sum / Double(end - start))
            }
            start = end
        }
        return updated.sorted()
    }

    /// Initial centroids, ascending.
    private static func initial(_ sorted: [Float], clusters k: Int, _ method: ClusteringOptions.Initialization,
                                seed: UInt64) -> [Float] {
        guard k > 1, let low = sorted.first, let high = sorted.last else { return Array(sorted.prefix(1)) }
        switch method {
        case .linear:
            return (0..<k).map { low + (high - low) * Float($0) / Float(k - 1) }
        case .density:
            // Evenly spaced points of the empirical CDF, from the smallest to the largest value.
            return (0..<k).map { sorted[Int((Double($0) / Double(k - 1) * Double(sorted.count - 1)).rounded())] }
        case .kmeansPlusPlus:
            return kmeansPlusPlus(sorted, k: k, seed: seed)
        }
    }

    /// k-means++: the first centroid uniformly at random, each next one with probability
    /// proportional to the squared distance to the nearest chosen centroid.
    private static func kmeansPlusPlus(_ values: [Float], k: Int, seed: UInt64) -> [Float] {
        var random = SplitMix64(seed: seed)
        var chosen = [values[Int(random.next() % UInt64(values.count))]]
        var distances = values.map { Double($0 - chosen[0]) * Double($0 - chosen[0]) }
        while chosen.count < k {
            let total = distances.reduce(0, +)
            guard total > 0 else { break }
            var target = random.unitInterval() * total
            var pick = values.count - 1
            for (i, d) in distances.enumerated() {
                target -= d
                if target < 0 { pick = i; break }
            }
            let centroid = values[pick]
            chosen.append(centroid)
            for i in values.indices {
                let d = Double(values[i] - centroid) * Double(values[i] - centroid)
                if d < distances[i] { distances[i] = d }
            }
        }
        return chosen.sorted()
    }
}
