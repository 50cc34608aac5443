import CKernels

/// int16×8 DEPTHWISE_CONV_2D with depth multiplier 1 through `ck_i16_depthwise`: the C kernel
/// walks the output pixels itself (padding taps read zeros: the int16 input zero point is 0),
/// with the weights packed as int16 tap pairs per call. Results equal
/// `QuantizedDepthwiseConvolution.compute` exactly.
extension QuantizedDepthwiseFast {
    /// Whether `int16Compute` handles this op: multiplier 1, symmetric int16 input, at most
    /// CK_I16_MAX_DEPTH taps and shifts the kernel takes.
    public static func supportsInt16(input: [Int], filter: [Int], quantization q: QuantizedOutput) -> Bool {
        supports(input: input, filter: filter) && q.inputOffset == 0 && q.weightOffset == 0 && q.doubleScales == nil
            && filter[1] * filter[2] <= Int(CK_I16_MAX_DEPTH) && q.shifts.allSatisfy { $0 <= 14 }
    }

    /// int16×8 depthwise convolution into `output`, equal to `QuantizedDepthwiseConvolution.compute`.
    public static func int16Compute<B: FixedWidthInteger>(input: TensorView<Int16>, filter: TensorView<Int8>, bias: TensorView<B>?,
                                                          output: MutableTensorView<Int16>, parameters: DepthwiseConvolution.Parameters,
                                                          quantization q: QuantizedOutput, runner: ParallelRunner = ParallelRunner()) throws {
        guard let requantization = Int16Requantization(q) else { throw ShapeError("DEPTHWISE_CONV_2D int16 fast path: shift too large") }
        try int16Compute(input: input, filter: filter, bias: bias, output: output, parameters: parameters, quantization: q,
                         requantization: requantization, runner: runner)
    }

    /// As above with the requantization prepared once.
    static func int16Compute<B: FixedWidthInteger>(input: TensorView<Int16>, filter: TensorView<Int8>, bias: TensorView<B>?,
                                                   output: MutableTensorView<Int16>, parameters: DepthwiseConvolution.Parameters,
                                                   quantization q: QuantizedOutput, requantization: Int16Requantization,
                                                   runner: ParallelRunner) throws {
        let g = try DepthwiseConvolution.geometry(input: input.shape, filter: filter.shape, bias: bias?.shape, parameters: parameters)
        try g.checkOutput(output.shape)
        guard supportsInt16(input: input.shape, filter: filter.shape, quantization: q) else {
            throw ShapeError("DEPTHWISE_CONV_2D int16 fast path does not take input \(input.shape) filter \(filter.shape)")
        }
        try q.check(channels: g.outChannels, op: "DEPTHWISE_CONV_2D")
        let channels = g.inChannels, taps = g.kernelHeight * g.kernelWidth, pixels = g.batch * g.outHeight * g.outWidth
        let workers = min(pixels, runner.threadCount, max(1, pixels * channels * taps / (1 << 16)))
        let packed = [Int16](unsafeUninitializedCapacity: ck_i16_depthwise_packed_count(taps, channels)) { buffer, count in
            ck_i16_depthwise_pack(taps, channels, filter.base, buffer.baseAddress!)
            count = buffer.count
        }
        let shape = g.window
        withInt64Bias(bias, count: channels) { biasPointer in
            packed.withUnsafeBufferPointer { packed in
                withUnsafePointer(to: requantization.parameters) { rq in
                    withUnsafePointer(to: shape) { shape in
                        runner.run(workers: workers) { worker in
                            let first = pixels * worker / workers, end = pixels * (worker + 1) / workers
                            ck_i16_depthwise(shape, input.base, packed.baseAddress!, biasPointer, rq, first, end - first, output.base)
                        }
                    }
                }
            }
        }
    }
}
