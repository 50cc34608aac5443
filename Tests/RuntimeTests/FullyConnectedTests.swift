import Testing
@testable import Runtime

@Suite("FULLY_CONNECTED reference kernel")
struct FullyConnectedTests {
    private let weights = HeavyOpBuffer([2, 3], [1, 0, -1, 0.5, 0.5, 0.5])
    private let bias = HeavyOpBuffer([2], [1, 0])

    private func run(_ input: HeavyOpBuffer, _ parameters: FullyConnected.Parameters) throws -> (shape: [Int], values: [Float]) {
        let shape = try FullyConnected.outputShape(input: input.shape, weights: weights.shape, bias: bias.shape, parameters: parameters)
        let out = HeavyOpBuffer(zeros: shape)
        try FullyConnected.compute(input: input.view, weights: weights.view, bias: bias.view, output: out.mutableView, parameters: parameters)
        return (shape, out.values)
    }

    @Test("Each batch row is multiplied by every weight row, plus bias")
    func batchRows() throws {
        let result = try run(HeavyOpBuffer([2, 3], [1, 2, 3, 4, 5, 6]), .init())
        #expect(result.shape == [2, 2])
        #expect(result.values == [-1, 3, -1, 7.5])
    }

    @Test("ReLU clamps negative outputs")
    func relu() throws {
        #expect(try run(HeavyOpBuffer([2, 3], [1, 2, 3, 4, 5, 6]), .init(activation: .relu)).values == [0, 3, 0, 7.5])
    }

    @Test("Input is flattened to [count/depth, depth] unless keep_num_dims")
    func flattening() throws {
        let input = HeavyOpBuffer([1, 2, 3], [1, 2, 3, 4, 5, 6])
        #expect(try run(input, .init()).shape == [2, 2])
        let kept = try run(input, .init(keepNumDims: true))
        #expect(kept.shape == [1, 2, 2])
        #expect(kept.values == [-1, 3, -1, 7.5])
        #expect(try run(HeavyOpBuffer([3, 2], [1, 2, 3, 4, 5, 6]), .init()).values == [-1, 3, -1, 7.5])
    }

    @Test("keep_num_dims needs the last input dimension to equal the depth")
    func keepNumDimsMismatch() {
        #expect(throws: ShapeError.self) {
            try FullyConnected.outputShape(input: [3, 2], weights: [2, 3], bias: nil, parameters: .init(keepNumDims: true))
        }
        #expect(throws: ShapeError.self) {
            try FullyConnected.outputShape(input: [5], weights: [2, 3], bias: nil, parameters: .init())
        }
    }
}
