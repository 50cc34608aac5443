import Runtime
import Testing

/// The arena planner: overlapping lifetimes never share bytes, disjoint ones reuse them.
@Suite struct MemoryPlanTests {
    private func overlaps(_ a: MemoryPlan.Request, _ b: MemoryPlan.Request, _ plan: MemoryPlan) -> Bool {
        let (x, y) = (plan.offsets[a.id]!, plan.offsets[b.id]!)
        let spaceOverlap = x < y + b.bytes && y < x + a.bytes
        let timeOverlap = a.firstUse <= b.lastUse && b.firstUse <= a.lastUse
        return spaceOverlap && timeOverlap
    }

    @Test func chainReusesMemoryOfDeadTensors() {
        // A chain t0 → t1 → t2 → t3: each tensor lives for two steps, so two slots suffice.
        let requests = (0..<4).map { MemoryPlan.Request(id: $0, bytes: 1000, firstUse: $0, lastUse: $0 + 1) }
        let plan = MemoryPlan(requests)
        #expect(plan.arenaBytes == 2 * 1024)  // 1000 rounded up to the 64-byte alignment, twice
        #expect(plan.offsets[0] == plan.offsets[2])
    }

    @Test func liveTensorsNeverShareBytes() {
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<50 {
            let requests = (0..<30).map { id -> MemoryPlan.Request in
                let first = next(20)
                return MemoryPlan.Request(id: id, bytes: 1 + next(5000), firstUse: first, lastUse: first + next(6))
            }
            let plan = MemoryPlan(requests)
            for a in requests { #expect(plan.offsets[a.id]! % MemoryPlan.alignment == 0) }
            for a in requests { for b in requests where a.id < b.id { #expect(!overlaps(a, b, plan)) } }
            #expect(plan.arenaBytes <= requests.reduce(0) { $0 + ($1.bytes + 63) / 64 * 64 })
        }
    }
}
