/// Places activation tensors in one arena so tensors whose lifetimes overlap never share bytes,
/// and tensors whose lifetimes don't may reuse the same bytes (greedy by size, as TFLite's
/// arena planner does: largest first, each at the lowest offset that fits).
public struct MemoryPlan: Sendable {
    /// One tensor to place: its size and the first/last step (operator position) that uses it.
    public struct Request: Sendable {
        public let id: Int
        public let bytes: Int
        public let firstUse: Int
        public let lastUse: Int
        public init(id: Int, bytes: Int, firstUse: Int, lastUse: Int) {
            self.id = id
            self.bytes = bytes
            self.firstUse = firstUse
            self.lastUse = lastUse
        }
    }

    /// Byte offset of each request id in the arena.
    public let offsets: [Int: Int]
    /// Total arena size in bytes.
    public let arenaBytes: Int

    /// Alignment of every placement (enough for AVX-512 loads).
    public static let alignment = 64

    public init(_ requests: [Request]) {
        func aligned(_ n: Int) -> Int { (n + Self.alignment - 1) / Self.alignment * Self.alignment }
        let order = requests.sorted { ($0.bytes, -$0.firstUse, -$0.id) > ($1.bytes, -$1.firstUse, -$1.id) }
        var placed: [(offset: Int, end: Int, first: Int, last: Int)] = []
        var offsets: [Int: Int] = [:]
        var arena = 0
        for request in order {
            let size = aligned(max(request.bytes, 1))
            let overlapping = placed
                .filter { $0.first <= request.lastUse && request.firstUse <= $0.last }
                .sorted { $0.offset < $1.offset }
            var candidate = 0
            for block in overlapping {
                if candidate + size <= block.offset { break }
                candidate = max(candidate, block.end)
            }
            placed.append((candidate, candidate + size, request.firstUse, request.lastUse))
            offsets[request.id] = candidate
            arena = max(arena, candidate + size)
        }
        self.offsets = offsets
        self.arenaBytes = arena
    }
}
