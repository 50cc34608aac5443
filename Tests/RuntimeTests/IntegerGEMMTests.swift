import Testing
@testable import Runtime

/// The int8 GEMM against plain integer dot products, including the extremes whose int16
/// products are largest and depths that are not multiples of 16.
@Suite struct IntegerGEMMTests {
    @Test(arguments: [(1, 1, 1), (2, 2, 16), (3, 5, 17), (7, 4, 100), (64, 9, 31)])
    func productsEqualIntegerDotProducts(m: Int, n: Int, depth: Int) {
        var rng = HeavyOpRandom(seed: UInt64(m * 1000 + n * 10 + depth))
        let a = (0 ..< m * depth).map { _ in rng.pick([Int8.min, Int8.max, -1, 0, 1, 77, -99]) }
        let w = (0 ..< n * depth).map { _ in rng.pick([Int8.min, Int8.max, -127, 3, -5]) }
        let packed = w.withUnsafeBufferPointer { PackedInt8Weights($0.baseAddress!, rows: n, depth: depth) }
        var padded = [Int32](repeating: 0, count: m * packed.stride)
        for i in 0 ..< m { for k in 0 ..< depth { padded[i * packed.stride + k] = Int32(a[i * depth + k]) } }
        var c = [Int32](repeating: 0, count: m * n)
        padded.withUnsafeBufferPointer { pa in
            c.withUnsafeMutableBufferPointer { IntegerGEMM.multiply(a: pa.baseAddress!, m: m, weights: packed, c: $0.baseAddress!) }
        }
        for i in 0 ..< m {
            for j in 0 ..< n {
                let expected = (0 ..< depth).reduce(Int32(0)) { $0 + Int32(a[i * depth + $1]) * Int32(w[j * depth + $1]) }
                #expect(c[i * n + j] == expected, "(\(i), \(j))")
            }
        }
        #expect(packed.rowSums == (0 ..< n).map { j in (0 ..< depth).reduce(Int32(0)) { $0 + Int32(w[j * depth + $1]) } })
    }
}
