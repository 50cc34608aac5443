import LiteModel

/// int8/int16 pooling, resizing and reductions: AVERAGE_POOL_2D, MAX_POOL_2D, RESIZE_BILINEAR,
/// RESIZE_NEAREST_NEIGHBOR, MEAN, SUM, REDUCE_MAX and ARG_MAX.
@Sendable func registerQuantizedPoolingReductionOps(_ registry: inout OpRegistry) {
    registry.register(.averagePool2D, when: quantizedInput) { try poolPlan($0, average: true) }
    registry.register(.maxPool2D, when: quantizedInput) { try poolPlan($0, average: false) }
    registry.register(.resizeBilinear, when: quantizedInput) { try resizePlan($0, bilinear: true) }
    registry.register(.resizeNearestNeighbor, when: quantizedInput) { try resizePlan($0, bilinear: false) }
    for code in [BuiltinOperator.mean, .sum, .reduceMax] {
        registry.register(code, when: quantizedInput) { context in
            let input = try context.input(0)
            try context.expect([context.outputs[0]], type: input.type)
            let axes = try context.knownIntegers(1, "the reduction axes")
            var keepDims = false
            if case .reducerOptions(let o)? = context.options { keepDims = o.keepDims }
            let shape = try Reductions.outputShape(input: input.shape, axes: axes, keepDims: keepDims)
            let (inQ, outQ) = (try input.affine(context), try context.outputs[0].affine(context))
            func plan<Q: FixedWidthInteger>(_: Q.Type) -> OpPlan {
                OpPlan(outputShapes: [shape]) { memory in
                    let x = memory.input(0, input.shape, as: Q.self), y = memory.output(0, shape, as: Q.self)
                    if code == .reduceMax { return { QuantizedReductions.max(x, axes: axes, into: y) } }
                    return { QuantizedReductions.meanOrSum(x, axes: axes, sum: code == .sum, input: inQ, output: outQ, into: y) }
                }
            }
            return input.type == .int8 ? plan(Int8.self) : plan(Int16.self)
        }
    }
    registry.register(.argMax, when: quantizedInput) { context in
        let input = try context.input(0)
        let axis = try context.knownIntegers(1, "the axis")
        guard axis.count == 1 else { throw context.fail("axis must hold one value, has \(axis.count)") }
        let shape = try Reductions.argMaxOutputShape(input: input.shape, axis: axis[0])
        func plan<Q: FixedWidthInteger, I: FixedWidthInteger>(_: Q.Type, _: I.Type) -> OpPlan {
            OpPlan(outputShapes: [shape]) { memory in
                let x = memory.input(0, input.shape, as: Q.self), y = memory.output(0, shape, as: I.self)
                return { Reductions.argMax(x, axis: axis[0], into: y) }
            }
        }
        switch (input.type, context.outputs[0].type) {
        case (.int8, .int32): return plan(Int8.self, Int32.self)
        case (.int8, .int64): return plan(Int8.self, Int64.self)
        case (.int16, .int32): return plan(Int16.self, Int32.self)
        case (.int16, .int64): return plan(Int16.self, Int64.self)
        default: throw context.unsupported("ARG_MAX output type \(context.outputs[0].type)")
        }
    }
}

private func poolPlan(_ context: OpContext, average: Bool) throws -> OpPlan {
    guard case .pool2DOptions(let o)? = context.options else { throw context.fail("missing Pool2DOptions") }
    let (_, outQ) = try unaryParameters(context)
    let input = try context.input(0)
    let parameters = PoolParameters(filterHeight: Int(o.filterHeight), filterWidth: Int(o.filterWidth),
                                    strideHeight: Int(o.strideH), strideWidth: Int(o.strideW),
                                    padding: try o.padding.runtimePadding(context), activation: try context.fusedActivation())
    let shape = try Pooling.outputShape(input: input.shape, parameters)
    let window = try QuantizedPoolingFast.window(input: input.shape, parameters)
    let runner = ParallelRunner(threadCount: context.threads)
    if input.type == .int8 {
        let range = try outQ.activationRange(parameters.activation, Int8.self)
        return OpPlan(outputShapes: [shape]) { memory in
            let x = memory.input(0, input.shape, as: Int8.self), y = memory.output(0, shape, as: Int8.self)
            return { QuantizedPoolingFast.pool(average: average, x, window: window, range: range, into: y, runner: runner) }
        }
    }
    let range = try outQ.activationRange(parameters.activation, Int16.self)
    return OpPlan(outputShapes: [shape]) { memory in
        let x = memory.input(0, input.shape, as: Int16.self), y = memory.output(0, shape, as: Int16.self)
        return { QuantizedPoolingFast.pool(average: average, x, window: window, range: range, into: y, runner: runner) }
    }
}

private func resizePlan(_ context: OpContext, bilinear: Bool) throws -> OpPlan {
    var (alignCorners, halfPixel) = (false, false)
    switch context.options {
    case .resizeBilinearOptions(let o)?: (alignCorners, halfPixel) = (o.alignCorners, o.halfPixelCenters)
    case .resizeNearestNeighborOptions(let o)?: (alignCorners, halfPixel) = (o.alignCorners, o.halfPixelCenters)
    default: break
    }
    let input = try context.input(0)
    try context.expect([context.outputs[0]], type: input.type)
    let size = try context.knownIntegers(1, "the output size")
    guard size.count == 2 else { throw context.fail("size must hold 2 values (height, width), has \(size.count)") }
    let parameters = ResizeParameters(height: size[0], width: size[1], alignCorners: alignCorners, halfPixelCenters: halfPixel)
    let shape = try Resize.outputShape(input: input.shape, parameters, bilinear: bilinear)
    func plan<Q: FixedWidthInteger>(_: Q.Type) -> OpPlan {
        OpPlan(outputShapes: [shape]) { memory in
            let x = memory.input(0, input.shape, as: Q.self), y = memory.output(0, shape, as: Q.self)
            return bilinear ? { QuantizedResize.bilinear(x, parameters, into: y) } : { Resize.nearestNeighbor(x, parameters, into: y) }
        }
    }
    return input.type == .int8 ? plan(Int8.self) : plan(Int16.self)
}
