import Testing
@testable import Runtime

@Suite("TRANSPOSE_CONV reference kernel")
struct TransposeConvolutionTests {
    private let input = HeavyOpBuffer([1, 2, 2, 1], [1, 2, 3, 4])
    private let ones = HeavyOpBuffer([1, 3, 3, 1], [Float](repeating: 1, count: 9))
    /// Stride 2, VALID: input (y, x) adds itself to output rows 2y...2y+2, columns 2x...2x+2.
    private let valid5x5: [Float] = [1, 1, 3, 2, 2,
                                     1, 1, 3, 2, 2,
                                     4, 4, 10, 6, 6,
                                     3, 3, 7, 4, 4,
                                     3, 3, 7, 4, 4]

    private func run(_ outputShape: [Int], bias: HeavyOpBuffer? = nil, _ parameters: TransposeConvolution.Parameters) throws -> [Float] {
        let shape = try TransposeConvolution.outputShape(outputShapeValues: outputShape, weights: ones.shape, input: input.shape,
                                                         bias: bias?.shape, parameters: parameters)
        let out = HeavyOpBuffer(zeros: shape)
        try TransposeConvolution.compute(weights: ones.view, input: input.view, bias: bias?.view, output: out.mutableView,
                                         parameters: parameters)
        return out.values
    }

    @Test("VALID stride 2 scatters each input over a 3x3 window")
    func validStrideTwo() throws {
        #expect(try run([1, 5, 5, 1], .init(padding: .valid, strideHeight: 2, strideWidth: 2)) == valid5x5)
    }

    @Test("SAME pads as the forward convolution over the output size: 4x4 keeps the top-left window")
    func sameStrideTwo() throws {
        let expected = (0 ..< 4).flatMap { y in (0 ..< 4).map { x in valid5x5[y * 5 + x] } }
        #expect(try run([1, 4, 4, 1], .init(padding: .same, strideHeight: 2, strideWidth: 2)) == expected)
    }

    @Test("Bias is added before the fused activation")
    func biasAndRelu() throws {
        let values = try run([1, 5, 5, 1], bias: HeavyOpBuffer([1], [-2]),
                             .init(padding: .valid, strideHeight: 2, strideWidth: 2, activation: .relu))
        #expect(values == valid5x5.map { max($0 - 2, 0) })
    }

    @Test("Transpose conv is the adjoint of conv: <conv(x), y> = <x, transposeConv(y)>")
    func adjointOfConvolution() throws {
        var rng = HeavyOpRandom(seed: 0x7C0)
        for _ in 0 ..< 20 {
            let (inC, outC) = (rng.pick([1, 2, 3]), rng.pick([1, 2, 4]))
            let (kH, kW) = (rng.pick([1, 2, 3]), rng.pick([1, 3]))
            let stride = (rng.pick([1, 2, 3]), rng.pick([1, 2]))
            let padding: Padding = rng.pick([.same, .valid])
            let big = [rng.pick([1, 2]), Int.random(in: 3 ... 9, using: &rng), Int.random(in: 3 ... 9, using: &rng), outC]
            // Forward conv maps the transpose conv's output (big) to its input (small).
            let weights = rng.tensor([outC, kH, kW, inC])
            let convFilter = HeavyOpBuffer([inC, kH, kW, outC], (0 ..< inC).flatMap { i in
                (0 ..< kH * kW).flatMap { tap in (0 ..< outC).map { o in weights.values[(o * kH * kW + tap) * inC + i] } }
            })
            let convParameters = Convolution.Parameters(padding: padding, strideHeight: stride.0, strideWidth: stride.1)
            guard let small = try? Convolution.outputShape(input: big, filter: convFilter.shape, bias: nil, parameters: convParameters)
            else { continue }
            let x = rng.tensor(big), y = rng.tensor(small)
            let convX = try runKernel(small, keeping: [x, convFilter]) {
                try Convolution.compute(input: x.view, filter: convFilter.view, bias: nil, output: $0, parameters: convParameters)
            }
            let transposeY = try runKernel(big, keeping: [weights, y]) {
                try TransposeConvolution.compute(weights: weights.view, input: y.view, bias: nil, output: $0,
                                                 parameters: .init(padding: padding, strideHeight: stride.0, strideWidth: stride.1))
            }
            let left = zip(convX, y.values).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            let right = zip(x.values, transposeY).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            #expect(abs(left - right) <= 1e-4 * max(1, abs(left)), "big \(big) kernel \(kH)x\(kW) stride \(stride) \(padding)")
        }
    }

    @Test("Output shape must match batch and weight channels")
    func shapeErrors() {
        #expect(throws: ShapeError.self) {
            try TransposeConvolution.outputShape(outputShapeValues: [1, 4, 4, 2], weights: [1, 3, 3, 1], input: [1, 2, 2, 1],
                                                 bias: nil, parameters: .init(padding: .same))
        }
        #expect(throws: ShapeError.self) {
            try TransposeConvolution.outputShape(outputShapeValues: [1, 4, 4, 1], weights: [1, 3, 3, 2], input: [1, 2, 2, 1],
                                                 bias: nil, parameters: .init(padding: .same))
        }
    }
}
