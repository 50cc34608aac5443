import CKernels

/// Quantized NHWC AVERAGE_POOL_2D / MAX_POOL_2D on the C kernels (AVX2 over channels, portable C
/// otherwise), output pixels split over threads; bit-identical to `QuantizedPooling`.
enum QuantizedPoolingFast {
    /// The C kernels' window of `parameters` over an NHWC `shape`.
    static func window(input shape: [Int], _ parameters: PoolParameters) throws -> ck_window {
        let padding = try computePadding(parameters.padding, inputHeight: shape[1], inputWidth: shape[2],
                                         filterHeight: parameters.filterHeight, filterWidth: parameters.filterWidth,
                                         strideHeight: parameters.strideHeight, strideWidth: parameters.strideWidth)
        return ck_window(batch: shape[0], in_h: shape[1], in_w: shape[2], in_c: shape[3], out_h: padding.outputHeight,
                         out_w: padding.outputWidth, k_h: parameters.filterHeight, k_w: parameters.filterWidth,
                         stride_h: parameters.strideHeight, stride_w: parameters.strideWidth, dil_h: 1, dil_w: 1,
                         pad_top: padding.top, pad_left: padding.left)
    }

    /// int8 pooling of `input` into `output` (shapes as `Pooling.outputShape`), clamped to `range`.
    static func pool(average: Bool, _ input: TensorView<Int8>, window: ck_window, range: ClosedRange<Int32>,
                     into output: MutableTensorView<Int8>, runner: ParallelRunner) {
        let kernel = average ? ck_i8_avg_pool : ck_i8_max_pool
        run(window, runner) { g, pixels in kernel(g, input.base, output.base, range.lowerBound, range.upperBound, pixels.lowerBound, pixels.count) }
    }

    /// int16 pooling of `input` into `output` (shapes as `Pooling.outputShape`), clamped to `range`.
    static func pool(average: Bool, _ input: TensorView<Int16>, window: ck_window, range: ClosedRange<Int32>,
                     into output: MutableTensorView<Int16>, runner: ParallelRunner) {
        let kernel = average ? ck_i16_avg_pool : ck_i16_max_pool
        run(window, runner) { g, pixels in kernel(g, input.base, output.base, range.lowerBound, range.upperBound, pixels.lowerBound, pixels.count) }
    }

    /// Calls `kernel` on contiguous chunks of the output pixels, one per worker.
    private static func run(_ window: ck_window, _ runner: ParallelRunner,
                            _ kernel: (UnsafePointer<ck_window>, Range<Int>) -> Void) {
        withUnsafePointer(to: window) { g in
            runner.forEachChunk(of: window.batch * window.out_h * window.out_w) { _, pixels in kernel(g, pixels) }
        }
    }
}
