import Testing
@testable import Runtime

/// A float tensor with stable memory for kernel tests.
final class HeavyOpBuffer {
    let shape: [Int]
    let base: UnsafeMutablePointer<Float>
    var count: Int { shape.reduce(1, *) }

    init(_ shape: [Int], _ values: [Float]) {
        precondition(values.count == shape.reduce(1, *), "values do not fill \(shape)")
        self.shape = shape
        base = .allocate(capacity: max(values.count, 1))
        base.initialize(from: values, count: values.count)
    }

    convenience init(zeros shape: [Int]) { self.init(shape, [Float](repeating: 0, count: shape.reduce(1, *))) }

    deinit { base.deallocate() }

    var view: TensorView<Float> { TensorView(shape: shape, base: base) }
    var mutableView: MutableTensorView<Float> { MutableTensorView(shape: shape, base: base) }
    var values: [Float] { Array(UnsafeBufferPointer(start: base, count: count)) }
    /// The same shape with every element replaced by its absolute value.
    var magnitudes: HeavyOpBuffer { HeavyOpBuffer(shape, values.map(abs)) }
}

/// Runs `kernel` into a fresh output of `shape`, keeping `inputs` (whose views the kernel reads)
/// alive during the call, and returns the output values.
func runKernel(_ shape: [Int], keeping inputs: [HeavyOpBuffer?],
               _ kernel: (MutableTensorView<Float>) throws -> Void) rethrows -> [Float] {
    let out = HeavyOpBuffer(zeros: shape)
    try withExtendedLifetime(inputs) { try kernel(out.mutableView) }
    return out.values
}

/// SplitMix64: a small seeded generator so random cases repeat exactly.
struct HeavyOpRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func tensor(_ shape: [Int]) -> HeavyOpBuffer {
        HeavyOpBuffer(shape, (0 ..< shape.reduce(1, *)).map { _ in Float.random(in: -1 ... 1, using: &self) })
    }

    mutating func pick<T>(_ options: [T]) -> T { options.randomElement(using: &self)! }

    /// `next() % n`: a value in `0..<n`.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// Fast results must match the reference within 1e-5 of the sum of |terms| (the reference run on
/// absolute values), which bounds any reordering of the float sums.
func expectClose(_ fast: [Float], _ reference: [Float], magnitudes: [Float], _ context: String) {
    #expect(fast.count == reference.count, "\(context)")
    var worst: Float = 0
    for i in fast.indices {
        let excess = abs(fast[i] - reference[i]) - (1e-5 * magnitudes[i] + 1e-6)
        worst = max(worst, excess.isNaN ? .infinity : excess)
    }
    #expect(worst <= 0, "\(context): fast and reference differ beyond tolerance")
}

private let activations: [FusedActivation] = [.none, .relu, .relu6, .reluN1To1]
private let channelCounts = [1, 3, 7, 17, 33]

@Suite("Fast kernels agree with the reference kernels", .serialized)
struct FastKernelTests {
    @Test("FastConvolution matches Convolution on random shapes, strides, dilations and groups")
    func convolutionMatchesReference() throws {
        var rng = HeavyOpRandom(seed: 0xC0_4E)
        var tested = 0
        while tested < 60 {
            let groupChannels = rng.pick(channelCounts)
            let groups = rng.pick([1, 1, 1, 2, 3])
            let perGroup = rng.pick(channelCounts)
            let kernel = rng.pick([1, 1, 3, 3, 5])
            let kernelWidth = rng.pick([kernel, kernel, 1, 3])
            let input = [rng.pick([1, 2]), Int.random(in: 1 ... 13, using: &rng), Int.random(in: 1 ... 13, using: &rng),
                         groupChannels * groups]
            let filterShape = [perGroup * groups, kernel, kernelWidth, groupChannels]
            let parameters = Convolution.Parameters(
                padding: rng.pick([.same, .valid]), strideHeight: rng.pick([1, 1, 2, 3]), strideWidth: rng.pick([1, 1, 2]),
                dilationHeight: rng.pick([1, 1, 2]), dilationWidth: rng.pick([1, 1, 2]), activation: rng.pick(activations))
            let hasBias = rng.pick([true, false])
            guard let outShape = try? Convolution.outputShape(input: input, filter: filterShape, bias: nil, parameters: parameters)
            else { continue }
            let x = rng.tensor(input), w = rng.tensor(filterShape), bias = hasBias ? rng.tensor([filterShape[0]]) : nil
            let (xa, wa, ba) = (x.magnitudes, w.magnitudes, bias?.magnitudes)
            var absolute = parameters
            absolute.activation = .none
            let reference = try runKernel(outShape, keeping: [x, w, bias]) {
                try Convolution.compute(input: x.view, filter: w.view, bias: bias?.view, output: $0, parameters: parameters)
            }
            let magnitude = try runKernel(outShape, keeping: [xa, wa, ba]) {
                try Convolution.compute(input: xa.view, filter: wa.view, bias: ba?.view, output: $0, parameters: absolute)
            }
            let threads = tested % 3 + 1
            let fast = try runKernel(outShape, keeping: [x, w, bias]) {
                try FastConvolution.compute(input: x.view, filter: w.view, bias: bias?.view, output: $0,
                                            parameters: parameters, runner: ParallelRunner(threadCount: threads))
            }
            expectClose(fast, reference, magnitudes: magnitude, "conv input \(input) filter \(filterShape) \(parameters) threads \(threads)")
            tested += 1
        }
    }

    @Test("FastDepthwiseConvolution matches DepthwiseConvolution on random shapes and multipliers")
    func depthwiseMatchesReference() throws {
        var rng = HeavyOpRandom(seed: 0xD3E9)
        var tested = 0
        while tested < 50 {
            let channels = rng.pick(channelCounts), multiplier = rng.pick([1, 1, 2, 3])
            let kernel = rng.pick([1, 3, 3, 5])
            let input = [rng.pick([1, 2]), Int.random(in: 1 ... 12, using: &rng), Int.random(in: 1 ... 12, using: &rng), channels]
            let filterShape = [1, kernel, rng.pick([kernel, 1, 3]), channels * multiplier]
            let parameters = DepthwiseConvolution.Parameters(
                padding: rng.pick([.same, .valid]), strideHeight: rng.pick([1, 2]), strideWidth: rng.pick([1, 2, 3]),
                dilationHeight: rng.pick([1, 2]), dilationWidth: rng.pick([1, 1, 2]), activation: rng.pick(activations))
            guard let outShape = try? DepthwiseConvolution.outputShape(input: input, filter: filterShape, bias: nil, parameters: parameters)
            else { continue }
            let x = rng.tensor(input), w = rng.tensor(filterShape)
            let bias = rng.pick([true, false]) ? rng.tensor([filterShape[3]]) : nil
            let (xa, wa, ba) = (x.magnitudes, w.magnitudes, bias?.magnitudes)
            var absolute = parameters
            absolute.activation = .none
            let reference = try runKernel(outShape, keeping: [x, w, bias]) {
                try DepthwiseConvolution.compute(input: x.view, filter: w.view, bias: bias?.view, output: $0, parameters: parameters)
            }
            let magnitude = try runKernel(outShape, keeping: [xa, wa, ba]) {
                try DepthwiseConvolution.compute(input: xa.view, filter: wa.view, bias: ba?.view, output: $0, parameters: absolute)
            }
            let threads = tested % 3 + 1
            let fast = try runKernel(outShape, keeping: [x, w, bias]) {
                try FastDepthwiseConvolution.compute(input: x.view, filter: w.view, bias: bias?.view, output: $0,
                                                     parameters: parameters, runner: ParallelRunner(threadCount: threads))
            }
            expectClose(fast, reference, magnitudes: magnitude,
                        "depthwise input \(input) filter \(filterShape) \(parameters) threads \(threads)")
            tested += 1
        }
    }

    @Test("FastFullyConnected matches FullyConnected for GEMV and blocked GEMM sizes")
    func fullyConnectedMatchesReference() throws {
        var rng = HeavyOpRandom(seed: 0xFC)
        for index in 0 ..< 40 {
            let depth = rng.pick([1, 3, 7, 17, 33, 257, 600]), units = rng.pick(channelCounts + [64])
            let batch = rng.pick([1, 2, 5, 6, 7, 30, 130])
            let input = rng.pick([[batch, depth], [batch * depth], [1, batch, depth]])
            let keepNumDims = input.count > 1 && rng.pick([true, false])
            let parameters = FullyConnected.Parameters(keepNumDims: keepNumDims, activation: rng.pick(activations))
            let weightsShape = [units, depth]
            let outShape = try FullyConnected.outputShape(input: input, weights: weightsShape, bias: nil, parameters: parameters)
            let x = rng.tensor(input), w = rng.tensor(weightsShape), bias = rng.pick([true, false]) ? rng.tensor([units]) : nil
            let (xa, wa, ba) = (x.magnitudes, w.magnitudes, bias?.magnitudes)
            let reference = try runKernel(outShape, keeping: [x, w, bias]) {
                try FullyConnected.compute(input: x.view, weights: w.view, bias: bias?.view, output: $0, parameters: parameters)
            }
            let magnitude = try runKernel(outShape, keeping: [xa, wa, ba]) {
                try FullyConnected.compute(input: xa.view, weights: wa.view, bias: ba?.view, output: $0,
                                           parameters: .init(keepNumDims: keepNumDims))
            }
            let threads = index % 3 + 1
            let fast = try runKernel(outShape, keeping: [x, w, bias]) {
                try FastFullyConnected.compute(input: x.view, weights: w.view, bias: bias?.view, output: $0,
                                               parameters: parameters, runner: ParallelRunner(threadCount: threads))
            }
            expectClose(fast, reference, magnitudes: magnitude, "fully connected input \(input) weights \(weightsShape) threads \(threads)")
        }
    }

    @Test("FastBatchMatMul matches BatchMatMul with adjoints and broadcasting")
    func batchMatMulMatchesReference() throws {
        var rng = HeavyOpRandom(seed: 0xBA7C)
        for index in 0 ..< 40 {
            let (m, n, k) = (rng.pick([1, 3, 7, 17, 40]), rng.pick([1, 3, 17, 33]), rng.pick([1, 7, 33, 300]))
            let parameters = BatchMatMul.Parameters(adjointLHS: rng.pick([true, false]), adjointRHS: rng.pick([true, false]))
            let lhsBatch = rng.pick([[], [2], [1, 3], [2, 1], [2, 1, 2]]), rhsBatch = rng.pick([[], [1], [3], [2, 3], [1, 1, 2]])
            let lhsShape = lhsBatch + (parameters.adjointLHS ? [k, m] : [m, k])
            let rhsShape = rhsBatch + (parameters.adjointRHS ? [n, k] : [k, n])
            guard let outShape = try? BatchMatMul.outputShape(lhs: lhsShape, rhs: rhsShape, parameters: parameters) else { continue }
            let a = rng.tensor(lhsShape), b = rng.tensor(rhsShape)
            let (aa, ba) = (a.magnitudes, b.magnitudes)
            let reference = try runKernel(outShape, keeping: [a, b]) {
                try BatchMatMul.compute(lhs: a.view, rhs: b.view, output: $0, parameters: parameters)
            }
            let magnitude = try runKernel(outShape, keeping: [aa, ba]) {
                try BatchMatMul.compute(lhs: aa.view, rhs: ba.view, output: $0, parameters: parameters)
            }
            let threads = index % 3 + 1
            let fast = try runKernel(outShape, keeping: [a, b]) {
                try FastBatchMatMul.compute(lhs: a.view, rhs: b.view, output: $0, parameters: parameters,
                                            runner: ParallelRunner(threadCount: threads))
            }
            expectClose(fast, reference, magnitudes: magnitude, "batch matmul \(lhsShape) x \(rhsShape) \(parameters) threads \(threads)")
        }
    }

    @Test("A caller scratch buffer smaller than scratchBytes is rejected")
    func smallScratchIsRejected() throws {
        let a = HeavyOpBuffer(zeros: [8, 20]), b = HeavyOpBuffer(zeros: [20, 8])
        let parameters = BatchMatMul.Parameters()
        let bytes = try FastBatchMatMul.scratchBytes(lhs: a.shape, rhs: b.shape, parameters: parameters, threads: 1)
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes - 1, alignment: 64)
        defer { scratch.deallocate() }
        #expect(throws: ShapeError.self) {
            _ = try runKernel([8, 8], keeping: [a, b]) {
                try FastBatchMatMul.compute(lhs: a.view, rhs: b.view, output: $0, parameters: parameters,
                                            runner: .serial, scratch: scratch)
            }
        }
    }

    @Test("The portable C kernels (the fallback without AVX2) also match the reference kernels")
    func portableKernelsMatchReference() throws {
        KernelSelection.forcePortable(true)
        defer { KernelSelection.forcePortable(false) }
        #expect(!KernelSelection.usesAVX2)
        try convolutionMatchesReference()
        try depthwiseMatchesReference()
        try fullyConnectedMatchesReference()
    }
}
