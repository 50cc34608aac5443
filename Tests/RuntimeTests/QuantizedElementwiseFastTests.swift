import Foundation
import Testing
@testable import Runtime

/// The same-shape ADD/SUB/MUL C kernels must equal the per-element reference kernels exactly on
/// random int8/int16 data (extreme values included) with random scales, zero points (type
/// extremes included) and activations, with the AVX-512 (where the CPU has it), AVX2 and portable code.
@Suite(.serialized) struct QuantizedElementwiseFastTests {
    private func values<Q: FixedWidthInteger>(_ count: Int, _: Q.Type, _ rng: inout HeavyOpRandom) -> [Q] {
        (0 ..< count).map { _ in rng.pick([Q.min, Q.max, Q.random(in: Q.min ... Q.max, using: &rng), Q.random(in: -3 ... 3, using: &rng)]) }
    }

    private func quantization<Q: FixedWidthInteger>(scale: Float, _: Q.Type, _ rng: inout HeavyOpRandom) -> AffineQuantization {
        let zeroPoint = Q.bitWidth == 16 && rng.pick([true, false]) ? 0 : rng.pick([Int32(Q.min), Int32(Q.max), 0, Int32(Q.random(in: Q.min ... Q.max, using: &rng))])
        return AffineQuantization(scale: scale, zeroPoint: zeroPoint)
    }

    /// `base · 2^e` with `e` uniform in `spread`.
    private func scale(_ base: Float, _ spread: ClosedRange<Float>, _ rng: inout HeavyOpRandom) -> Float {
        base * Float(pow(2.0, Double(Float.random(in: spread, using: &rng))))
    }

    private func check<Q: FixedWidthInteger>(_ type: Q.Type, seed: Int) throws {
        var rng = HeavyOpRandom(seed: UInt64(seed) &+ 4242)
        let shape = [rng.pick([1, 2]), rng.pick([1, 3, 7, 8, 9]), rng.pick([1, 5, 16, 33])]
        let count = shape.reduce(1, *)
        let a = QuantBuffer<Q>(shape, values(count, Q.self, &rng)), b = QuantBuffer<Q>(shape, values(count, Q.self, &rng))
        let base = scale(1, -20 ... 4, &rng)
        let s1 = scale(base, -6 ... 6, &rng)
        let s2 = rng.pick([s1, scale(base, -6 ... 6, &rng)])
        let (q1, q2) = (quantization(scale: s1, Q.self, &rng), quantization(scale: s2, Q.self, &rng))
        let activation = rng.pick([FusedActivation.none, .relu, .relu6, .reluN1To1])
        let addOutput = quantization(scale: scale(base, -6 ... 6, &rng), Q.self, &rng)
        let ratio: ClosedRange<Float> = Q.bitWidth == 16 ? -24 ... -6 : -14 ... 0
        let mulOutput = quantization(scale: max(s1 * s2 / scale(1, ratio, &rng), 1e-6), Q.self, &rng)
        let add = try QuantizedAddParameters(input1: q1, input2: q2, output: addOutput, activation: activation, Q.self)
        let mul = try QuantizedMulParameters(input1: q1, input2: q2, output: mulOutput, activation: activation, Q.self)
        for subtract in [false, true] {
            let fast = QuantBuffer<Q>(shape, repeating: 0), reference = QuantBuffer<Q>(shape, repeating: 0)
            QuantizedElementwise.add(a.view, b.view, add, subtract: subtract, into: fast.mutableView)
            QuantizedElementwise.addReference(a.view, b.view, add, subtract: subtract, into: reference.mutableView)
            #expect(fast.values == reference.values, "\(Q.self) \(subtract ? "SUB" : "ADD") seed \(seed) \(add)")
        }
        let fast = QuantBuffer<Q>(shape, repeating: 0), reference = QuantBuffer<Q>(shape, repeating: 0)
        QuantizedElementwise.mul(a.view, b.view, mul, into: fast.mutableView)
        QuantizedElementwise.mulReference(a.view, b.view, mul, into: reference.mutableView)
        #expect(fast.values == reference.values, "\(Q.self) MUL seed \(seed) \(mul)")
    }

    @Test(arguments: 0 ..< 60)
    func int8SameShapeMatchesReference(seed: Int) throws {
        try check(Int8.self, seed: seed)
    }

    @Test(arguments: 0 ..< 60)
    func int16SameShapeMatchesReference(seed: Int) throws {
        try check(Int16.self, seed: seed)
    }

    @Test(arguments: 0 ..< 20)
    func avx2SameShapeMatchesReference(seed: Int) throws {
        try KernelSelection.with(level: 1) {
            try check(Int8.self, seed: seed + 3000)
            try check(Int16.self, seed: seed + 4000)
        }
    }

    @Test(arguments: 0 ..< 20)
    func portableSameShapeMatchesReference(seed: Int) throws {
        KernelSelection.forcePortable(true)
        defer { KernelSelection.forcePortable(false) }
        try check(Int8.self, seed: seed + 1000)
        try check(Int16.self, seed: seed + 2000)
    }
}
