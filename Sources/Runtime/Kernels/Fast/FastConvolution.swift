/// CONV_2D through the packed SGEMM: each group is a `pixels × (kH·kW·groupC)` by
/// `(kH·kW·groupC) × filtersPerGroup` product; 1×1 stride-1 unpadded convolutions read the input
/// directly as the left matrix, the others through implicit im2col packing (no im2col buffer).
/// Same results as `Convolution.compute` up to float reassociation.
public enum FastConvolution {
    /// Scratch bytes `compute` needs with a runner of `threads` threads (packed filter panels
    /// plus one packed input block per thread).
    public static func scratchBytes(input: [Int], filter: [Int], parameters: Convolution.Parameters, threads: Int) throws -> Int {
        let g = try Convolution.geometry(input: input, filter: filter, bias: nil, parameters: parameters)
        return Scratch.bytes(floats: scratchFloats(g, threads: threads))
    }

    /// Convolution into `output` (shape from `Convolution.outputShape`), split over `runner`;
    /// `scratch` must hold `scratchBytes(...)` bytes, or nil to allocate per call.
    public static func compute(input: TensorView<Float>, filter: TensorView<Float>, bias: TensorView<Float>?,
                               output: MutableTensorView<Float>, parameters: Convolution.Parameters,
                               runner: ParallelRunner = ParallelRunner(),
                               scratch: UnsafeMutableRawBufferPointer? = nil) throws {
        let g = try Convolution.geometry(input: input.shape, filter: filter.shape, bias: bias?.shape, parameters: parameters)
        try g.checkOutput(output.shape)
        let (low, high) = parameters.activation.floatRange
        let pixels = g.batch * g.outHeight * g.outWidth
        let depth = g.kernelHeight * g.kernelWidth * g.groupChannels
        let perGroup = g.filtersPerGroup
        let direct = g.kernelHeight == 1 && g.kernelWidth == 1 && g.strideHeight == 1 && g.strideWidth == 1
            && g.outHeight == g.inHeight && g.outWidth == g.inWidth
        try Scratch.withFloats(scratchFloats(g, threads: runner.threadCount), provided: scratch) { memory in
            for group in 0 ..< g.inChannels / g.groupChannels {
                let channel = group * g.groupChannels
                let lhs: SGEMM.LHS = direct
                    ? .matrix(SGEMM.Matrix(base: input.base + channel, rowStride: g.inChannels, columnStride: 1))
                    : .patches(ConvPatches(input: input.base, geometry: g, channelOffset: channel))
                let rhs = SGEMM.Matrix(base: filter.base + group * perGroup * depth, rowStride: 1, columnStride: depth)
                let out = SGEMM.Output(base: output.base + group * perGroup, rowStride: g.outChannels,
                                       bias: bias.map { $0.base + group * perGroup }, low: low, high: high)
                SGEMM.multiply(m: pixels, n: perGroup, k: depth, lhs: lhs, rhs: rhs, output: out,
                               runner: runner, scratch: memory)
            }
        }
    }

    private static func scratchFloats(_ g: ConvGeometry, threads: Int) -> Int {
        SGEMM.scratchFloats(m: g.batch * g.outHeight * g.outWidth, n: g.filtersPerGroup,
                            k: g.kernelHeight * g.kernelWidth * g.groupChannels, threads: threads)
    }
}
