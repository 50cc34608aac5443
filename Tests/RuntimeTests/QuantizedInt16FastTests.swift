import Testing
@testable import Runtime

/// The int16×8 fast paths (deep CONV_2D, FULLY_CONNECTED, DEPTHWISE_CONV_2D) and the C QUANTIZE
/// must equal the reference kernels exactly, with the AVX2 and the portable C code.
@Suite(.serialized) struct QuantizedInt16FastTests {
    private func randomInt16(_ count: Int, _ rng: inout HeavyOpRandom) -> [Int16] {
        (0 ..< count).map { _ in rng.pick([Int16.min, Int16.max, Int16.random(in: -32768 ... 32767, using: &rng), Int16.random(in: -300 ... 300, using: &rng)]) }
    }

    private func randomInt8(_ count: Int, _ rng: inout HeavyOpRandom) -> [Int8] {
        (0 ..< count).map { _ in rng.pick([Int8.min, Int8.random(in: -128 ... 127, using: &rng)]) }
    }

    /// Fixed-point multipliers with shifts in `shifts`, or LiteRT's FULLY_CONNECTED double scales.
    private func randomQuantization(channels: Int, shifts: ClosedRange<Int>, doubleScales: Bool, _ rng: inout HeavyOpRandom) -> QuantizedOutput {
        let multipliers = (0 ..< channels).map { _ in rng.pick([Int32.max, Int32.random(in: 1 << 30 ... Int32.max, using: &rng)]) }
        let shiftValues = (0 ..< channels).map { _ in Int.random(in: shifts, using: &rng) }
        let scales = doubleScales ? (0 ..< channels).map { Double(multipliers[$0]) * pow2(shiftValues[$0] - 31) } : nil
        return QuantizedOutput(inputOffset: 0, outputOffset: Int32.random(in: -20 ... 20, using: &rng), multipliers: multipliers,
                               shifts: shiftValues, activationMin: Int32.random(in: -32768 ... -100, using: &rng),
                               activationMax: Int32.random(in: 100 ... 32767, using: &rng), wideAccumulator: true, doubleScales: scales)
    }

    private func pow2(_ e: Int) -> Double { e >= 0 ? Double(1 << e) : 1 / Double(1 << -e) }

    private func withPortable(_ portable: Bool, _ body: () throws -> Void) rethrows {
        KernelSelection.forcePortable(portable)
        defer { KernelSelection.forcePortable(false) }
        try body()
    }

    @Test(arguments: 0 ..< 12)
    func deepConvolutionMatchesReference(seed: Int) throws {
        try withPortable(seed % 4 == 3) {
            var rng = HeavyOpRandom(seed: UInt64(seed) &+ 4100)
            let inC = rng.pick([57, 130, 300, 511, 600]), outC = rng.pick([1, 16, 21, 40])
            let k = rng.pick([1, 1, 3])
            let input = [rng.pick([1, 2]), rng.pick([3, 6]), rng.pick([4, 5]), inC], filterShape = [outC, k, k, inC]
            let parameters = Convolution.Parameters(padding: rng.pick([.same, .valid]), strideHeight: rng.pick([1, 2]),
                                                    strideWidth: rng.pick([1, 2]), dilationHeight: 1, dilationWidth: 1)
            guard let shape = try? Convolution.outputShape(input: input, filter: filterShape, bias: [outC], parameters: parameters) else { return }
            let x = QuantBuffer<Int16>(input, randomInt16(input.reduce(1, *), &rng))
            let w = QuantBuffer<Int8>(filterShape, randomInt8(filterShape.reduce(1, *), &rng))
            let b = QuantBuffer<Int64>([outC], (0 ..< outC).map { _ in Int64.random(in: -(1 << 28) ... (1 << 28), using: &rng) })
            let q = randomQuantization(channels: outC, shifts: -26 ... -16, doubleScales: false, &rng)
            let reference = QuantBuffer<Int16>(shape, repeating: 0), fast = QuantBuffer<Int16>(shape, repeating: 0)
            try QuantizedConvolution.compute(input: x.view, filter: w.view, bias: b.view, output: reference.mutableView,
                                             parameters: parameters, quantization: q)
            try QuantizedConvolutionInt16Fast.convolution(input: x.view, weights: PackedInt8Weights(w.base, rows: outC, depth: k * k * inC),
                                                          filterShape: filterShape, bias: b.view, output: fast.mutableView,
                                                          parameters: parameters, quantization: q,
                                                          runner: ParallelRunner(threadCount: rng.pick([1, 2])))
            #expect(fast.values == reference.values, "input \(input) filter \(filterShape) \(parameters)")
            #expect(reference.values.count < 8 || Set(reference.values).count > 2)
        }
    }

    @Test(arguments: 0 ..< 16)
    func fullyConnectedMatchesReference(seed: Int) throws {
        try withPortable(seed % 4 == 3) {
            var rng = HeavyOpRandom(seed: UInt64(seed) &+ 5200)
            let depth = rng.pick([1, 7, 64, 509, 1280]), units = rng.pick([1, 5, 16, 37, 100]), batch = rng.pick([1, 1, 3, 6])
            let x = QuantBuffer<Int16>([batch, depth], randomInt16(batch * depth, &rng))
            let w = QuantBuffer<Int8>([units, depth], randomInt8(units * depth, &rng))
            let q = randomQuantization(channels: units, shifts: -32 ... -12, doubleScales: seed % 2 == 0, &rng)
            let reference = QuantBuffer<Int16>([batch, units], repeating: 0), fast = QuantBuffer<Int16>([batch, units], repeating: 0)
            let runner = ParallelRunner(threadCount: rng.pick([1, 2, 3]))
            let weights = PackedInt8Weights(w.base, rows: units, depth: depth)
            if seed % 3 == 0 {
                let b = QuantBuffer<Int32>([units], (0 ..< units).map { _ in Int32.random(in: -(1 << 30) ... (1 << 30), using: &rng) })
                try QuantizedFullyConnected.compute(input: x.view, weights: w.view, bias: b.view, output: reference.mutableView,
                                                    parameters: .init(), quantization: q)
                try QuantizedFullyConnectedInt16Fast.fullyConnected(input: x.view, weights: weights, bias: b.view, output: fast.mutableView,
                                                                    quantization: q, runner: runner)
            } else {
                let b = QuantBuffer<Int64>([units], (0 ..< units).map { _ in Int64.random(in: -(1 << 36) ... (1 << 36), using: &rng) })
                try QuantizedFullyConnected.compute(input: x.view, weights: w.view, bias: b.view, output: reference.mutableView,
                                                    parameters: .init(), quantization: q)
                try QuantizedFullyConnectedInt16Fast.fullyConnected(input: x.view, weights: weights, bias: b.view, output: fast.mutableView,
                                                                    quantization: q, runner: runner)
            }
            #expect(fast.values == reference.values, "batch \(batch) depth \(depth) units \(units)")
        }
    }

    @Test(arguments: 0 ..< 16)
    func depthwiseMatchesReference(seed: Int) throws {
        try withPortable(seed % 4 == 3) {
            var rng = HeavyOpRandom(seed: UInt64(seed) &+ 6300)
            let channels = rng.pick([1, 5, 8, 16, 24, 40, 51]), (kH, kW) = (rng.pick([1, 2, 3, 5]), rng.pick([1, 3, 4]))
            let input = [rng.pick([1, 2]), rng.pick([4, 9, 12]), rng.pick([3, 8, 11]), channels], filterShape = [1, kH, kW, channels]
            let parameters = DepthwiseConvolution.Parameters(padding: rng.pick([.same, .valid]), strideHeight: rng.pick([1, 2]),
                                                             strideWidth: rng.pick([1, 2, 3]), dilationHeight: rng.pick([1, 2]),
                                                             dilationWidth: rng.pick([1, 2]))
            guard let shape = try? DepthwiseConvolution.outputShape(input: input, filter: filterShape, bias: [channels], parameters: parameters)
            else { return }
            let x = QuantBuffer<Int16>(input, randomInt16(input.reduce(1, *), &rng))
            let w = QuantBuffer<Int8>(filterShape, randomInt8(filterShape.reduce(1, *), &rng))
            let b = QuantBuffer<Int64>([channels], (0 ..< channels).map { _ in Int64.random(in: -(1 << 24) ... (1 << 24), using: &rng) })
            let q = randomQuantization(channels: channels, shifts: -22 ... -10, doubleScales: false, &rng)
            let reference = QuantBuffer<Int16>(shape, repeating: 0), fast = QuantBuffer<Int16>(shape, repeating: 0)
            try QuantizedDepthwiseConvolution.compute(input: x.view, filter: w.view, bias: b.view, output: reference.mutableView,
                                                      parameters: parameters, quantization: q)
            try QuantizedDepthwiseFast.int16Compute(input: x.view, filter: w.view, bias: b.view, output: fast.mutableView,
                                                    parameters: parameters, quantization: q, runner: ParallelRunner(threadCount: rng.pick([1, 2])))
            #expect(fast.values == reference.values, "input \(input) filter \(filterShape) \(parameters)")
            #expect(reference.values.count < 8 || Set(reference.values).count > 2)
        }
    }

    /// Values on and next to rounding ties, the type bounds, huge values, infinities and NaN.
    private func quantizeInputs(scale: Float, _ rng: inout HeavyOpRandom) -> [Float] {
        (0 ..< 203).map { _ in
            let tie = (Float(Int.random(in: -300 ... 300, using: &rng)) + 0.5) * scale
            return rng.pick([tie, tie.nextUp, tie.nextDown, Float.random(in: -40000 ... 40000, using: &rng) * scale,
                             Float.random(in: -1 ... 1, using: &rng), 3e38, -3e38, .infinity, -.infinity, .nan, 0, -0.0])
        }
    }

    private func checkQuantize<Q: FixedWidthInteger>(_: Q.Type, zeroPoints: ClosedRange<Int32>, _ rng: inout HeavyOpRandom) {
        let scale = rng.pick([Float(1), 0.1, 3.0517578e-05, Float.random(in: 1e-4 ... 0.5, using: &rng)])
        let q = AffineQuantization(scale: scale, zeroPoint: Int32.random(in: zeroPoints, using: &rng))
        let x = QuantBuffer<Float>([203], quantizeInputs(scale: scale, &rng))
        let reference = QuantBuffer<Q>([203], repeating: 0), fast = QuantBuffer<Q>([203], repeating: 0)
        QuantizeOp.reference(x.view, q, into: reference.mutableView)
        QuantizeOp.quantize(x.view, q, into: fast.mutableView)
        #expect(fast.values == reference.values, "\(Q.self) scale \(scale) zero point \(q.zeroPoint)")
    }

    @Test(arguments: 0 ..< 8)
    func quantizeMatchesReference(seed: Int) {
        withPortable(seed % 4 == 3) {
            var rng = HeavyOpRandom(seed: UInt64(seed) &+ 7400)
            checkQuantize(Int16.self, zeroPoints: 0 ... 0, &rng)
            checkQuantize(Int8.self, zeroPoints: -128 ... 127, &rng)
            checkQuantize(UInt8.self, zeroPoints: 0 ... 255, &rng)
        }
    }

    @Test func quantizeRoundsTiesAwayFromZero() {
        let x = QuantBuffer<Float>([6], [0.5, -0.5, 2.5, -2.5, 1.4999999, .nan])
        let y = QuantBuffer<Int16>([6], repeating: 7)
        QuantizeOp.quantize(x.view, AffineQuantization(scale: 1, zeroPoint: 0), into: y.mutableView)
        #expect(y.values == [1, -1, 3, -3, 1, 0])
    }
}
