/// NHWC MAX_POOL_2D / AVERAGE_POOL_2D with the channel loop innermost, so every tap is a
/// contiguous vectorisable row. Taps are folded in the same order (rows, then columns) and with
/// the same operations as `Pooling`, so results are bit-identical to the reference kernels.
enum FastPooling {
    /// Maximum (`average == false`) or mean of each window's in-bounds taps, then the activation
    /// clamp; `input` and `output` must not overlap.
    static func pool(
        average: Bool, _ input: UnsafePointer<Float>, shape: [Int], _ parameters: PoolParameters,
        window: WindowPadding, into output: UnsafeMutablePointer<Float>
    ) {
        let (batches, height, width, depth) = (shape[0], shape[1], shape[2], shape[3])
        let (low, high) = parameters.activation.floatRange
        var out = output
        for b in 0..<batches {
            for outY in 0..<window.outputHeight {
                let originY = outY * parameters.strideHeight - window.top
                let ys = max(0, originY)..<min(height, originY + parameters.filterHeight)
                for outX in 0..<window.outputWidth {
                    let originX = outX * parameters.strideWidth - window.left
                    let xs = max(0, originX)..<min(width, originX + parameters.filterWidth)
                    out.update(repeating: average ? 0 : -.greatestFiniteMagnitude, count: depth)
                    for y in ys {
                        for x in xs {
                            let tap = input + ((b * height + y) * width + x) * depth
                            if average {
                                for c in 0..<depth { out[c] = out[c] + tap[c] }
                            } else {
                                for c in 0..<depth { out[c] = out[c] < tap[c] ? tap[c] : out[c] }
                            }
                        }
                    }
                    let count = Float(ys.count * xs.count)
                    for c in 0..<depth {
                        out[c] = Elementwise.clamp(average ? out[c] / count : out[c], low, high)
                    }
                    out += depth
                }
            }
        }
    }
}
