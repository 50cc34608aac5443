import Foundation
import Testing
@testable import Runtime

/// The int8 GEMM with fused requantization against plain integer dot products, including the
/// extremes whose int16 products are largest and depths that are not multiples of 16.
@Suite struct IntegerGEMMTests {
    @Test(arguments: [(1, 1, 1), (2, 2, 16), (3, 5, 17), (7, 4, 100), (64, 9, 31), (5, 33, 7)])
    func productsEqualIntegerDotProducts(m: Int, n: Int, depth: Int) {
        var rng = HeavyOpRandom(seed: UInt64(m * 1000 + n * 10 + depth))
        let a = (0 ..< m * depth).map { _ in rng.pick([Int8.min, Int8.max, -1, 0, 1, 77, -99]) }
        let w = (0 ..< n * depth).map { _ in rng.pick([Int8.min, Int8.max, -127, 3, -5]) }
        let packed = w.withUnsafeBufferPointer { PackedInt8Weights($0.baseAddress!, rows: n, depth: depth) }
        // Each output is round(dot / (depth·130)) (ties away from zero), inside the int8 range.
        let scale = 1 / (Double(depth) * 130)
        let q = QuantizedOutput(inputOffset: 0, outputOffset: 0, multipliers: Array(repeating: 1 << 30, count: n),
                                shifts: Array(repeating: 0, count: n), activationMin: -128, activationMax: 127,
                                doubleScales: Array(repeating: scale, count: n))
        let requantization = Int8Requantization(q), folded = [Int32](repeating: 0, count: n)
        var c = [Int8](repeating: 0, count: m * n)
        withUnsafePointer(to: requantization.parameters) { rq in
            c.withUnsafeMutableBufferPointer { out in
                IntegerGEMM.multiply(a: a, aStride: depth, m: m, weights: packed, folded: folded, requantization: rq,
                                     output: out.baseAddress!, outStride: n)
            }
        }
        for i in 0 ..< m {
            for j in 0 ..< n {
                let dot = (0 ..< depth).reduce(0) { $0 + Int(a[i * depth + $1]) * Int(w[j * depth + $1]) }
                #expect(c[i * n + j] == Int8((Double(dot) * scale).rounded(.toNearestOrAwayFromZero)), "(\(i), \(j))")
            }
        }
        #expect(packed.rowSums == (0 ..< n).map { j in (0 ..< depth).reduce(Int32(0)) { $0 + Int32(w[j * depth + $1]) } })
    }
}
