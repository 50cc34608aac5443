import Foundation
import Testing
@testable import Runtime

/// The int8 convolution kernel (`ck_i8_conv`, as a fully-connected product) against plain integer
/// dot products with every kernel family (VNNI where the CPU has it, AVX2, portable), including
/// the extremes whose products are largest and depths that are not multiples of 4 or 16.
@Suite(.serialized) struct Int8ConvolutionKernelTests {
    @Test(arguments: [(1, 1, 1), (2, 2, 16), (3, 5, 17), (7, 4, 100), (64, 9, 31), (5, 33, 7), (70, 17, 3)], [0, 1, 2])
    func productsEqualIntegerDotProducts(shape: (m: Int, n: Int, depth: Int), level: Int) throws {
        let (m, n, depth) = shape
        var rng = HeavyOpRandom(seed: UInt64(m * 1000 + n * 10 + depth))
        let a = (0 ..< m * depth).map { _ in rng.pick([Int8.min, Int8.max, -1, 0, 1, 77, -99]) }
        let w = (0 ..< n * depth).map { _ in rng.pick([Int8.min, Int8.max, -127, 3, -5]) }
        // Each output is round(dot / (depth·130)) (ties away from zero), inside the int8 range.
        let scale = 1 / (Double(depth) * 130)
        let q = QuantizedOutput(inputOffset: 0, outputOffset: 0, multipliers: Array(repeating: 1 << 30, count: n),
                                shifts: Array(repeating: 0, count: n), activationMin: -128, activationMax: 127,
                                doubleScales: Array(repeating: scale, count: n))
        let x = QuantBuffer<Int8>([m, depth], a), c = QuantBuffer<Int8>([m, n], repeating: 0)
        try KernelSelection.with(level: level) {
            let packed = w.withUnsafeBufferPointer { Int8ConvolutionWeights($0.baseAddress!, rows: n, depth: depth) }
            #expect(packed.usesVNNI == (level == 0 && KernelSelection.usesVNNI))
            #expect(packed.rowSums == (0 ..< n).map { j in (0 ..< depth).reduce(Int32(0)) { $0 + Int32(w[j * depth + $1]) } })
            try QuantizedConvolutionFast.fullyConnected(input: x.view, weights: packed, bias: nil, output: c.mutableView,
                                                        quantization: q, runner: .serial)
        }
        for i in 0 ..< m {
            for j in 0 ..< n {
                let dot = (0 ..< depth).reduce(0) { $0 + Int(a[i * depth + $1]) * Int(w[j * depth + $1]) }
                #expect(c.values[i * n + j] == Int8((Double(dot) * scale).rounded(.toNearestOrAwayFromZero)), "(\(i), \(j))")
            }
        }
    }
}
