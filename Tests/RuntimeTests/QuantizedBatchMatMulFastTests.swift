import Testing
@testable import Runtime

/// QuantizedBatchMatMulFast (C kernel, AVX2 and portable) against the reference
/// QuantizedBatchMatMul, which matches LiteRT's reference kernel: bit-identical on random shapes,
/// adjoints, broadcast batches, zero points, multipliers and thread counts, plus a hand-computed case.
@Suite(.serialized) struct QuantizedBatchMatMulFastTests {
    @Test(arguments: [false, true])
    func matchesReference(portable: Bool) throws {
        var rng = HeavyOpRandom(seed: UInt64(portable ? 0xB0B1 : 0xB0B2))
        for index in 0 ..< 40 {
            let (m, n, k) = ([1, 3, 4, 7, 17][rng.below(5)], [1, 5, 8, 9, 24][rng.below(5)], [1, 2, 7, 64, 300][rng.below(5)])
            let parameters = BatchMatMul.Parameters(adjointLHS: rng.below(2) == 0, adjointRHS: rng.below(2) == 0)
            let lhsBatch = [[], [3], [2, 1]][rng.below(3)], rhsBatch = [[], [1], [3], [1, 2]][rng.below(4)]
            let lhsShape = lhsBatch + (parameters.adjointLHS ? [k, m] : [m, k])
            let rhsShape = rhsBatch + (parameters.adjointRHS ? [n, k] : [k, n])
            guard let outShape = try? BatchMatMul.outputShape(lhs: lhsShape, rhs: rhsShape, parameters: parameters) else { continue }
            let a = (0 ..< lhsShape.reduce(1, *)).map { _ in Int8(truncatingIfNeeded: rng.next()) }
            let b = (0 ..< rhsShape.reduce(1, *)).map { _ in Int8(truncatingIfNeeded: rng.next()) }
            let (multiplier, shift) = FixedPoint.quantizeMultiplier([0.9, 0.013, 1e-4, 3.7][rng.below(4)])
            let q = QuantizedOutput(inputOffset: Int32(rng.below(256)) - 128, weightOffset: Int32(rng.below(256)) - 127,
                                    outputOffset: Int32(rng.below(256)) - 128, multipliers: [multiplier], shifts: [shift],
                                    activationMin: -128 + Int32(rng.below(2)) * 100, activationMax: 127)
            let reference = try run(a, lhsShape, b, rhsShape, outShape, parameters, q, threads: 1, portable: portable, fast: false)
            let fast = try run(a, lhsShape, b, rhsShape, outShape, parameters, q, threads: 1 + index % 3, portable: portable, fast: true)
            #expect(fast == reference, "\(lhsShape) × \(rhsShape) \(parameters) \(q)")
        }
    }

    @Test(arguments: [false, true])
    func handComputedProduct(portable: Bool) throws {
        // (A + 1)·(B − 2) with A = [[1, 2, 3]], B = [[3], [4], [5]]: 2·1 + 3·2 + 4·3 = 20; multiplier 0.5 → 10, + 3 = 13.
        let (multiplier, shift) = FixedPoint.quantizeMultiplier(0.5)
        let q = QuantizedOutput(inputOffset: -2, weightOffset: 1, outputOffset: 3, multipliers: [multiplier], shifts: [shift],
                                activationMin: -128, activationMax: 127)
        let out = try run([1, 2, 3], [1, 3], [3, 4, 5], [3, 1], [1, 1], .init(), q, threads: 1, portable: portable, fast: true)
        #expect(out == [13])
    }

    private func run(_ a: [Int8], _ lhsShape: [Int], _ b: [Int8], _ rhsShape: [Int], _ outShape: [Int],
                     _ parameters: BatchMatMul.Parameters, _ q: QuantizedOutput, threads: Int, portable: Bool, fast: Bool) throws -> [Int8] {
        var output = [Int8](repeating: 0, count: outShape.reduce(1, *))
        KernelSelection.forcePortable(portable)
        defer { KernelSelection.forcePortable(false) }
        try a.withUnsafeBufferPointer { a in
            try b.withUnsafeBufferPointer { b in
                try output.withUnsafeMutableBufferPointer { y in
                    let (av, bv) = (TensorView(shape: lhsShape, base: a.baseAddress!), TensorView(shape: rhsShape, base: b.baseAddress!))
                    let yv = MutableTensorView(shape: outShape, base: y.baseAddress!)
                    if fast {
                        try QuantizedBatchMatMulFast.compute(lhs: av, rhs: bv, output: yv, parameters: parameters, quantization: q,
                                                             runner: ParallelRunner(threadCount: threads))
                    } else {
                        try QuantizedBatchMatMul.compute(lhs: av, rhs: bv, output: yv, parameters: parameters, quantization: q)
                    }
                }
            }
        }
        return output
    }
}
