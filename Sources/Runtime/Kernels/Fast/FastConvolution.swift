/// CONV_2D as one indirect GEMM per group: rows are output pixels, read through a table of
/// input pointers (padding taps point at zeros), against the filter packed once into panels with
/// the bias; bias and activation are applied in the GEMM's epilogue. Same results as
/// `Convolution.compute` up to float reassociation.
public enum FastConvolution {
    /// Convolution into `output` (shape from `Convolution.outputShape`), split over `runner`.
    /// Packs the filter and builds the row table on every call; the interpreter prepares once.
    public static func compute(input: TensorView<Float>, filter: TensorView<Float>, bias: TensorView<Float>?,
                               output: MutableTensorView<Float>, parameters: Convolution.Parameters,
                               runner: ParallelRunner = ParallelRunner()) throws {
        let g = try Convolution.geometry(input: input.shape, filter: filter.shape, bias: bias?.shape, parameters: parameters)
        try g.checkOutput(output.shape)
        Prepared(geometry: g, input: input.base, filter: filter.base, bias: bias?.base, output: output.base,
                 activation: parameters.activation, repacks: false).run(runner)
    }

    /// A convolution bound to fixed tensor addresses: packed filter and row table per group.
    final class Prepared: @unchecked Sendable {
        private let groups: [IndirectGEMM]

        /// `repacks`: the filter or bias may change between runs (not model constants).
        init(geometry g: ConvGeometry, input: UnsafePointer<Float>, filter: UnsafePointer<Float>,
             bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, activation: FusedActivation, repacks: Bool) {
            let (low, high) = activation.floatRange
            let perGroup = g.filtersPerGroup, depth = g.kernelHeight * g.kernelWidth * g.groupChannels
            groups = (0 ..< g.inChannels / g.groupChannels).map { group in
                let table = g.rowTable(input: input, channelOffset: group * g.groupChannels, width: g.groupChannels)
                let weights = IndirectGEMM.Weights(base: filter + group * perGroup * depth, columnStride: depth, depthStride: 1,
                                                   bias: bias.map { $0 + group * perGroup })
                return IndirectGEMM(table: table, channels: g.groupChannels, n: perGroup, weights: weights,
                                    output: output + group * perGroup, outputStride: g.outChannels,
                                    low: low, high: high, repacks: repacks)
            }
        }

        /// Runs the convolution on `runner`.
        func run(_ runner: ParallelRunner) {
            for group in groups { group.run(runner) }
        }
    }
}
