import Testing
@testable import Runtime

/// QuantizedPoolingFast (C kernels, AVX2 and portable) against the reference QuantizedPooling,
/// which matches LiteRT's reference integer pooling: bit-identical on random shapes, windows,
/// paddings, clamp ranges and thread counts, plus hand-computed rounding of negative means.
@Suite(.serialized) struct QuantizedPoolingFastTests {
    @Test(arguments: [false, true])
    func int8MatchesReference(portable: Bool) throws {
        try compare(Int8.self, portable: portable, seed: 0x9A11)
    }

    @Test(arguments: [false, true])
    func int16MatchesReference(portable: Bool) throws {
        try compare(Int16.self, portable: portable, seed: 0x16F0)
    }

    @Test(arguments: [false, true])
    func averageRoundsHalfAwayFromZero(portable: Bool) throws {
        // One 2×1 window per channel: means of (1, 2) = 1.5 → 2, (−1, −2) = −1.5 → −2, (3, 4) = 3.5 → 4
        // clamped to 3, and (−5, 0) = −2.5 → −3.
        let input: [Int8] = [1, -1, 3, -5, 2, -2, 4, 0]
        let parameters = PoolParameters(filterHeight: 2, filterWidth: 1, strideHeight: 1, strideWidth: 1, padding: .valid)
        let out = try run(Int8.self, average: true, input, shape: [1, 2, 1, 4], parameters, range: -128 ... 3, threads: 1,
                          portable: portable, reference: false)
        #expect(out == [2, -2, 3, -3])
    }

    private func compare<Q: FixedWidthInteger & Sendable>(_: Q.Type, portable: Bool, seed: UInt64) throws {
        var rng = HeavyOpRandom(seed: UInt64(seed))
        for index in 0 ..< 60 {
            let shape = [1 + rng.below(2), 1 + rng.below(9), 1 + rng.below(9), [1, 3, 8, 16, 17, 33, 70][rng.below(7)]]
            let parameters = PoolParameters(filterHeight: 1 + rng.below(4), filterWidth: 1 + rng.below(4),
                                            strideHeight: 1 + rng.below(3), strideWidth: 1 + rng.below(3),
                                            padding: rng.below(2) == 0 ? .same : .valid)
            guard (try? Pooling.outputShape(input: shape, parameters)) != nil else { continue }
            let input = (0 ..< shape.reduce(1, *)).map { _ in Q(truncatingIfNeeded: rng.next()) }
            let low = Int32(Q.min) + Int32(rng.below(2)) * Int32(Q.max / 2), high = Int32(Q.max) - Int32(rng.below(2)) * Int32(Q.max / 3)
            for average in [false, true] {
                let args = (average: average, shape: shape, parameters: parameters, range: low ... high)
                let reference = try run(Q.self, average: average, input, shape: shape, parameters, range: args.range, threads: 1,
                                        portable: portable, reference: true)
                let fast = try run(Q.self, average: average, input, shape: shape, parameters, range: args.range,
                                   threads: 1 + index % 3, portable: portable, reference: false)
                #expect(fast == reference, "\(args)")
            }
        }
    }

    private func run<Q: FixedWidthInteger & Sendable>(_: Q.Type, average: Bool, _ input: [Q], shape: [Int], _ parameters: PoolParameters,
                                                      range: ClosedRange<Int32>, threads: Int, portable: Bool,
                                                      reference: Bool) throws -> [Q] {
        let outShape = try Pooling.outputShape(input: shape, parameters)
        var output = [Q](repeating: 0, count: outShape.reduce(1, *))
        let window = try QuantizedPoolingFast.window(input: shape, parameters)
        KernelSelection.forcePortable(portable)
        defer { KernelSelection.forcePortable(false) }
        input.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                let xv = TensorView(shape: shape, base: x.baseAddress!), yv = MutableTensorView(shape: outShape, base: y.baseAddress!)
                let runner = ParallelRunner(threadCount: threads)
                switch (reference, average, xv, yv) {
                case (true, true, _, _): QuantizedPooling.averagePool(xv, parameters, range: range, into: yv)
                case (true, false, _, _): QuantizedPooling.maxPool(xv, parameters, range: range, into: yv)
                case (false, _, let xv as TensorView<Int8>, let yv as MutableTensorView<Int8>):
                    QuantizedPoolingFast.pool(average: average, xv, window: window, range: range, into: yv, runner: runner)
                case (false, _, let xv as TensorView<Int16>, let yv as MutableTensorView<Int16>):
                    QuantizedPoolingFast.pool(average: average, xv, window: window, range: range, into: yv, runner: runner)
                default: Issue.record("unsupported element type \(Q.self)")
                }
            }
        }
        return output
    }
}
