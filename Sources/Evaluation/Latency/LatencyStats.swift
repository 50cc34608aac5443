/// Latency of repeated `invoke()` calls, measured here, in milliseconds.
public struct LatencyStats: Codable, Equatable, Sendable {
    public var medianMs: Double
    public var p90Ms: Double
    public var minMs: Double
    public var runs: Int
    public var threads: Int
    /// Bytes of the interpreter's activation arena.
    public var arenaBytes: Int

    enum CodingKeys: String, CodingKey {
        case medianMs = "median_ms", p90Ms = "p90_ms", minMs = "min_ms", runs, threads, arenaBytes = "arena_bytes"
    }

    /// Statistics of `samples` (seconds): median, 90th percentile (nearest rank) and minimum.
    public init(samples: [Double], threads: Int, arenaBytes: Int) {
        let sorted = samples.sorted()
        func quantile(_ q: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
            return sorted[min(max(rank, 0), sorted.count - 1)]
        }
        let middle = sorted.count / 2
        let median = sorted.isEmpty ? 0 : (sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2)
        medianMs = median * 1000
        p90Ms = quantile(0.9) * 1000
        minMs = (sorted.first ?? 0) * 1000
        runs = samples.count
        self.threads = threads
        self.arenaBytes = arenaBytes
    }
}
