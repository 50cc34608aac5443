import Testing
@testable import Runtime

/// The fast int8 depthwise kernels must equal the reference kernel exactly on random shapes,
/// strides, dilations, paddings, zero points and multipliers, with the AVX-512 (row and pixel
/// modes, where the CPU has VNNI), AVX2 and portable C code.
@Suite(.serialized) struct QuantizedDepthwiseFastTests {
    private func randomInt8(_ count: Int, _ rng: inout HeavyOpRandom) -> [Int8] {
        (0 ..< count).map { _ in Int8.random(in: -128 ... 127, using: &rng) }
    }

    /// One random case; `strided` draws the stride-2 row-mode shapes (8 or a multiple of 16
    /// channels) with right-shift multipliers only, so the float-shortcut requantization applies.
    private func check(seed: Int, strided: Bool = false) throws {
        var rng = HeavyOpRandom(seed: UInt64(seed) &+ 31)
        let channels = rng.pick(strided ? [8, 16, 32, 48, 64, 80] : [1, 3, 8, 16, 17, 32, 40, 64])
        let (kH, kW) = (rng.pick([1, 3, 5]), rng.pick([1, 2, 3]))
        let input = [rng.pick([1, 2]), rng.pick([4, 9, 13]), rng.pick([3, 8, 11]), channels]
        let filterShape = [1, kH, kW, channels]
        let parameters = DepthwiseConvolution.Parameters(padding: rng.pick([.same, .valid]), strideHeight: rng.pick([1, 2]),
                                                         strideWidth: strided ? 2 : rng.pick([1, 2, 3]), dilationHeight: rng.pick([1, 2]),
                                                         dilationWidth: rng.pick([1, 2]))
        guard let shape = try? DepthwiseConvolution.outputShape(input: input, filter: filterShape, bias: [channels],
                                                                parameters: parameters) else { return }
        let x = QuantBuffer<Int8>(input, randomInt8(input.reduce(1, *), &rng))
        let w = QuantBuffer<Int8>(filterShape, randomInt8(filterShape.reduce(1, *), &rng))
        let b = QuantBuffer<Int32>([channels], (0 ..< channels).map { _ in Int32.random(in: -50000 ... 50000, using: &rng) })
        let low = Int32.random(in: -128 ... -20, using: &rng)
        let q = QuantizedOutput(inputOffset: Int32.random(in: -127 ... 128, using: &rng), outputOffset: Int32.random(in: -20 ... 20, using: &rng),
                                multipliers: (0 ..< channels).map { _ in Int32.random(in: 1 << 30 ... Int32.max, using: &rng) },
                                shifts: (0 ..< channels).map { _ in Int.random(in: -12 ... (strided ? -1 : 1), using: &rng) },
                                activationMin: low, activationMax: Int32.random(in: 20 ... 127, using: &rng))
        let reference = QuantBuffer<Int8>(shape, repeating: 0), fast = QuantBuffer<Int8>(shape, repeating: 0)
        try QuantizedDepthwiseConvolution.compute(input: x.view, filter: w.view, bias: b.view, output: reference.mutableView,
                                                  parameters: parameters, quantization: q)
        try QuantizedDepthwiseFast.compute(input: x.view, filter: w.view, bias: b.view, output: fast.mutableView,
                                           parameters: parameters, quantization: q,
                                           runner: ParallelRunner(threadCount: rng.pick([1, 2, 3])))
        #expect(fast.values == reference.values, "input \(input) filter \(filterShape) \(parameters)")
    }

    @Test(arguments: 0 ..< 24)
    func depthwiseMatchesReference(seed: Int) throws {
        try check(seed: seed)
    }

    @Test(arguments: 0 ..< 24)
    func strideTwoRowsMatchReference(seed: Int) throws {
        try check(seed: seed + 300, strided: true)
    }

    /// A depthwise convolution big enough to be split over two threads, two images, stride 1 and 2.
    @Test(arguments: [1, 2])
    func depthwiseSplitOverThreadsMatchesReference(stride: Int) throws {
        var rng = HeavyOpRandom(seed: UInt64(stride) &+ 950)
        let channels = 64, input = [2, 64, 72, channels], filterShape = [1, 3, 3, channels]
        let parameters = DepthwiseConvolution.Parameters(padding: .same, strideHeight: stride, strideWidth: stride)
        let shape = try DepthwiseConvolution.outputShape(input: input, filter: filterShape, bias: [channels], parameters: parameters)
        let x = QuantBuffer<Int8>(input, randomInt8(input.reduce(1, *), &rng))
        let w = QuantBuffer<Int8>(filterShape, randomInt8(filterShape.reduce(1, *), &rng))
        let b = QuantBuffer<Int32>([channels], (0 ..< channels).map { _ in Int32.random(in: -50000 ... 50000, using: &rng) })
        let q = QuantizedOutput(inputOffset: 5, outputOffset: -3,
                                multipliers: (0 ..< channels).map { _ in Int32.random(in: 1 << 30 ... Int32.max, using: &rng) },
                                shifts: (0 ..< channels).map { _ in Int.random(in: -12 ... -1, using: &rng) },
                                activationMin: -128, activationMax: 127)
        let reference = QuantBuffer<Int8>(shape, repeating: 0), fast = QuantBuffer<Int8>(shape, repeating: 0)
        try QuantizedDepthwiseConvolution.compute(input: x.view, filter: w.view, bias: b.view, output: reference.mutableView,
                                                  parameters: parameters, quantization: q)
        try QuantizedDepthwiseFast.compute(input: x.view, filter: w.view, bias: b.view, output: fast.mutableView,
                                           parameters: parameters, quantization: q, runner: ParallelRunner(threadCount: 2))
        #expect(fast.values == reference.values)
    }

    @Test(arguments: 0 ..< 8)
    func avx2DepthwiseMatchesReference(seed: Int) throws {
        try KernelSelection.with(level: 1) { try check(seed: seed + 200) }
    }

    @Test(arguments: 0 ..< 6)
    func portableDepthwiseMatchesReference(seed: Int) throws {
        try KernelSelection.with(level: 2) { try check(seed: seed + 100) }
    }

    @Test(arguments: 0 ..< 10)
    func int16DepthwiseMatchesReference(seed: Int) throws {
        var rng = HeavyOpRandom(seed: UInt64(seed) &+ 700)
        if seed % 3 == 2 { KernelSelection.forcePortable(true) }
        defer { KernelSelection.forcePortable(false) }
        let channels = rng.pick([1, 8, 13, 32])
        let (kH, kW) = (rng.pick([1, 3]), rng.pick([2, 3]))
        let input = [rng.pick([1, 2]), rng.pick([5, 9]), rng.pick([4, 7]), channels]
        let filterShape = [1, kH, kW, channels]
        let parameters = DepthwiseConvolution.Parameters(padding: rng.pick([.same, .valid]), strideHeight: rng.pick([1, 2]),
                                                         strideWidth: rng.pick([1, 2]), dilationHeight: 1, dilationWidth: rng.pick([1, 2]))
        guard let shape = try? DepthwiseConvolution.outputShape(input: input, filter: filterShape, bias: [channels],
                                                                parameters: parameters) else { return }
        let x = QuantBuffer<Int16>(input, (0 ..< input.reduce(1, *)).map { _ in
            rng.pick([Int16.min, Int16.max, Int16.random(in: -32768 ... 32767, using: &rng)])
        })
        let w = QuantBuffer<Int8>(filterShape, randomInt8(filterShape.reduce(1, *), &rng))
        let b = QuantBuffer<Int64>([channels], (0 ..< channels).map { _ in Int64.random(in: -(1 << 30) ... (1 << 30), using: &rng) })
        let q = QuantizedOutput(inputOffset: 0, outputOffset: 0,
                                multipliers: (0 ..< channels).map { _ in Int32.random(in: 1 << 30 ... Int32.max, using: &rng) },
                                shifts: (0 ..< channels).map { _ in Int.random(in: -22 ... -12, using: &rng) },
                                activationMin: -32768, activationMax: 32767, wideAccumulator: true)
        let reference = QuantBuffer<Int16>(shape, repeating: 0), fast = QuantBuffer<Int16>(shape, repeating: 0)
        try QuantizedDepthwiseConvolution.compute(input: x.view, filter: w.view, bias: b.view, output: reference.mutableView,
                                                  parameters: parameters, quantization: q)
        try QuantizedDepthwiseFast.int16Compute(input: x.view, filter: w.view, bias: b.view, output: fast.mutableView,
                                                parameters: parameters, quantization: q, runner: ParallelRunner(threadCount: 2))
        #expect(fast.values == reference.values, "input \(input) filter \(filterShape) \(parameters)")
        #expect(Set(reference.values).count > 2)
    }
}
