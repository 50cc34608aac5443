import LiteModel

/// Dynamic-range (hybrid) CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED: float32 activations
/// with int8 (or packed int4) weights and float bias, registered as variants for a float32
/// input with quantized weights.
@Sendable func registerHybridOps(_ registry: inout OpRegistry) {
    registry.register(.conv2D, when: isHybrid, hybridConvPlan)
    registry.register(.depthwiseConv2D, when: isHybrid, hybridDepthwisePlan)
    registry.register(.fullyConnected, when: isHybrid, hybridFullyConnectedPlan)
}

@Sendable private func isHybrid(_ context: OpContext) -> Bool {
    context.inputType(0) == .float32 && (context.inputType(1) == .int8 || context.inputType(1) == .int4)
}

/// The weights as int8 values: constant int8 data, or constant int4 data unpacked once (two
/// values per byte, low nibble first, sign-extended, as TFLite's `UnpackPackedIntToInt8`), or
/// read from memory at run time.
private struct HybridWeights: @unchecked Sendable {
    /// The values known at prepare time; nil when they are read at run time.
    let constant: [Int8]?

    init(_ context: OpContext, _ tensor: PreparedTensor) throws {
        guard tensor.type == .int4 else {
            constant = tensor.knownBytes.map { $0.map { Int8(bitPattern: $0) } }
            return
        }
        guard let bytes = tensor.knownBytes else { throw context.unsupported("int4 weights must be constant") }
        constant = (0 ..< tensor.elementCount).map { i in
            let byte = bytes[i / 2]
            let nibble = i % 2 == 0 ? byte & 0x0F : byte >> 4
            return Int8(truncatingIfNeeded: nibble << 4) >> 4
        }
    }

    /// Runs `body` with a view of the int8 weights.
    func with<R>(_ memory: OpMemory, _ shape: [Int], _ body: (TensorView<Int8>) throws -> R) rethrows -> R {
        guard let constant else { return try body(memory.input(1, shape, as: Int8.self)) }
        return try constant.withUnsafeBufferPointer { try body(TensorView(shape: shape, base: $0.baseAddress!)) }
    }

    /// `body` applied once to the constant weights (e.g. to pack them), or nil for run-time weights.
    func prepared<R>(_ shape: [Int], _ body: (TensorView<Int8>) -> R) -> R? {
        constant?.withUnsafeBufferPointer { body(TensorView(shape: shape, base: $0.baseAddress!)) }
    }
}

/// Checks the float input, output and bias.
private func checkFloatOperands(_ context: OpContext, biasPosition: Int) throws {
    let floats = [try context.input(0), context.outputs[0]] + (context.optionalInput(biasPosition).map { [$0] } ?? [])
    try context.expect(floats, type: .float32)
}

private func hybridConvPlan(_ context: OpContext) throws -> OpPlan {
    guard case .conv2DOptions(let o)? = context.options else { throw context.fail("missing Conv2DOptions") }
    try checkFloatOperands(context, biasPosition: 2)
    let input = try context.input(0), filter = try context.input(1), bias = context.optionalInput(2)
    let parameters = Convolution.Parameters(padding: try o.padding.runtimePadding(context), strideHeight: Int(o.strideH), strideWidth: Int(o.strideW),
                                            dilationHeight: Int(o.dilationHFactor), dilationWidth: Int(o.dilationWFactor),
                                            activation: try context.fusedActivation())
    let shape = try Convolution.outputShape(input: input.shape, filter: filter.shape, bias: bias?.shape, parameters: parameters)
    let scales = try filter.quantizationScales(context)
    let weights = try HybridWeights(context, filter)
    let groups = max(1, input.shape[3] / max(1, filter.shape[3]))
    let packed = weights.prepared(filter.shape) { HybridFastConvolution.pack(filter: $0, groups: groups) }
    let runner = ParallelRunner(threadCount: context.threads)
    return OpPlan(outputShapes: [shape]) { memory in
        let x = memory.input(0, input.shape, as: Float.self), b = memory.optionalInput(2, bias?.shape, as: Float.self)
        let y = memory.output(0, shape, as: Float.self)
        return {
            let w = packed ?? weights.with(memory, filter.shape) { HybridFastConvolution.pack(filter: $0, groups: groups) }
            try HybridFastConvolution.compute(input: x, filterShape: filter.shape, weights: w, bias: b, output: y,
                                              parameters: parameters, weightScales: scales, runner: runner)
        }
    }
}

private func hybridDepthwisePlan(_ context: OpContext) throws -> OpPlan {
    guard case .depthwiseConv2DOptions(let o)? = context.options else { throw context.fail("missing DepthwiseConv2DOptions") }
    try checkFloatOperands(context, biasPosition: 2)
    let input = try context.input(0), filter = try context.input(1), bias = context.optionalInput(2)
    let parameters = DepthwiseConvolution.Parameters(
        padding: try o.padding.runtimePadding(context), strideHeight: Int(o.strideH), strideWidth: Int(o.strideW),
        dilationHeight: Int(o.dilationHFactor), dilationWidth: Int(o.dilationWFactor), activation: try context.fusedActivation())
    let shape = try DepthwiseConvolution.outputShape(input: input.shape, filter: filter.shape, bias: bias?.shape, parameters: parameters)
    let scales = try filter.quantizationScales(context)
    let weights = try HybridWeights(context, filter)
    let runner = ParallelRunner(threadCount: context.threads)
    return OpPlan(outputShapes: [shape]) { memory in
        let x = memory.input(0, input.shape, as: Float.self), b = memory.optionalInput(2, bias?.shape, as: Float.self)
        let y = memory.output(0, shape, as: Float.self)
        return {
            try weights.with(memory, filter.shape) { w in
                try HybridFastDepthwiseConvolution.compute(input: x, filter: w, bias: b, output: y, parameters: parameters,
                                                           weightScales: scales, runner: runner)
            }
        }
    }
}

private func hybridFullyConnectedPlan(_ context: OpContext) throws -> OpPlan {
    guard case .fullyConnectedOptions(let o)? = context.options else { throw context.fail("missing FullyConnectedOptions") }
    guard o.weightsFormat == .default else { throw context.unsupported("weights format \(o.weightsFormat)") }
    try checkFloatOperands(context, biasPosition: 2)
    let input = try context.input(0), weightsTensor = try context.input(1), bias = context.optionalInput(2)
    let parameters = HybridFullyConnected.Parameters(
        fullyConnected: FullyConnected.Parameters(keepNumDims: o.keepNumDims, activation: try context.fusedActivation()),
        weightScales: try weightsTensor.quantizationScales(context), asymmetricInputs: o.asymmetricQuantizeInputs)
    let shape = try FullyConnected.outputShape(input: input.shape, weights: weightsTensor.shape, bias: bias?.shape,
                                               parameters: parameters.fullyConnected)
    let weights = try HybridWeights(context, weightsTensor)
    let wShape = weightsTensor.shape
    func pack(_ w: TensorView<Int8>) -> HybridPackedWeights { HybridPackedWeights(w.base, rows: wShape[0], depth: wShape[1]) }
    let packed = weights.prepared(wShape, pack)
    return OpPlan(outputShapes: [shape]) { memory in
        let x = memory.input(0, input.shape, as: Float.self), b = memory.optionalInput(2, bias?.shape, as: Float.self)
        let y = memory.output(0, shape, as: Float.self)
        return {
            let w = packed ?? weights.with(memory, wShape, pack)
            try HybridFastFullyConnected.compute(input: x, weightsShape: wShape, weights: w, bias: b, output: y, parameters: parameters)
        }
    }
}
