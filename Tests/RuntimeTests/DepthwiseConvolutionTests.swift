import Testing
@testable import Runtime

@Suite("DEPTHWISE_CONV_2D reference kernel")
struct DepthwiseConvolutionTests {
    /// Pixels [1,2], [3,4], [5,6], [7,8]; every tap has filter [1, -1, 2, 0.5] (multiplier 2).
    private let input = HeavyOpBuffer([1, 2, 2, 2], (1 ... 8).map(Float.init))
    private let filter = HeavyOpBuffer([1, 2, 2, 4], Array([[Float]](repeating: [1, -1, 2, 0.5], count: 4).joined()))

    private func run(bias: HeavyOpBuffer?, _ parameters: DepthwiseConvolution.Parameters) throws -> (shape: [Int], values: [Float]) {
        let shape = try DepthwiseConvolution.outputShape(input: input.shape, filter: filter.shape, bias: bias?.shape, parameters: parameters)
        let out = HeavyOpBuffer(zeros: shape)
        try DepthwiseConvolution.compute(input: input.view, filter: filter.view, bias: bias?.view, output: out.mutableView,
                                         parameters: parameters)
        return (shape, out.values)
    }

    @Test("Depth multiplier 2: output channel c·2+m filters input channel c")
    func multiplierTwo() throws {
        let result = try run(bias: HeavyOpBuffer([4], [1, 1, 1, 1]), .init(padding: .valid))
        #expect(result.shape == [1, 1, 1, 4])
        // channel sums: 1+3+5+7 = 16, 2+4+6+8 = 20.
        #expect(result.values == [17, -15, 41, 11])
    }

    @Test("ReLU clamps and SAME keeps the spatial size")
    func sameWithRelu() throws {
        let result = try run(bias: nil, .init(padding: .same, activation: .relu))
        #expect(result.shape == [1, 2, 2, 4])
        // SAME 2x2 pads after: pixel (0,0) sees all four, (0,1) sees (0,1),(1,1), (1,0) sees (1,0),(1,1), (1,1) itself.
        let sums: [(Float, Float)] = [(16, 20), (10, 12), (12, 14), (7, 8)]
        #expect(result.values == sums.flatMap { [$0.0, 0, 2 * $0.1, 0.5 * $0.1] })
    }

    @Test("Dilation 2 with stride 2 on one channel")
    func dilationAndStride() throws {
        let image = HeavyOpBuffer([1, 5, 5, 1], (1 ... 25).map(Float.init))
        let ones = HeavyOpBuffer([1, 2, 2, 1], [1, 1, 1, 1])
        let parameters = DepthwiseConvolution.Parameters(padding: .valid, strideHeight: 2, strideWidth: 2,
                                                         dilationHeight: 2, dilationWidth: 2)
        let shape = try DepthwiseConvolution.outputShape(input: image.shape, filter: ones.shape, bias: nil, parameters: parameters)
        let values = try runKernel(shape, keeping: [image, ones]) {
            try DepthwiseConvolution.compute(input: image.view, filter: ones.view, bias: nil, output: $0, parameters: parameters)
        }
        #expect(shape == [1, 2, 2, 1])
        // windows at (0,0),(0,2),(2,0),(2,2): 28 + 4·(5y + x).
        #expect(values == [28, 36, 68, 76])
    }

    @Test("Filter channels must be a multiple of input channels")
    func shapeErrors() {
        #expect(throws: ShapeError.self) {
            try DepthwiseConvolution.outputShape(input: [1, 3, 3, 2], filter: [1, 2, 2, 3], bias: nil, parameters: .init(padding: .same))
        }
        #expect(throws: ShapeError.self) {
            try DepthwiseConvolution.outputShape(input: [1, 3, 3, 2], filter: [2, 2, 2, 2], bias: nil, parameters: .init(padding: .same))
        }
    }
}
