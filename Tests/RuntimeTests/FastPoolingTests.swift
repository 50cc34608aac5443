import Testing
@testable import Runtime

private func pools(_ average: Bool, _ x: [Float], _ shape: [Int], _ p: PoolParameters) throws -> (fast: [Float], reference: [Float]) {
    let outShape = try Pooling.outputShape(input: shape, p)
    let window = try computePadding(p.padding, inputHeight: shape[1], inputWidth: shape[2], filterHeight: p.filterHeight,
                                    filterWidth: p.filterWidth, strideHeight: p.strideHeight, strideWidth: p.strideWidth)
    var fast = [Float](repeating: -999, count: outShape.reduce(1, *)), reference = fast
    x.withUnsafeBufferPointer { input in
        fast.withUnsafeMutableBufferPointer {
            FastPooling.pool(average: average, input.baseAddress!, shape: shape, p, window: window, into: $0.baseAddress!)
        }
        reference.withUnsafeMutableBufferPointer {
            let view = TensorView(shape: shape, base: input.baseAddress!), out = MutableTensorView(shape: outShape, base: $0.baseAddress!)
            if average { Pooling.averagePool(view, p, into: out) } else { Pooling.maxPool(view, p, into: out) }
        }
    }
    return (fast, reference)
}

@Suite("FastPooling: channel-innermost MAX_POOL_2D and AVERAGE_POOL_2D")
struct FastPoolingTests {
    @Test func twoByTwoWindowsPoolEachChannel() throws {
        // NHWC [1, 2, 2, 2]: channel 0 is 1, -2, 3, 8; channel 1 is -1, -5, -3, -4.
        let x: [Float] = [1, -1, -2, -5, 3, -3, 8, -4]
        let p = PoolParameters(filterHeight: 2, filterWidth: 2, strideHeight: 2, strideWidth: 2, padding: .valid)
        #expect(try pools(false, x, [1, 2, 2, 2], p).fast == [8, -1])
        #expect(try pools(true, x, [1, 2, 2, 2], p).fast == [2.5, -3.25])
        let relu = PoolParameters(filterHeight: 2, filterWidth: 2, strideHeight: 2, strideWidth: 2, padding: .valid, activation: .relu)
        #expect(try pools(true, x, [1, 2, 2, 2], relu).fast == [2.5, 0])
    }

    @Test func matchesReferenceBitForBit() throws {
        var rng = HeavyOpRandom(seed: 0x9001)
        for _ in 0..<24 {
            let shape = [rng.pick([1, 2]), rng.pick([1, 5, 14]), rng.pick([1, 4, 7]), rng.pick([1, 3, 32])]
            let (fh, fw, s) = (rng.pick([1, 2, 3]), rng.pick([1, 2, 3]), rng.pick([1, 2]))
            let padding = rng.pick([Padding.same, .valid])
            guard fh <= shape[1] || padding == .same, fw <= shape[2] || padding == .same else { continue }
            let p = PoolParameters(filterHeight: fh, filterWidth: fw, strideHeight: s, strideWidth: s,
                                   padding: padding, activation: rng.pick([.none, .relu6]))
            let x = (0..<shape.reduce(1, *)).map { _ in Float.random(in: -8...8, using: &rng) }
            for average in [false, true] {
                let result = try pools(average, x, shape, p)
                #expect(result.fast == result.reference, "\(average ? "average" : "max") \(shape) \(p)")
            }
        }
    }
}
