import Testing
@testable import Runtime

/// The hybrid fast paths (C int32 sums) must give exactly the reference kernels' floats, bit for
/// bit, on random shapes, strides, dilations, paddings, groups, scales and activations, with the
/// AVX2 and the portable C code.
@Suite(.serialized) struct HybridFastKernelTests {
    private func floats(_ count: Int, _ rng: inout HeavyOpRandom) -> [Float] {
        let spread = rng.pick([Float(0.01), 1, 50])
        let shift = rng.pick([Float(0), 0.5 * spread])
        return (0 ..< count).map { _ in Float.random(in: -spread ... spread, using: &rng) + shift }
    }

    private func int8s(_ count: Int, _ rng: inout HeavyOpRandom) -> [Int8] {
        (0 ..< count).map { _ in Int8.random(in: -127 ... 127, using: &rng) }
    }

    private func scales(_ count: Int, _ rng: inout HeavyOpRandom) -> [Float] {
        rng.pick([true, false]) ? [Float.random(in: 1e-3 ... 1e-1, using: &rng)]
            : (0 ..< count).map { _ in Float.random(in: 1e-3 ... 1e-1, using: &rng) }
    }

    private func expectIdentical(_ fast: [Float], _ reference: [Float], _ context: String) {
        let mismatches = zip(fast, reference).filter { $0.bitPattern != $1.bitPattern }.count
        #expect(fast.count == reference.count && mismatches == 0, "\(mismatches) of \(reference.count) differ: \(context)")
    }

    @Test(arguments: [0, 2])
    func convolutionSumsMatchReferenceBitForBit(level: Int) throws {
        try KernelSelection.with(level: level) {
            var rng = HeavyOpRandom(seed: 0x4B1D + UInt64(level))
            for index in 0 ..< 40 {
                let groups = rng.pick([1, 1, 2, 3]), groupChannels = rng.pick([1, 3, 8, 17, 32])
                let outC = groups * rng.pick([1, 5, 16, 21]), inC = groups * groupChannels
                let (kH, kW) = (rng.pick([1, 2, 3]), rng.pick([1, 3, 5]))
                let input = [rng.pick([1, 2]), rng.pick([1, 5, 9]), rng.pick([4, 7, 11]), inC]
                let filterShape = [outC, kH, kW, groupChannels]
                let parameters = Convolution.Parameters(
                    padding: rng.pick([.same, .valid]), strideHeight: rng.pick([1, 2]), strideWidth: rng.pick([1, 2]),
                    dilationHeight: rng.pick([1, 2]), dilationWidth: rng.pick([1, 2]), activation: rng.pick([.none, .relu, .relu6]))
                let hasBias = rng.pick([true, false])
                guard let shape = try? Convolution.outputShape(input: input, filter: filterShape, bias: hasBias ? [outC] : nil,
                                                               parameters: parameters) else { continue }
                let x = QuantBuffer<Float>(input, floats(input.reduce(1, *), &rng))
                let w = QuantBuffer<Int8>(filterShape, int8s(filterShape.reduce(1, *), &rng))
                let b = hasBias ? QuantBuffer<Float>([outC], floats(outC, &rng)) : nil
                let weightScales = scales(outC, &rng)
                let reference = QuantBuffer<Float>(shape, repeating: .nan), fast = QuantBuffer<Float>(shape, repeating: .nan)
                try HybridConvolution.compute(input: x.view, filter: w.view, bias: b?.view, output: reference.mutableView,
                                              parameters: parameters, weightScales: weightScales)
                try HybridFastConvolution.compute(input: x.view, filterShape: filterShape,
                                                  weights: HybridFastConvolution.pack(filter: w.view, groups: groups), bias: b?.view,
                                                  output: fast.mutableView, parameters: parameters, weightScales: weightScales,
                                                  runner: ParallelRunner(threadCount: index % 3 + 1))
                expectIdentical(fast.values, reference.values, "conv \(input) filter \(filterShape) \(parameters)")
            }
        }
    }

    @Test(arguments: [0, 2])
    func depthwiseSumsMatchReferenceBitForBit(level: Int) throws {
        try KernelSelection.with(level: level) {
            var rng = HeavyOpRandom(seed: 0xD3E7 + UInt64(level))
            for index in 0 ..< 40 {
                let inC = rng.pick([1, 3, 8, 16, 37]), multiplier = rng.pick([1, 1, 2, 3]), outC = inC * multiplier
                let (kH, kW) = (rng.pick([1, 3, 5]), rng.pick([1, 3]))
                let input = [rng.pick([1, 2]), rng.pick([1, 6, 9]), rng.pick([4, 7]), inC]
                let filterShape = [1, kH, kW, outC]
                let parameters = DepthwiseConvolution.Parameters(
                    padding: rng.pick([.same, .valid]), strideHeight: rng.pick([1, 2]), strideWidth: rng.pick([1, 2]),
                    dilationHeight: rng.pick([1, 2]), dilationWidth: 1, activation: rng.pick([.none, .relu, .reluN1To1]))
                let hasBias = rng.pick([true, false])
                guard let shape = try? DepthwiseConvolution.outputShape(input: input, filter: filterShape, bias: hasBias ? [outC] : nil,
                                                                        parameters: parameters) else { continue }
                let x = QuantBuffer<Float>(input, floats(input.reduce(1, *), &rng))
                let w = QuantBuffer<Int8>(filterShape, int8s(filterShape.reduce(1, *), &rng))
                let b = hasBias ? QuantBuffer<Float>([outC], floats(outC, &rng)) : nil
                let weightScales = scales(outC, &rng)
                let reference = QuantBuffer<Float>(shape, repeating: .nan), fast = QuantBuffer<Float>(shape, repeating: .nan)
                try HybridDepthwiseConvolution.compute(input: x.view, filter: w.view, bias: b?.view, output: reference.mutableView,
                                                       parameters: parameters, weightScales: weightScales)
                try HybridFastDepthwiseConvolution.compute(input: x.view, filter: w.view, bias: b?.view, output: fast.mutableView,
                                                           parameters: parameters, weightScales: weightScales,
                                                           runner: ParallelRunner(threadCount: index % 3 + 1))
                expectIdentical(fast.values, reference.values, "depthwise \(input) filter \(filterShape) \(parameters)")
            }
        }
    }

    /// A convolution and a depthwise convolution big enough to be split over two threads.
    @Test func largeProductsSplitOverThreadsMatchReferenceBitForBit() throws {
        var rng = HeavyOpRandom(seed: 0x7A12)
        let input = [1, 24, 24, 32], x = QuantBuffer<Float>(input, floats(input.reduce(1, *), &rng))
        let parameters = Convolution.Parameters(padding: .same, strideHeight: 1, strideWidth: 1, activation: .relu)
        let filterShape = [16, 3, 3, 32], w = QuantBuffer<Int8>(filterShape, int8s(filterShape.reduce(1, *), &rng))
        let convScales = scales(16, &rng)
        let shape = try Convolution.outputShape(input: input, filter: filterShape, bias: nil, parameters: parameters)
        let reference = QuantBuffer<Float>(shape, repeating: .nan), fast = QuantBuffer<Float>(shape, repeating: .nan)
        try HybridConvolution.compute(input: x.view, filter: w.view, bias: nil, output: reference.mutableView,
                                      parameters: parameters, weightScales: convScales)
        try HybridFastConvolution.compute(input: x.view, filterShape: filterShape,
                                          weights: HybridFastConvolution.pack(filter: w.view, groups: 1), bias: nil,
                                          output: fast.mutableView, parameters: parameters, weightScales: convScales,
                                          runner: ParallelRunner(threadCount: 2))
        expectIdentical(fast.values, reference.values, "conv")

        let wide = [1, 48, 48, 64], y = QuantBuffer<Float>(wide, floats(wide.reduce(1, *), &rng))
        let depthwise = DepthwiseConvolution.Parameters(padding: .same, strideHeight: 1, strideWidth: 1)
        let dwShape = [1, 3, 3, 64], dw = QuantBuffer<Int8>(dwShape, int8s(dwShape.reduce(1, *), &rng))
        let dwScales = scales(64, &rng)
        let out = try DepthwiseConvolution.outputShape(input: wide, filter: dwShape, bias: nil, parameters: depthwise)
        let dwReference = QuantBuffer<Float>(out, repeating: .nan), dwFast = QuantBuffer<Float>(out, repeating: .nan)
        try HybridDepthwiseConvolution.compute(input: y.view, filter: dw.view, bias: nil, output: dwReference.mutableView,
                                               parameters: depthwise, weightScales: dwScales)
        try HybridFastDepthwiseConvolution.compute(input: y.view, filter: dw.view, bias: nil, output: dwFast.mutableView,
                                                   parameters: depthwise, weightScales: dwScales, runner: ParallelRunner(threadCount: 2))
        expectIdentical(dwFast.values, dwReference.values, "depthwise")
    }

    @Test(arguments: [0, 2])
    func fullyConnectedSumsMatchReferenceBitForBit(level: Int) throws {
        try KernelSelection.with(level: level) {
            var rng = HeavyOpRandom(seed: 0xFC + UInt64(level))
            for _ in 0 ..< 40 {
                let rows = rng.pick([1, 2, 5, 70]), depth = rng.pick([1, 7, 16, 33, 300]), units = rng.pick([1, 10, 16, 37])
                let parameters = HybridFullyConnected.Parameters(
                    fullyConnected: .init(activation: rng.pick([.none, .relu, .tanh])), weightScales: scales(units, &rng),
                    asymmetricInputs: rng.pick([true, false]))
                let x = QuantBuffer<Float>([rows, depth], floats(rows * depth, &rng))
                let w = QuantBuffer<Int8>([units, depth], int8s(units * depth, &rng))
                let b = rng.pick([true, false]) ? QuantBuffer<Float>([units], floats(units, &rng)) : nil
                let reference = QuantBuffer<Float>([rows, units], repeating: .nan), fast = QuantBuffer<Float>([rows, units], repeating: .nan)
                try HybridFullyConnected.compute(input: x.view, weights: w.view, bias: b?.view, output: reference.mutableView,
                                                 parameters: parameters)
                try HybridFastFullyConnected.compute(input: x.view, weightsShape: w.shape,
                                                     weights: HybridPackedWeights(w.base, rows: units, depth: depth), bias: b?.view,
                                                     output: fast.mutableView, parameters: parameters)
                expectIdentical(fast.values, reference.values, "fully connected \(rows)×\(depth) → \(units) \(parameters)")
            }
        }
    }

    @Test func packedRowSumsWrapLikeInt32() {
        // One row of 300 × −128 sums to −38400; the padded rows up to the panel width sum to 0.
        let weights = [Int8](repeating: -128, count: 300)
        let packed = weights.withUnsafeBufferPointer { HybridPackedWeights($0.baseAddress!, rows: 1, depth: 300) }
        #expect(packed.rowSums.count == 16)
        #expect(packed.rowSums[0] == -38400 && packed.rowSums[1...].allSatisfy { $0 == 0 })
    }

    @Test func nonFiniteZeroPointsConvertLikeX86InsteadOfTrapping() {
        // cvttsd2si returns the "integer indefinite" 0x80000000 for NaN and out-of-range values.
        #expect(HybridQuantization.x86Int32(.nan) == .min)
        #expect(HybridQuantization.x86Int32(3e9) == .min && HybridQuantization.x86Int32(-3e9) == .min)
        #expect(HybridQuantization.x86Int32(-5) == -5 && HybridQuantization.x86Int32(2_147_483_647) == .max)
        let values: [Float] = [.infinity, 1]
        var q = [Int8](repeating: 0, count: 2)
        let p = values.withUnsafeBufferPointer { v in q.withUnsafeMutableBufferPointer { HybridQuantization.asymmetric(v, into: $0.baseAddress!) } }
        // Scale inf: the zero point from the max end is 127 − inf/inf = NaN → Int32.min.
        #expect(p.zeroPoint == .min)
    }
}
