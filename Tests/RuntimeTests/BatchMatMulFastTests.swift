import Testing
@testable import Runtime

/// FastBatchMatMul on the C float kernels: the AVX2+FMA and the portable code both match the
/// reference kernel, shared operands are packed once and reused correctly, and an empty depth
/// gives zeros.
@Suite(.serialized) struct BatchMatMulFastTests {
    @Test(arguments: [0, 2])
    func matchesReferenceWithAdjointsBroadcastingAndThreads(level: Int) throws {
        try KernelSelection.with(level: level) {
            var rng = HeavyOpRandom(seed: 0xB3A7 + UInt64(level))
            for index in 0 ..< 30 {
                let (m, n, k) = (rng.pick([1, 5, 6, 13, 64]), rng.pick([1, 15, 16, 40]), rng.pick([1, 2, 31, 260]))
                let parameters = BatchMatMul.Parameters(adjointLHS: rng.pick([true, false]), adjointRHS: rng.pick([true, false]))
                let lhsBatch = rng.pick([[], [3], [2, 1]]), rhsBatch = rng.pick([[], [1], [3], [1, 2]])
                let lhsShape = lhsBatch + (parameters.adjointLHS ? [k, m] : [m, k])
                let rhsShape = rhsBatch + (parameters.adjointRHS ? [n, k] : [k, n])
                guard let outShape = try? BatchMatMul.outputShape(lhs: lhsShape, rhs: rhsShape, parameters: parameters) else { continue }
                let a = rng.tensor(lhsShape), b = rng.tensor(rhsShape)
                let (aa, ba) = (a.magnitudes, b.magnitudes)
                let reference = try runKernel(outShape, keeping: [a, b]) {
                    try BatchMatMul.compute(lhs: a.view, rhs: b.view, output: $0, parameters: parameters)
                }
                let magnitude = try runKernel(outShape, keeping: [aa, ba]) {
                    try BatchMatMul.compute(lhs: aa.view, rhs: ba.view, output: $0, parameters: parameters)
                }
                let fast = try runKernel(outShape, keeping: [a, b]) {
                    try FastBatchMatMul.compute(lhs: a.view, rhs: b.view, output: $0, parameters: parameters,
                                                runner: ParallelRunner(threadCount: index % 2 + 1))
                }
                expectClose(fast, reference, magnitudes: magnitude, "level \(level) \(lhsShape) x \(rhsShape) \(parameters)")
            }
        }
    }

    @Test func emptyDepthGivesZeros() throws {
        let a = HeavyOpBuffer(zeros: [3, 0]), b = HeavyOpBuffer(zeros: [0, 20])
        let out = try runKernel([3, 20], keeping: [a, b]) {
            $0.base.update(repeating: .nan, count: 60)
            try FastBatchMatMul.compute(lhs: a.view, rhs: b.view, output: $0, parameters: .init(), runner: .serial)
        }
        #expect(out == [Float](repeating: 0, count: 60))
    }

    @Test func handComputedAdjointProduct() throws {
        // lhs stored adjoint: A = [[1, 3], [2, 4]]; B = [[1, 0, 2], [0, 1, -1]] → A·B = [[1, 3, -1], [2, 4, 0]].
        let a = HeavyOpBuffer([2, 2], [1, 2, 3, 4]), b = HeavyOpBuffer([2, 3], [1, 0, 2, 0, 1, -1])
        let out = try runKernel([2, 3], keeping: [a, b]) {
            try FastBatchMatMul.compute(lhs: a.view, rhs: b.view, output: $0, parameters: .init(adjointLHS: true, adjointRHS: false),
                                        runner: .serial)
        }
        #expect(out == [1, 3, -1, 2, 4, 0])
    }
}
