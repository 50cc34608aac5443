import LiteModel

/// CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, BATCH_MATMUL and TRANSPOSE_CONV on int8, uint8
/// and int16×8 tensors, registered as variants chosen by the activation type. int8 CONV_2D
/// (one group) and FULLY_CONNECTED with constant weights run through the packed integer GEMM
/// (int16×8 CONV_2D too, when its depth and shifts fit the kernel),
/// int8 and int16×8 DEPTHWISE_CONV_2D with depth multiplier 1 through the fast depthwise kernels; the others
/// use the reference kernels.
@Sendable func registerQuantizedConvolutionOps(_ registry: inout OpRegistry) {
    registry.register(.conv2D, when: { isQuantizedActivation($0.inputType(0)) }, quantizedConvPlan)
    registry.register(.depthwiseConv2D, when: { isQuantizedActivation($0.inputType(0)) }, quantizedDepthwisePlan)
    registry.register(.fullyConnected, when: { isQuantizedActivation($0.inputType(0)) }, quantizedFullyConnectedPlan)
    registry.register(.batchMatmul, when: { isQuantizedActivation($0.inputType(0)) }, quantizedBatchMatMulPlan)
    registry.register(.transposeConv, when: { isQuantizedActivation($0.inputType(2)) }, quantizedTransposeConvPlan)
}

private func isQuantizedActivation(_ type: TensorType?) -> Bool { type == .int8 || type == .uint8 || type == .int16 }

/// The value range of a quantized activation type.
func quantizedTypeRange(_ type: TensorType) -> ClosedRange<Int32> {
    switch type {
    case .uint8: return 0 ... 255
    case .int16: return -32768 ... 32767
    default: return -128 ... 127
    }
}

extension PreparedTensor {
    /// The per-tensor or per-channel scales, which must be present.
    func quantizationScales(_ context: OpContext) throws -> [Float] {
        guard let scales = quantization?.scale, !scales.isEmpty else {
            throw context.unsupported("tensor \(index) '\(name)' has no quantization scale")
        }
        return scales
    }

    /// The first zero point (0 when absent).
    var quantizedZeroPoint: Int32 { Int32(truncatingIfNeeded: quantization?.zeroPoint.first ?? 0) }
}

/// The shared `QuantizedOutput` of a conv-like op after TFLite's type checks.
private func requantization(_ context: OpContext, input: PreparedTensor, weights: PreparedTensor, bias: PreparedTensor?,
                            channels: Int, rule: QuantizedOutput.MultiplierRule, activation: FusedActivation) throws -> QuantizedOutput {
    let output = context.outputs[0]
    guard output.type == input.type else { throw context.unsupported("output type \(output.type) differs from input type \(input.type)") }
    let wide = input.type == .int16
    switch (input.type, weights.type) {
    case (.int8, .int8), (.uint8, .uint8), (.int16, .int8): break
    default: throw context.unsupported("\(input.type) input with \(weights.type) weights")
    }
    if let bias {
        let allowed: [TensorType] = wide ? [.int32, .int64] : [.int32]
        guard allowed.contains(bias.type) else { throw context.unsupported("\(bias.type) bias with \(input.type) input") }
    }
    if input.type != .uint8, weights.quantization?.zeroPoint.contains(where: { $0 != 0 }) == true {
        throw context.unsupported("weights with non-zero zero points")
    }
    let weightScales = try weights.quantizationScales(context)
    let effectiveRule: QuantizedOutput.MultiplierRule = input.type == .uint8 && rule == .doubleProduct ? .floatProduct : rule
    return try QuantizedOutput.make(inputScale: try input.quantizationScales(context)[0], inputZeroPoint: input.quantizedZeroPoint,
                                    weightScales: weightScales,
                                    weightZeroPoint: weights.quantizedZeroPoint,
                                    outputScale: try output.quantizationScales(context)[0], outputZeroPoint: output.quantizedZeroPoint,
                                    channels: channels, rule: effectiveRule, activation: activation,
                                    typeRange: quantizedTypeRange(output.type), wideAccumulator: wide)
}

/// Runs `body` specialised for the op's (input, weights, bias) element types.
private func dispatch(input: TensorType, bias: TensorType?, int8: () throws -> OpPlan, uint8: () throws -> OpPlan,
                      int16Bias64: () throws -> OpPlan, int16Bias32: () throws -> OpPlan) throws -> OpPlan {
    switch input {
    case .int8: return try int8()
    case .uint8: return try uint8()
    default: return bias == .int32 ? try int16Bias32() : try int16Bias64()
    }
}

private func quantizedConvPlan(_ context: OpContext) throws -> OpPlan {
    guard case .conv2DOptions(let o)? = context.options else { throw context.fail("missing Conv2DOptions") }
    let input = try context.input(0), filter = try context.input(1), bias = context.optionalInput(2)
    let parameters = Convolution.Parameters(padding: try o.padding.runtimePadding(context), strideHeight: Int(o.strideH), strideWidth: Int(o.strideW),
                                            dilationHeight: Int(o.dilationHFactor), dilationWidth: Int(o.dilationWFactor),
                                            activation: try context.fusedActivation())
    let shape = try Convolution.outputShape(input: input.shape, filter: filter.shape, bias: bias?.shape, parameters: parameters)
    let q = try requantization(context, input: input, weights: filter, bias: bias, channels: filter.shape[0],
                               rule: .doubleProduct, activation: parameters.activation)
    if input.type == .int8, let bytes = filter.knownBytes, QuantizedConvolutionFast.supports(input: input.shape, filter: filter.shape) {
        let packed = bytes.withUnsafeBytes { Int8ConvolutionWeights($0.bindMemory(to: Int8.self).baseAddress!, rows: filter.shape[0],
                                                                 depth: filter.elementCount / filter.shape[0]) }
        let runner = ParallelRunner(threadCount: context.threads), requantization = Int8Requantization(q)
        return OpPlan(outputShapes: [shape]) { memory in
            let x = memory.input(0, input.shape, as: Int8.self), b = memory.optionalInput(2, bias?.shape, as: Int32.self)
            let y = memory.output(0, shape, as: Int8.self)
            return { try QuantizedConvolutionFast.convolution(input: x, weights: packed, filterShape: filter.shape, bias: b, output: y,
                                                              parameters: parameters, quantization: q, requantization: requantization,
                                                              runner: runner) }
        }
    }
    if input.type == .int16, let bytes = filter.knownBytes,
       QuantizedConvolutionInt16Fast.supports(input: input.shape, filter: filter.shape, quantization: q),
       let requantization = Int16Requantization(q) {
        let packed = bytes.withUnsafeBytes { PackedInt8Weights($0.bindMemory(to: Int8.self).baseAddress!, rows: filter.shape[0],
                                                                 depth: filter.elementCount / filter.shape[0]) }
        let runner = ParallelRunner(threadCount: context.threads)
        func plan<B: FixedWidthInteger>(_: B.Type) -> OpPlan {
            OpPlan(outputShapes: [shape]) { memory in
                let x = memory.input(0, input.shape, as: Int16.self), b = memory.optionalInput(2, bias?.shape, as: B.self)
                let y = memory.output(0, shape, as: Int16.self)
                return { try QuantizedConvolutionInt16Fast.convolution(input: x, weights: packed, filterShape: filter.shape, bias: b,
                                                                       output: y, parameters: parameters, quantization: q,
                                                                       requantization: requantization, runner: runner) }
            }
        }
        return bias?.type == .int32 ? plan(Int32.self) : plan(Int64.self)
    }
    func plan<X: FixedWidthInteger, W: FixedWidthInteger, B: FixedWidthInteger>(_: X.Type, _: W.Type, _: B.Type) -> OpPlan {
        OpPlan(outputShapes: [shape]) { memory in
            let x = memory.input(0, input.shape, as: X.self), w = memory.input(1, filter.shape, as: W.self)
            let b = memory.optionalInput(2, bias?.shape, as: B.self), y = memory.output(0, shape, as: X.self)
            return { try QuantizedConvolution.compute(input: x, filter: w, bias: b, output: y, parameters: parameters, quantization: q) }
        }
    }
    return try dispatch(input: input.type, bias: bias?.type,
                        int8: { plan(Int8.self, Int8.self, Int32.self) }, uint8: { plan(UInt8.self, UInt8.self, Int32.self) },
                        int16Bias64: { plan(Int16.self, Int8.self, Int64.self) }, int16Bias32: { plan(Int16.self, Int8.self, Int32.self) })
}

private func quantizedDepthwisePlan(_ context: OpContext) throws -> OpPlan {
    guard case .depthwiseConv2DOptions(let o)? = context.options else { throw context.fail("missing DepthwiseConv2DOptions") }
    let input = try context.input(0), filter = try context.input(1), bias = context.optionalInput(2)
    let parameters = DepthwiseConvolution.Parameters(
        padding: try o.padding.runtimePadding(context), strideHeight: Int(o.strideH), strideWidth: Int(o.strideW),
        dilationHeight: Int(o.dilationHFactor), dilationWidth: Int(o.dilationWFactor), activation: try context.fusedActivation())
    let shape = try DepthwiseConvolution.outputShape(input: input.shape, filter: filter.shape, bias: bias?.shape, parameters: parameters)
    let q = try requantization(context, input: input, weights: filter, bias: bias, channels: filter.shape[3],
                               rule: .doubleProduct, activation: parameters.activation)
    if input.type == .int8, bias == nil || bias?.type == .int32, QuantizedDepthwiseFast.supports(input: input.shape, filter: filter.shape) {
        let runner = ParallelRunner(threadCount: context.threads), requantization = Int8Requantization(q)
        // Constant weights are packed once, here; others at every call.
        let prepared = try filter.knownBytes.map { bytes in
            try bytes.withUnsafeBytes { raw in
                try Int8DepthwisePlan(window: DepthwiseConvolution.geometry(input: input.shape, filter: filter.shape, bias: bias?.shape,
                                                                            parameters: parameters).window,
                                      weights: raw.bindMemory(to: Int8.self).baseAddress!, requantization: requantization)
            }
        }
        return OpPlan(outputShapes: [shape]) { memory in
            let x = memory.input(0, input.shape, as: Int8.self), w = memory.input(1, filter.shape, as: Int8.self)
            let b = memory.optionalInput(2, bias?.shape, as: Int32.self), y = memory.output(0, shape, as: Int8.self)
            if let prepared {
                return { try QuantizedDepthwiseFast.compute(input: x, filter: w, bias: b, output: y, parameters: parameters,
                                                            quantization: q, plan: prepared, runner: runner) }
            }
            return { try QuantizedDepthwiseFast.compute(input: x, filter: w, bias: b, output: y, parameters: parameters, quantization: q,
                                                        requantization: requantization, runner: runner) }
        }
    }
    if input.type == .int16, QuantizedDepthwiseFast.supportsInt16(input: input.shape, filter: filter.shape, quantization: q),
       let requantization = Int16Requantization(q) {
        let runner = ParallelRunner(threadCount: context.threads)
        func plan<B: FixedWidthInteger>(_: B.Type) -> OpPlan {
            OpPlan(outputShapes: [shape]) { memory in
                let x = memory.input(0, input.shape, as: Int16.self), w = memory.input(1, filter.shape, as: Int8.self)
                let b = memory.optionalInput(2, bias?.shape, as: B.self), y = memory.output(0, shape, as: Int16.self)
                return { try QuantizedDepthwiseFast.int16Compute(input: x, filter: w, bias: b, output: y, parameters: parameters,
                                                                 quantization: q, requantization: requantization, runner: runner) }
            }
        }
        return bias?.type == .int32 ? plan(Int32.self) : plan(Int64.self)
    }
    func plan<X: FixedWidthInteger, W: FixedWidthInteger, B: FixedWidthInteger>(_: X.Type, _: W.Type, _: B.Type) -> OpPlan {
        OpPlan(outputShapes: [shape]) { memory in
            let x = memory.input(0, input.shape, as: X.self), w = memory.input(1, filter.shape, as: W.self)
            let b = memory.optionalInput(2, bias?.shape, as: B.self), y = memory.output(0, shape, as: X.self)
            return { try QuantizedDepthwiseConvolution.compute(input: x, filter: w, bias: b, output: y, parameters: parameters, quantization: q) }
        }
    }
    return try dispatch(input: input.type, bias: bias?.type,
                        int8: { plan(Int8.self, Int8.self, Int32.self) }, uint8: { plan(UInt8.self, UInt8.self, Int32.self) },
                        int16Bias64: { plan(Int16.self, Int8.self, Int64.self) }, int16Bias32: { plan(Int16.self, Int8.self, Int32.self) })
}

private func quantizedFullyConnectedPlan(_ context: OpContext) throws -> OpPlan {
    guard case .fullyConnectedOptions(let o)? = context.options else { throw context.fail("missing FullyConnectedOptions") }
    guard o.weightsFormat == .default else { throw context.unsupported("weights format \(o.weightsFormat)") }
    let input = try context.input(0), weights = try context.input(1), bias = context.optionalInput(2)
    let parameters = FullyConnected.Parameters(keepNumDims: o.keepNumDims, activation: try context.fusedActivation())
    let shape = try FullyConnected.outputShape(input: input.shape, weights: weights.shape, bias: bias?.shape, parameters: parameters)
    let q = try requantization(context, input: input, weights: weights, bias: bias, channels: weights.shape[0],
                               rule: .doubleRescale, activation: parameters.activation)
    if input.type == .int8, let bytes = weights.knownBytes {
        let packed = bytes.withUnsafeBytes { Int8ConvolutionWeights($0.bindMemory(to: Int8.self).baseAddress!, rows: weights.shape[0],
                                                                 depth: weights.shape[1]) }
        let runner = ParallelRunner(threadCount: context.threads), requantization = Int8Requantization(q)
        return OpPlan(outputShapes: [shape]) { memory in
            let x = memory.input(0, input.shape, as: Int8.self), b = memory.optionalInput(2, bias?.shape, as: Int32.self)
            let y = memory.output(0, shape, as: Int8.self)
            return { try QuantizedConvolutionFast.fullyConnected(input: x, weights: packed, bias: b, output: y, quantization: q,
                                                                 requantization: requantization, runner: runner) }
        }
    }
    if let fast = int16FullyConnectedFastPlan(context, input: input, weights: weights, bias: bias, outputShape: shape, quantization: q) {
        return fast
    }
    func plan<X: FixedWidthInteger, W: FixedWidthInteger, B: FixedWidthInteger>(_: X.Type, _: W.Type, _: B.Type) -> OpPlan {
        OpPlan(outputShapes: [shape]) { memory in
            let x = memory.input(0, input.shape, as: X.self), w = memory.input(1, weights.shape, as: W.self)
            let b = memory.optionalInput(2, bias?.shape, as: B.self), y = memory.output(0, shape, as: X.self)
            return { try QuantizedFullyConnected.compute(input: x, weights: w, bias: b, output: y, parameters: parameters, quantization: q) }
        }
    }
    return try dispatch(input: input.type, bias: bias?.type,
                        int8: { plan(Int8.self, Int8.self, Int32.self) }, uint8: { plan(UInt8.self, UInt8.self, Int32.self) },
                        int16Bias64: { plan(Int16.self, Int8.self, Int64.self) }, int16Bias32: { plan(Int16.self, Int8.self, Int32.self) })
}

private func quantizedBatchMatMulPlan(_ context: OpContext) throws -> OpPlan {
    var parameters = BatchMatMul.Parameters()
    if case .batchMatMulOptions(let o)? = context.options { parameters = .init(adjointLHS: o.adjX, adjointRHS: o.adjY) }
    let lhs = try context.input(0), rhs = try context.input(1), output = context.outputs[0]
    guard lhs.type == .int8 || lhs.type == .int16, rhs.type == lhs.type, output.type == lhs.type else {
        throw context.unsupported("BATCH_MATMUL on \(lhs.type) × \(rhs.type) → \(output.type)")
    }
    let shape = try BatchMatMul.outputShape(lhs: lhs.shape, rhs: rhs.shape, parameters: parameters)
    let real = Double(try lhs.quantizationScales(context)[0] * rhs.quantizationScales(context)[0])
        / Double(try output.quantizationScales(context)[0])
    let (multiplier, shift) = FixedPoint.quantizeMultiplier(real)
    let range = quantizedTypeRange(output.type)
    let q = QuantizedOutput(inputOffset: -rhs.quantizedZeroPoint, weightOffset: -lhs.quantizedZeroPoint, outputOffset: output.quantizedZeroPoint,
                            multipliers: [multiplier], shifts: [shift], activationMin: range.lowerBound,
                            activationMax: range.upperBound, wideAccumulator: lhs.type == .int16)
    if lhs.type == .int8, QuantizedBatchMatMulFast.supports(q) {
        let runner = ParallelRunner(threadCount: context.threads)
        return OpPlan(outputShapes: [shape]) { memory in
            let a = memory.input(0, lhs.shape, as: Int8.self), b = memory.input(1, rhs.shape, as: Int8.self)
            let y = memory.output(0, shape, as: Int8.self)
            return { try QuantizedBatchMatMulFast.compute(lhs: a, rhs: b, output: y, parameters: parameters, quantization: q, runner: runner) }
        }
    }
    func plan<T: FixedWidthInteger>(_: T.Type) -> OpPlan {
        OpPlan(outputShapes: [shape]) { memory in
            let a = memory.input(0, lhs.shape, as: T.self), b = memory.input(1, rhs.shape, as: T.self)
            let y = memory.output(0, shape, as: T.self)
            return { try QuantizedBatchMatMul.compute(lhs: a, rhs: b, output: y, parameters: parameters, quantization: q) }
        }
    }
    return lhs.type == .int8 ? plan(Int8.self) : plan(Int16.self)
}

private func quantizedTransposeConvPlan(_ context: OpContext) throws -> OpPlan {
    guard case .transposeConvOptions(let o)? = context.options else { throw context.fail("missing TransposeConvOptions") }
    let outputShape = try context.knownIntegers(0, "the output shape")
    let weights = try context.input(1), input = try context.input(2), bias = context.optionalInput(3)
    let parameters = TransposeConvolution.Parameters(padding: try o.padding.runtimePadding(context), strideHeight: Int(o.strideH),
                                                     strideWidth: Int(o.strideW), activation: try context.fusedActivation())
    let shape = try TransposeConvolution.outputShape(outputShapeValues: outputShape, weights: weights.shape, input: input.shape,
                                                     bias: bias?.shape, parameters: parameters)
    guard input.type != .uint8 else { throw context.unsupported("uint8 TRANSPOSE_CONV") }
    let q = try requantization(context, input: input, weights: weights, bias: bias, channels: weights.shape[0],
                               rule: .doubleProduct, activation: parameters.activation)
    func plan<X: FixedWidthInteger, B: FixedWidthInteger>(_: X.Type, _: B.Type) -> OpPlan {
        OpPlan(outputShapes: [shape]) { memory in
            let w = memory.input(1, weights.shape, as: Int8.self), x = memory.input(2, input.shape, as: X.self)
            let b = memory.optionalInput(3, bias?.shape, as: B.self), y = memory.output(0, shape, as: X.self)
            return { try QuantizedTransposeConvolution.compute(weights: w, input: x, bias: b, output: y, parameters: parameters, quantization: q) }
        }
    }
    if input.type == .int8 { return plan(Int8.self, Int32.self) }
    return bias?.type == .int32 ? plan(Int16.self, Int32.self) : plan(Int16.self, Int64.self)
}
