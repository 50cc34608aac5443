/// CONV_2D on float32 NHWC tensors (TFLite reference_ops::Conv semantics).
///
/// Input `[batch, height, width, inC]`, filter OHWI `[outC, kH, kW, filterInC]`, optional bias
/// `[outC]`. When `inC` is a multiple `g` of `filterInC` the convolution is grouped: output
/// channel `o` reads input channels of group `o / (outC / g)`.
public enum Convolution {
    /// CONV_2D options.
    public struct Parameters: Sendable, Equatable {
        public var padding: Padding
        public var strideHeight: Int
        public var strideWidth: Int
        public var dilationHeight: Int
        public var dilationWidth: Int
        /// Applied as TFLite's float kernels do: a clamp to `activation.floatRange` (so a fused
        /// `tanh` is not applied, exactly like TFLite's `CalculateActivationRange`).
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

    /// `[batch, outH, outW, outC]`; throws when ranks, channel counts, groups, bias length,
    /// strides or dilations do not fit.
    public static func outputShape(input: [Int], filter: [Int], bias: [Int]?, parameters: Parameters) throws -> [Int] {
        try geometry(input: input, filter: filter, bias: bias, parameters: parameters).outputShape
    }

    /// Reference convolution into `output` (shape from `outputShape`).
    public static func compute(input: TensorView<Float>, filter: TensorView<Float>, bias: TensorView<Float>?,
                               output: MutableTensorView<Float>, parameters: Parameters) throws {
        let g = try geometry(input: input.shape, filter: filter.shape, bias: bias?.shape, parameters: parameters)
        try g.checkOutput(output.shape)
        let (low, high) = parameters.activation.floatRange
        let kernelSize = g.kernelHeight * g.kernelWidth * g.groupChannels
        var o = 0
        for b in 0 ..< g.batch {
            for oy in 0 ..< g.outHeight {
                for ox in 0 ..< g.outWidth {
                    for oc in 0 ..< g.outChannels {
                        let channelBase = (oc / g.filtersPerGroup) * g.groupChannels
                        var total: Float = 0
                        g.forEachTapInside(b, oy, ox) { tap, pixel in
                            let inBase = pixel * g.inChannels + channelBase
                            let fBase = oc * kernelSize + tap * g.groupChannels
                            for c in 0 ..< g.groupChannels {
                                total += input[inBase + c] * filter[fBase + c]
                            }
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
        guard input.count == 4 else { throw ShapeError("CONV_2D input must have rank 4 (NHWC), got shape \(input)") }
        guard filter.count == 4 else { throw ShapeError("CONV_2D filter must have rank 4 (OHWI), got shape \(filter)") }
        guard filter[3] > 0, input[3] % filter[3] == 0 else {
            throw ShapeError("CONV_2D input channels \(input[3]) must be a multiple of filter input channels \(filter[3])")
        }
        let groups = input[3] / filter[3]
        guard groups > 0, filter[0] % groups == 0 else {
            throw ShapeError("CONV_2D output channels \(filter[0]) must be a multiple of the group count \(groups)")
        }
        if let bias, bias.reduce(1, *) != filter[0] {
            throw ShapeError("CONV_2D bias must have \(filter[0]) elements, got shape \(bias)")
        }
        return try ConvGeometry(input: input, kernelHeight: filter[1], kernelWidth: filter[2],
                                outChannels: filter[0], groupChannels: filter[3], padding: p.padding,
                                stride: (p.strideHeight, p.strideWidth), dilation: (p.dilationHeight, p.dilationWidth),
                                op: "CONV_2D")
    }
}
