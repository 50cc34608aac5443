import Testing
@testable import Runtime

/// Runs the fast reduction of `x` (shape `shape`) over `axes`, or nil when it has no fast layout.
private func fastReduce(_ op: ReductionOperator, _ x: [Float], _ shape: [Int], axes: [Int]) -> [Float]? {
    guard let layout = FastReductions.layout(op, shape: shape, axes: axes) else { return nil }
    var out = [Float](repeating: -999, count: layout.outer * layout.inner)
    x.withUnsafeBufferPointer { input in
        out.withUnsafeMutableBufferPointer { FastReductions.reduce(op, layout, input.baseAddress!, into: $0.baseAddress!) }
    }
    return out
}

private func referenceReduce(_ op: ReductionOperator, _ x: [Float], _ shape: [Int], axes: [Int]) throws -> [Float] {
    let outShape = try Reductions.outputShape(input: shape, axes: axes, keepDims: false)
    var out = [Float](repeating: -999, count: outShape.reduce(1, *))
    x.withUnsafeBufferPointer { input in
        out.withUnsafeMutableBufferPointer {
            Reductions.reduce(op, TensorView(shape: shape, base: input.baseAddress!), axes: axes, keepDims: false,
                              into: MutableTensorView(shape: outShape, base: $0.baseAddress!))
        }
    }
    return out
}

@Suite("FastReductions: contiguous-axis MEAN, SUM, REDUCE_MAX")
struct FastReductionTests {
    @Test func spatialMeanAveragesEachChannel() {
        // NHWC [1, 2, 2, 2]: channel 0 holds 1, 2, 3, 4 and channel 1 holds 10, 20, 30, 50.
        let x: [Float] = [1, 10, 2, 20, 3, 30, 4, 50]
        #expect(fastReduce(.mean, x, [1, 2, 2, 2], axes: [1, 2]) == [2.5, 27.5])
        #expect(fastReduce(.sum, x, [1, 2, 2, 2], axes: [1, -2]) == [10, 110])
        #expect(fastReduce(.max, x, [1, 2, 2, 2], axes: [2, 1]) == [4, 50])
    }

    @Test func nonContiguousOrFirstSeededReductionsHaveNoFastLayout() {
        #expect(FastReductions.layout(.mean, shape: [2, 3, 4], axes: [0, 2]) == nil)
        #expect(FastReductions.layout(.sum, shape: [2, 3], axes: [0, 1]) == nil)
        #expect(FastReductions.layout(.max, shape: [2, 3], axes: [1, 0]) == nil)
        #expect(FastReductions.layout(.mean, shape: [2, 0, 3], axes: [1]) == nil)
        #expect(FastReductions.layout(.mean, shape: [2, 3], axes: [0, 1]) == FastReductions.Layout(outer: 1, reduced: 6, inner: 1))
    }

    @Test func matchesReferenceBitForBit() throws {
        var rng = HeavyOpRandom(seed: 0x3EA7)
        let cases: [([Int], [Int])] = [
            ([1, 7, 7, 128], [1, 2]), ([2, 5, 3, 17], [1, 2]), ([3, 4, 5], [0]), ([3, 4, 5], [2]),
            ([2, 3, 4, 5], [1, 2, 3]), ([6, 9], [0, 1]), ([4, 1, 6], [1]),
        ]
        for (shape, axes) in cases {
            let x = (0..<shape.reduce(1, *)).map { _ in Float.random(in: -3...3, using: &rng) }
            for op in [ReductionOperator.mean, .sum, .max] {
                guard let fast = fastReduce(op, x, shape, axes: axes) else { continue }
                #expect(fast == (try referenceReduce(op, x, shape, axes: axes)), "\(op) \(shape) over \(axes)")
            }
        }
    }
}
