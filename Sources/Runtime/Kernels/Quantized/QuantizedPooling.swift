/// Quantized NHWC pooling (TFLite reference_integer_ops/pooling.h), int8 and int16.
public enum QuantizedPooling {
    /// AVERAGE_POOL_2D: integer sum of the in-bounds taps divided by their count, rounding half
    /// away from zero, then clamped to `range` (the fused activation's quantized range).
    public static func averagePool<Q: FixedWidthInteger>(_ input: TensorView<Q>, _ parameters: PoolParameters,
                                                         range: ClosedRange<Int32>, into output: MutableTensorView<Q>) {
        pool(input, parameters, output) { taps in
            var sum: Int32 = 0
            taps { sum += Int32($0) }
            let count = Int32(taps.count)
            let mean = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count
            return Q(QuantizedElementwise.clamp(mean, range))
        }
    }

    /// MAX_POOL_2D: maximum of the in-bounds taps, clamped to `range`.
    public static func maxPool<Q: FixedWidthInteger>(_ input: TensorView<Q>, _ parameters: PoolParameters,
                                                     range: ClosedRange<Int32>, into output: MutableTensorView<Q>) {
        pool(input, parameters, output) { taps in
            var best = Q.min
            taps { best = max(best, $0) }
            return Q(QuantizedElementwise.clamp(Int32(best), range))
        }
    }

    /// The in-bounds taps of one window: call it with a closure to visit them; `count` of them.
    struct Window<Q> {
        let visit: ((Q) -> Void) -> Void
        let count: Int
        func callAsFunction(_ body: (Q) -> Void) { visit(body) }
    }

    private static func pool<Q: FixedWidthInteger>(_ input: TensorView<Q>, _ p: PoolParameters, _ output: MutableTensorView<Q>,
                                                   _ reduce: (Window<Q>) -> Q) {
        let shape = input.shape
        guard let window = try? computePadding(p.padding, inputHeight: shape[1], inputWidth: shape[2], filterHeight: p.filterHeight,
                                               filterWidth: p.filterWidth, strideHeight: p.strideHeight, strideWidth: p.strideWidth) else {
            preconditionFailure("pooling parameters do not fit input shape \(shape)")
        }
        let (batches, height, width, depth) = (shape[0], shape[1], shape[2], shape[3])
        var o = 0
        for b in 0..<batches {
            for outY in 0..<window.outputHeight {
                let originY = outY * p.strideHeight - window.top
                let ys = max(0, originY)..<min(height, originY + p.filterHeight)
                for outX in 0..<window.outputWidth {
                    let originX = outX * p.strideWidth - window.left
                    let xs = max(0, originX)..<min(width, originX + p.filterWidth)
                    for c in 0..<depth {
                        let taps = Window<Q>(visit: { body in
                            for y in ys { for x in xs { body(input[((b * height + y) * width + x) * depth + c]) } }
                        }, count: ys.count * xs.count)
                        output[o] = reduce(taps)
                        o += 1
                    }
                }
            }
        }
    }
}
