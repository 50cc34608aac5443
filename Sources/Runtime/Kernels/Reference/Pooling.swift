/// NHWC 2-D pooling (TFLite AVERAGE_POOL_2D, MAX_POOL_2D), float reference kernels.
public enum Pooling {}

/// Window, stride, padding and fused activation of a pooling op.
public struct PoolParameters: Sendable, Equatable {
    public var filterHeight, filterWidth: Int
    public var strideHeight, strideWidth: Int
    public var padding: Padding
    public var activation: FusedActivation

    public init(filterHeight: Int, filterWidth: Int, strideHeight: Int, strideWidth: Int,
                padding: Padding, activation: FusedActivation = .none) {
        self.filterHeight = filterHeight; self.filterWidth = filterWidth
        self.strideHeight = strideHeight; self.strideWidth = strideWidth
        self.padding = padding; self.activation = activation
    }
}

extension Pooling {
    /// `[batch, outputHeight, outputWidth, channels]` for an NHWC input.
    public static func outputShape(input: [Int], _ parameters: PoolParameters) throws -> [Int] {
        guard input.count == 4 else { throw ShapeError("pooling expects an NHWC input of rank 4, got shape \(input)") }
        let window = try geometry(input, parameters)
        return [input[0], window.outputHeight, window.outputWidth, input[3]]
    }

    /// Mean of the in-bounds taps of each window (padding is not counted), then the activation
    /// clamp to `activation.floatRange`, as in TFLite.
    public static func averagePool(_ input: TensorView<Float>, _ parameters: PoolParameters, into output: MutableTensorView<Float>) {
        pool(input, parameters, output, initial: 0) { total, x in total + x } finish: { total, count in total / Float(count) }
    }

    /// Maximum of the in-bounds taps of each window, then the activation clamp.
    public static func maxPool(_ input: TensorView<Float>, _ parameters: PoolParameters, into output: MutableTensorView<Float>) {
        pool(input, parameters, output, initial: -.greatestFiniteMagnitude) { best, x in best < x ? x : best } finish: { best, _ in best }
    }

    /// Walks every output position and folds the window's in-bounds taps with `combine`.
    private static func pool(
        _ input: TensorView<Float>, _ parameters: PoolParameters, _ output: MutableTensorView<Float>,
        initial: Float, combine: (Float, Float) -> Float, finish: (Float, Int) -> Float
    ) {
        guard input.rank == 4, let window = try? geometry(input.shape, parameters) else {
            preconditionFailure("pooling parameters do not fit input shape \(input.shape)")
        }
        let (batches, height, width, depth) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        precondition(output.shape == [batches, window.outputHeight, window.outputWidth, depth], "pooling output shape mismatch")
        let (low, high) = parameters.activation.floatRange
        var o = 0
        for b in 0..<batches {
            for outY in 0..<window.outputHeight {
                let originY = outY * parameters.strideHeight - window.top
                let ys = max(0, originY)..<min(height, originY + parameters.filterHeight)
                for outX in 0..<window.outputWidth {
                    let originX = outX * parameters.strideWidth - window.left
                    let xs = max(0, originX)..<min(width, originX + parameters.filterWidth)
                    for c in 0..<depth {
                        var accumulator = initial
                        for y in ys {
                            for x in xs { accumulator = combine(accumulator, input[((b * height + y) * width + x) * depth + c]) }
                        }
                        output[o] = Elementwise.clamp(finish(accumulator, ys.count * xs.count), low, high)
                        o += 1
                    }
                }
            }
        }
    }

    private static func geometry(_ input: [Int], _ p: PoolParameters) throws -> WindowPadding {
        try computePadding(
            p.padding, inputHeight: input[1], inputWidth: input[2], filterHeight: p.filterHeight,
            filterWidth: p.filterWidth, strideHeight: p.strideHeight, strideWidth: p.strideWidth)
    }
}
