import Testing
@testable import Runtime

/// The packed int8 GEMM paths must equal the reference kernels exactly on random shapes,
/// strides, dilations, paddings, zero points and multipliers, with the VNNI (where the CPU has
/// it), AVX2 and portable C code.
@Suite(.serialized) struct QuantizedConvolutionFastTests {
    private func randomInt8(_ count: Int, _ rng: inout HeavyOpRandom) -> [Int8] {
        (0 ..< count).map { _ in Int8.random(in: -128 ... 127, using: &rng) }
    }

    /// `rightShiftsOnly`: fixed-point multipliers below 1/2, where the AVX-512 float-shortcut
    /// requantization applies.
    private func randomQuantization(channels: Int, rightShiftsOnly: Bool = false, _ rng: inout HeavyOpRandom) -> QuantizedOutput {
        let low = Int32.random(in: -128 ... -20, using: &rng)
        let doubleScales = !rightShiftsOnly && rng.pick([false, true])
            ? (0 ..< channels).map { _ in Double.random(in: 1e-5 ... 1e-2, using: &rng) } : nil
        return QuantizedOutput(inputOffset: Int32.random(in: -127 ... 128, using: &rng), outputOffset: Int32.random(in: -20 ... 20, using: &rng),
                               multipliers: (0 ..< channels).map { _ in Int32.random(in: 1 << 30 ... Int32.max, using: &rng) },
                               shifts: (0 ..< channels).map { _ in Int.random(in: -14 ... (rightShiftsOnly ? -1 : 1), using: &rng) },
                               activationMin: low, activationMax: Int32.random(in: 20 ... 127, using: &rng),
                               doubleScales: doubleScales)
    }

    @Test(arguments: 0 ..< 12)
    func convolutionMatchesReference(seed: Int) throws {
        try checkConvolution(seed: seed)
    }

    @Test(arguments: 0 ..< 24)
    func fewChannelConvolutionMatchesReference(seed: Int) throws {
        try checkConvolution(seed: seed + 400, fewChannels: true)
    }

    /// Convolutions big enough to be split over two threads (millions of multiply-adds): im2col
    /// (16 channels) and the few-channel path (3), two images.
    @Test(arguments: [3, 16])
    func convolutionSplitOverThreadsMatchesReference(inC: Int) throws {
        var rng = HeavyOpRandom(seed: UInt64(inC) &+ 900)
        let input = [2, 48, 40, inC], filterShape = [24, 3, 3, inC]
        let parameters = Convolution.Parameters(padding: .same, strideHeight: 1, strideWidth: 1)
        let shape = try Convolution.outputShape(input: input, filter: filterShape, bias: [24], parameters: parameters)
        let x = QuantBuffer<Int8>(input, randomInt8(input.reduce(1, *), &rng))
        let w = QuantBuffer<Int8>(filterShape, randomInt8(filterShape.reduce(1, *), &rng))
        let b = QuantBuffer<Int32>([24], (0 ..< 24).map { _ in Int32.random(in: -5000 ... 5000, using: &rng) })
        let q = randomQuantization(channels: 24, rightShiftsOnly: true, &rng)
        let reference = QuantBuffer<Int8>(shape, repeating: 0), fast = QuantBuffer<Int8>(shape, repeating: 0)
        try QuantizedConvolution.compute(input: x.view, filter: w.view, bias: b.view, output: reference.mutableView,
                                         parameters: parameters, quantization: q)
        let packed = Int8ConvolutionWeights(w.base, rows: 24, depth: 9 * inC)
        try QuantizedConvolutionFast.convolution(input: x.view, weights: packed, filterShape: filterShape, bias: b.view,
                                                 output: fast.mutableView, parameters: parameters, quantization: q,
                                                 runner: ParallelRunner(threadCount: 2))
        #expect(fast.values == reference.values)
    }

    @Test(arguments: 0 ..< 8)
    func avx2ConvolutionMatchesReference(seed: Int) throws {
        try KernelSelection.with(level: 1) { try checkConvolution(seed: seed + 30) }
    }

    @Test(arguments: 0 ..< 6)
    func portableConvolutionMatchesReference(seed: Int) throws {
        try KernelSelection.with(level: 2) { try checkConvolution(seed: seed + 50) }
    }

    /// One random case; `fewChannels` draws inputs of 1–5 channels with undilated kernel rows of at
    /// most 16 bytes and right-shift multipliers (the VNNI kernel's im2col-free path, narrow and
    /// wide panels, several images and threads).
    private func checkConvolution(seed: Int, fewChannels: Bool = false) throws {
        var rng = HeavyOpRandom(seed: UInt64(seed) &+ 101)
        let inC = rng.pick(fewChannels ? [1, 2, 3, 4, 5] : [1, 3, 8, 17, 32]), outC = rng.pick([1, 2, 5, 8, 16, 33])
        let (kH, kW) = (rng.pick([1, 2, 3]), fewChannels ? rng.pick([2, 3]) : rng.pick([1, 3, 5]))
        let input = [rng.pick(fewChannels ? [1, 2, 3] : [1, 2]), rng.pick([5, 9, 12]), rng.pick([4, 7, 11]), inC]
        let filterShape = [outC, kH, kW, inC]
        let parameters = Convolution.Parameters(padding: rng.pick([.same, .valid]), strideHeight: rng.pick([1, 2]),
                                                strideWidth: rng.pick([1, 2, 3]), dilationHeight: rng.pick([1, 2]),
                                                dilationWidth: fewChannels ? 1 : rng.pick([1, 2]))
        guard let shape = try? Convolution.outputShape(input: input, filter: filterShape, bias: [outC], parameters: parameters) else { return }
        let x = QuantBuffer<Int8>(input, randomInt8(input.reduce(1, *), &rng))
        let w = QuantBuffer<Int8>(filterShape, randomInt8(filterShape.reduce(1, *), &rng))
        let b = QuantBuffer<Int32>([outC], (0 ..< outC).map { _ in Int32.random(in: -5000 ... 5000, using: &rng) })
        let q = randomQuantization(channels: outC, rightShiftsOnly: fewChannels, &rng)
        let reference = QuantBuffer<Int8>(shape, repeating: 0), fast = QuantBuffer<Int8>(shape, repeating: 0)
        try QuantizedConvolution.compute(input: x.view, filter: w.view, bias: b.view, output: reference.mutableView,
                                         parameters: parameters, quantization: q)
        let packed = Int8ConvolutionWeights(w.base, rows: outC, depth: kH * kW * inC)
        try QuantizedConvolutionFast.convolution(input: x.view, weights: packed, filterShape: filterShape, bias: b.view,
                                                 output: fast.mutableView, parameters: parameters, quantization: q,
                                                 runner: ParallelRunner(threadCount: rng.pick([1, 2, 3])))
        #expect(fast.values == reference.values, "input \(input) filter \(filterShape) \(parameters)")
    }

    @Test(arguments: 0 ..< 12)
    func fullyConnectedMatchesReference(seed: Int) throws {
        try KernelSelection.with(level: seed % 3) { try checkFullyConnected(seed: seed) }
    }

    private func checkFullyConnected(seed: Int) throws {
        var rng = HeavyOpRandom(seed: UInt64(seed) &+ 7)
        let depth = rng.pick([1, 15, 16, 33, 200]), units = rng.pick([1, 3, 10, 64]), batch = rng.pick([1, 2, 5, 70])
        let x = QuantBuffer<Int8>([batch, depth], randomInt8(batch * depth, &rng))
        let w = QuantBuffer<Int8>([units, depth], randomInt8(units * depth, &rng))
        let b = QuantBuffer<Int32>([units], (0 ..< units).map { _ in Int32.random(in: -9000 ... 9000, using: &rng) })
        let q = randomQuantization(channels: units, &rng)
        let reference = QuantBuffer<Int8>([batch, units], repeating: 0), fast = QuantBuffer<Int8>([batch, units], repeating: 0)
        try QuantizedFullyConnected.compute(input: x.view, weights: w.view, bias: b.view, output: reference.mutableView,
                                            parameters: .init(), quantization: q)
        try QuantizedConvolutionFast.fullyConnected(input: x.view, weights: Int8ConvolutionWeights(w.base, rows: units, depth: depth),
                                                    bias: b.view, output: fast.mutableView, quantization: q,
                                                    runner: ParallelRunner(threadCount: 2))
        #expect(fast.values == reference.values, "batch \(batch) depth \(depth) units \(units)")
    }

    @Test(arguments: 0 ..< 10)
    func int16ConvolutionMatchesReference(seed: Int) throws {
        var rng = HeavyOpRandom(seed: UInt64(seed) &+ 900)
        if seed % 3 == 2 { KernelSelection.forcePortable(true) }
        defer { KernelSelection.forcePortable(false) }
        let inC = rng.pick([1, 3, 16, 56]), outC = rng.pick([1, 5, 16, 33])
        let (kH, kW) = (rng.pick([1, 3]), rng.pick([1, 3]))
        let input = [rng.pick([1, 2]), rng.pick([5, 9]), rng.pick([4, 7]), inC]
        let filterShape = [outC, kH, kW, inC]
        let parameters = Convolution.Parameters(padding: rng.pick([.same, .valid]), strideHeight: rng.pick([1, 2]),
                                                strideWidth: rng.pick([1, 2]), dilationHeight: 1, dilationWidth: rng.pick([1, 2]))
        guard let shape = try? Convolution.outputShape(input: input, filter: filterShape, bias: [outC], parameters: parameters) else { return }
        let x = QuantBuffer<Int16>(input, (0 ..< input.reduce(1, *)).map { _ in rng.pick([Int16.min, Int16.max, Int16.random(in: -32768 ... 32767, using: &rng)]) })
        let w = QuantBuffer<Int8>(filterShape, randomInt8(filterShape.reduce(1, *), &rng))
        let b = QuantBuffer<Int64>([outC], (0 ..< outC).map { _ in Int64.random(in: -(1 << 34) ... (1 << 34), using: &rng) })
        let q = QuantizedOutput(inputOffset: 0, outputOffset: 0,
                                multipliers: (0 ..< outC).map { _ in Int32.random(in: 1 << 30 ... Int32.max, using: &rng) },
                                shifts: (0 ..< outC).map { _ in Int.random(in: -30 ... -18, using: &rng) },
                                activationMin: Int32.random(in: -32768 ... -100, using: &rng), activationMax: Int32.random(in: 100 ... 32767, using: &rng),
                                wideAccumulator: true)
        let reference = QuantBuffer<Int16>(shape, repeating: 0), fast = QuantBuffer<Int16>(shape, repeating: 0)
        try QuantizedConvolution.compute(input: x.view, filter: w.view, bias: b.view, output: reference.mutableView,
                                         parameters: parameters, quantization: q)
        try QuantizedConvolutionInt16Fast.convolution(input: x.view, weights: PackedInt8Weights(w.base, rows: outC, depth: kH * kW * inC),
                                                      filterShape: filterShape, bias: b.view, output: fast.mutableView,
                                                      parameters: parameters, quantization: q, runner: ParallelRunner(threadCount: 2))
        #expect(fast.values == reference.values, "input \(input) filter \(filterShape) \(parameters)")
        #expect(Set(reference.values).count > 2)
    }
}
