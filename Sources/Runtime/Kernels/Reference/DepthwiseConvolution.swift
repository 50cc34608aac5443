/// DEPTHWISE_CONV_2D on float32 NHWC tensors (TFLite reference_ops::DepthwiseConv semantics).
///
/// Input `[batch, height, width, inC]`, filter `[1, kH, kW, inC·multiplier]`, optional bias
/// `[inC·multiplier]`; output channel `c·multiplier + m` filters input channel `c`. The multiplier
/// is derived from the shapes, as current TFLite kernels do (the option field is redundant).
public enum DepthwiseConvolution {
    /// DEPTHWISE_CONV_2D options.
    public struct Parameters: Sendable, Equatable {
        public var padding: Padding
        public var strideHeight: Int
        public var strideWidth: Int
        public var dilationHeight: Int
        public var dilationWidth: Int
        /// Applied as a clamp to `activation.floatRange`, like TFLite's float kernels.
        public var activation: FusedActivation

        public init(padding: Padding, strideHeight: Int = 1, strideWidth: Int = 1,
                    dilationHeight: Int = 1, dilationWidth: Int = 1, activation: FusedActivation = .none) {
            self.padding = padding
            self.strideHeight = strideHeight
            self.strideWidth = strideWidth
            self.dilationHeight = dilationHeight
            self.dilationWidth = dilationWidth
            self.activation = activation
        }
    }

    /// `[batch, outH, outW, inC·multiplier]`; throws when the shapes do not fit.
    public static func outputShape(input: [Int], filter: [Int], bias: [Int]?, parameters: Parameters) throws -> [Int] {
        try geometry(input: input, filter: filter, bias: bias, parameters: parameters).outputShape
    }

    /// Reference depthwise convolution into `output` (shape from `outputShape`).
    public static func compute(input: TensorView<Float>, filter: TensorView<Float>, bias: TensorView<Float>?,
                               output: MutableTensorView<Float>, parameters: Parameters) throws {
        let g = try geometry(input: input.shape, filter: filter.shape, bias: bias?.shape, parameters: parameters)
        try g.checkOutput(output.shape)
        let (low, high) = parameters.activation.floatRange
        let multiplier = g.outChannels / g.inChannels
        var o = 0
        for b in 0 ..< g.batch {
            for oy in 0 ..< g.outHeight {
                for ox in 0 ..< g.outWidth {
                    for oc in 0 ..< g.outChannels {
                        let ic = oc / multiplier
                        var total: Float = 0
                        g.forEachTapInside(b, oy, ox) { tap, pixel in
                            total += input[pixel * g.inChannels + ic]
                                * filter[tap * g.outChannels + oc]
                        }
                        let value = total + (bias.map { $0[oc] } ?? 0)
                        output[o] = min(max(value, low), high)
                        o += 1
                    }
                }
            }
        }
    }

    static func geometry(input: [Int], filter: [Int], bias: [Int]?, parameters p: Parameters) throws -> ConvGeometry {
        guard input.count == 4 else { throw ShapeError("DEPTHWISE_CONV_2D input must have rank 4 (NHWC), got shape \(input)") }
        guard filter.count == 4, filter[0] == 1 else {
            throw ShapeError("DEPTHWISE_CONV_2D filter must have shape [1, kH, kW, C], got \(filter)")
        }
        guard input[3] > 0, filter[3] % input[3] == 0 else {
            throw ShapeError("DEPTHWISE_CONV_2D filter channels \(filter[3]) must be a multiple of input channels \(input[3])")
        }
        if let bias, bias.reduce(1, *) != filter[3] {
            throw ShapeError("DEPTHWISE_CONV_2D bias must have \(filter[3]) elements, got shape \(bias)")
        }
        return try ConvGeometry(input: input, kernelHeight: filter[1], kernelWidth: filter[2],
                                outChannels: filter[3], groupChannels: 1, padding: p.padding,
                                stride: (p.strideHeight, p.strideWidth), dilation: (p.dilationHeight, p.dilationWidth),
                                op: "DEPTHWISE_CONV_2D")
    }
}
