import LiteModel

/// CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, BATCH_MATMUL and TRANSPOSE_CONV on float32,
/// through the fast kernels (which are tested against the reference ones).
@Sendable func registerConvolutionOps(_ registry: inout OpRegistry) {
    registry.register(.conv2D, conv2DPlan)
    registry.register(.depthwiseConv2D, depthwisePlan)
    registry.register(.fullyConnected, fullyConnectedPlan)
    registry.register(.batchMatmul, batchMatMulPlan)
    registry.register(.transposeConv, transposeConvPlan)
}

extension LiteModel.Padding {
    /// The runtime's padding for the schema's value.
    func runtimePadding(_ context: OpContext) throws -> Padding {
        switch self {
        case .same: return .same
        case .valid: return .valid
        default: throw context.unsupported("padding \(self)")
        }
    }
}

/// Float32 operands and result, bias optional at `biasPosition`.
private func floatOperands(_ context: OpContext, count: Int, biasPosition: Int? = nil) throws -> [PreparedTensor?] {
    var operands: [PreparedTensor?] = try (0..<count).map { try context.input($0) }
    if let biasPosition { operands.append(context.optionalInput(biasPosition)) }
    try context.expect(operands.compactMap { $0 } + [context.outputs[0]], type: .float32)
    return operands
}

private func scratchBuffer(_ memory: OpMemory, _ bytes: Int) -> UnsafeMutableRawBufferPointer? {
    memory.scratch.map { UnsafeMutableRawBufferPointer(start: $0, count: bytes) }
}

/// True when an operand may change between runs (not a model constant), so packed copies of it
/// must be refreshed before each run.
private func varies(_ tensors: PreparedTensor?...) -> Bool {
    tensors.contains { $0.map { !$0.isConstant } ?? false }
}

private func conv2DPlan(_ context: OpContext) throws -> OpPlan {
    guard case .conv2DOptions(let o)? = context.options else { throw context.fail("missing Conv2DOptions") }
    let operands = try floatOperands(context, count: 2, biasPosition: 2)
    let (input, filter, bias) = (operands[0]!, operands[1]!, operands[2])
    let parameters = Convolution.Parameters(padding: try o.padding.runtimePadding(context), strideHeight: Int(o.strideH), strideWidth: Int(o.strideW),
                                            dilationHeight: Int(o.dilationHFactor), dilationWidth: Int(o.dilationWFactor),
                                            activation: try context.fusedActivation())
    let geometry = try Convolution.geometry(input: input.shape, filter: filter.shape, bias: bias?.shape, parameters: parameters)
    let runner = ParallelRunner(threadCount: context.threads)
    let repacks = varies(filter, bias)
    return OpPlan(outputShapes: [geometry.outputShape]) { memory in
        let prepared = FastConvolution.Prepared(
            geometry: geometry, input: memory.input(0, input.shape, as: Float.self).base,
            filter: memory.input(1, filter.shape, as: Float.self).base,
            bias: memory.optionalInput(2, bias?.shape, as: Float.self)?.base,
            output: memory.output(0, geometry.outputShape, as: Float.self).base,
            activation: parameters.activation, repacks: repacks)
        return { prepared.run(runner) }
    }
}

private func depthwisePlan(_ context: OpContext) throws -> OpPlan {
    guard case .depthwiseConv2DOptions(let o)? = context.options else { throw context.fail("missing DepthwiseConv2DOptions") }
    let operands = try floatOperands(context, count: 2, biasPosition: 2)
    let (input, filter, bias) = (operands[0]!, operands[1]!, operands[2])
    let parameters = DepthwiseConvolution.Parameters(
        padding: try o.padding.runtimePadding(context), strideHeight: Int(o.strideH), strideWidth: Int(o.strideW),
        dilationHeight: Int(o.dilationHFactor), dilationWidth: Int(o.dilationWFactor),
        activation: try context.fusedActivation())
    let geometry = try DepthwiseConvolution.geometry(input: input.shape, filter: filter.shape, bias: bias?.shape, parameters: parameters)
    let runner = ParallelRunner(threadCount: context.threads)
    return OpPlan(outputShapes: [geometry.outputShape]) { memory in
        let prepared = FastDepthwiseConvolution.Prepared(
            geometry: geometry, input: memory.input(0, input.shape, as: Float.self).base,
            filter: memory.input(1, filter.shape, as: Float.self).base,
            bias: memory.optionalInput(2, bias?.shape, as: Float.self)?.base,
            output: memory.output(0, geometry.outputShape, as: Float.self).base, activation: parameters.activation)
        return { prepared.run(runner) }
    }
}

private func fullyConnectedPlan(_ context: OpContext) throws -> OpPlan {
    guard case .fullyConnectedOptions(let o)? = context.options else { throw context.fail("missing FullyConnectedOptions") }
    guard o.weightsFormat == .default else { throw context.unsupported("weights format \(o.weightsFormat)") }
    let operands = try floatOperands(context, count: 2, biasPosition: 2)
    let (input, weights, bias) = (operands[0]!, operands[1]!, operands[2])
    let parameters = FullyConnected.Parameters(keepNumDims: o.keepNumDims, activation: try context.fusedActivation())
    let shape = try FullyConnected.outputShape(input: input.shape, weights: weights.shape, bias: bias?.shape, parameters: parameters)
    let runner = ParallelRunner(threadCount: context.threads)
    let repacks = varies(weights, bias)
    return OpPlan(outputShapes: [shape]) { memory in
        let prepared = FastFullyConnected.prepare(
            inputCount: input.elementCount, input: memory.input(0, input.shape, as: Float.self).base,
            weightsShape: weights.shape, weights: memory.input(1, weights.shape, as: Float.self).base,
            bias: memory.optionalInput(2, bias?.shape, as: Float.self)?.base,
            output: memory.output(0, shape, as: Float.self).base, activation: parameters.activation, repacks: repacks)
        return { prepared.run(runner) }
    }
}

private func batchMatMulPlan(_ context: OpContext) throws -> OpPlan {
    var parameters = BatchMatMul.Parameters()
    if case .batchMatMulOptions(let o)? = context.options { parameters = .init(adjointLHS: o.adjX, adjointRHS: o.adjY) }
    let operands = try floatOperands(context, count: 2)
    let (lhs, rhs) = (operands[0]!, operands[1]!)
    let shape = try BatchMatMul.outputShape(lhs: lhs.shape, rhs: rhs.shape, parameters: parameters)
    let runner = ParallelRunner(threadCount: context.threads)
    let scratch = try FastBatchMatMul.scratchBytes(lhs: lhs.shape, rhs: rhs.shape, parameters: parameters, threads: context.threads)
    return OpPlan(outputShapes: [shape], scratchBytes: scratch) { memory in
        let a = memory.input(0, lhs.shape, as: Float.self), b = memory.input(1, rhs.shape, as: Float.self)
        let y = memory.output(0, shape, as: Float.self)
        let buffer = scratchBuffer(memory, scratch)
        return { try FastBatchMatMul.compute(lhs: a, rhs: b, output: y, parameters: parameters, runner: runner, scratch: buffer) }
    }
}

private func transposeConvPlan(_ context: OpContext) throws -> OpPlan {
    guard case .transposeConvOptions(let o)? = context.options else { throw context.fail("missing TransposeConvOptions") }
    let outputShape = try context.knownIntegers(0, "the output shape")
    let weights = try context.input(1), input = try context.input(2)
    let bias = context.optionalInput(3)
    try context.expect([weights, input, context.outputs[0]] + (bias.map { [$0] } ?? []), type: .float32)
    let parameters = TransposeConvolution.Parameters(padding: try o.padding.runtimePadding(context), strideHeight: Int(o.strideH),
                                                     strideWidth: Int(o.strideW), activation: try context.fusedActivation())
    let shape = try TransposeConvolution.outputShape(outputShapeValues: outputShape, weights: weights.shape, input: input.shape,
                                                     bias: bias?.shape, parameters: parameters)
    return OpPlan(outputShapes: [shape]) { memory in
        let w = memory.input(1, weights.shape, as: Float.self), x = memory.input(2, input.shape, as: Float.self)
        let b = memory.optionalInput(3, bias?.shape, as: Float.self), y = memory.output(0, shape, as: Float.self)
        return { try TransposeConvolution.compute(weights: w, input: x, bias: b, output: y, parameters: parameters) }
    }
}
