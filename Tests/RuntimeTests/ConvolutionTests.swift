import Testing
@testable import Runtime

@Suite("CONV_2D reference kernel")
struct ConvolutionTests {
    private func conv(_ input: HeavyOpBuffer, _ filter: HeavyOpBuffer, bias: HeavyOpBuffer? = nil,
                      _ parameters: Convolution.Parameters) throws -> (shape: [Int], values: [Float]) {
        let shape = try Convolution.outputShape(input: input.shape, filter: filter.shape, bias: bias?.shape, parameters: parameters)
        let out = HeavyOpBuffer(zeros: shape)
        try Convolution.compute(input: input.view, filter: filter.view, bias: bias?.view, output: out.mutableView, parameters: parameters)
        return (shape, out.values)
    }

    private let image3x3 = HeavyOpBuffer([1, 3, 3, 1], (1 ... 9).map(Float.init))
    /// 2×2 kernel [[1, 0], [0, 1]]: each output adds a pixel and its lower-right neighbour.
    private let diagonal = HeavyOpBuffer([1, 2, 2, 1], [1, 0, 0, 1])

    @Test("VALID 2x2 kernel over a 3x3 image, with bias")
    func validTwoByTwo() throws {
        let result = try conv(image3x3, diagonal, bias: HeavyOpBuffer([1], [1]), .init(padding: .valid))
        #expect(result.shape == [1, 2, 2, 1])
        #expect(result.values == [7, 9, 13, 15])
    }

    @Test("SAME with an even kernel pads only after (bottom/right)")
    func sameEvenKernel() throws {
        let result = try conv(image3x3, diagonal, .init(padding: .same))
        #expect(result.shape == [1, 3, 3, 1])
        #expect(result.values == [6, 8, 3, 12, 14, 6, 7, 8, 9])
    }

    @Test("SAME with an odd kernel pads one on each side")
    func sameOddKernel() throws {
        let ones = HeavyOpBuffer([1, 3, 3, 1], [Float](repeating: 1, count: 9))
        let result = try conv(image3x3, ones, .init(padding: .same))
        #expect(result.values == [12, 21, 16, 27, 45, 33, 24, 39, 28])
    }

    @Test("SAME stride 2 on an even image puts the odd padding row/column at the end")
    func sameStrideTwo() throws {
        let image = HeavyOpBuffer([1, 4, 4, 1], (1 ... 16).map(Float.init))
        let ones = HeavyOpBuffer([1, 3, 3, 1], [Float](repeating: 1, count: 9))
        let result = try conv(image, ones, .init(padding: .same, strideHeight: 2, strideWidth: 2))
        #expect(result.shape == [1, 2, 2, 1])
        #expect(result.values == [54, 45, 72, 54])
    }

    @Test("Dilation 2 spreads a 2x2 kernel over a 3x3 window")
    func dilationTwo() throws {
        let image = HeavyOpBuffer([1, 5, 5, 1], (1 ... 25).map(Float.init))
        let ones = HeavyOpBuffer([1, 2, 2, 1], [1, 1, 1, 1])
        let result = try conv(image, ones, .init(padding: .valid, dilationHeight: 2, dilationWidth: 2))
        #expect(result.shape == [1, 3, 3, 1])
        // in(y,x) + in(y,x+2) + in(y+2,x) + in(y+2,x+2) with in(y,x) = 5y + x + 1.
        let expected = (0 ..< 3).flatMap { y in (0 ..< 3).map { x in Float(28 + 4 * (5 * y + x)) } }
        #expect(result.values == expected)
    }

    @Test("Grouped convolution reads each group's own input channels")
    func groups() throws {
        let input = HeavyOpBuffer([1, 1, 1, 4], [1, 2, 3, 4])
        let filter = HeavyOpBuffer([2, 1, 1, 2], [1, 10, 100, 1000])
        let result = try conv(input, filter, .init(padding: .valid))
        #expect(result.values == [21, 4300])
    }

    @Test("Output channels mix all input channels and the activation clamps")
    func channelsAndRelu6() throws {
        let input = HeavyOpBuffer([1, 1, 2, 2], [1, 2, -3, 4])
        let filter = HeavyOpBuffer([3, 1, 1, 2], [1, 1, -1, 0, 2, 2])
        let result = try conv(input, filter, bias: HeavyOpBuffer([3], [0, 0, 0.5]), .init(padding: .valid, activation: .relu6))
        // pixel 0: [3, -1, 6.5], pixel 1: [1, 3, 2.5] before the clamp.
        #expect(result.values == [3, 0, 6, 1, 3, 2.5])
    }

    @Test("Shape errors name what was expected")
    func shapeErrors() {
        #expect(throws: ShapeError.self) {
            try Convolution.outputShape(input: [1, 4, 4, 3], filter: [2, 3, 3, 2], bias: nil, parameters: .init(padding: .same))
        }
        #expect(throws: ShapeError.self) {
            try Convolution.outputShape(input: [1, 4, 4, 2], filter: [2, 3, 3, 2], bias: [3], parameters: .init(padding: .same))
        }
        #expect(throws: ShapeError.self) {
            try Convolution.outputShape(input: [1, 2, 2, 2], filter: [2, 3, 3, 2], bias: nil, parameters: .init(padding: .valid))
        }
        #expect(throws: ShapeError.self) {
            try Convolution.outputShape(input: [1, 4, 4, 4], filter: [3, 1, 1, 2], bias: nil, parameters: .init(padding: .valid))
        }
    }
}
