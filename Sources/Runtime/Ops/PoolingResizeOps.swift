import LiteModel

/// AVERAGE_POOL_2D, MAX_POOL_2D, RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR on float32 NHWC.
@Sendable func registerPoolingResizeOps(_ registry: inout OpRegistry) {
    registry.register(.averagePool2D) { try poolPlan($0, average: true) }
    registry.register(.maxPool2D) { try poolPlan($0, average: false) }
    registry.register(.resizeBilinear) { context in
        var (alignCorners, halfPixel) = (false, false)
        if case .resizeBilinearOptions(let o)? = context.options { (alignCorners, halfPixel) = (o.alignCorners, o.halfPixelCenters) }
        return try resizePlan(context, bilinear: true, alignCorners: alignCorners, halfPixelCenters: halfPixel)
    }
    registry.register(.resizeNearestNeighbor) { context in
        var (alignCorners, halfPixel) = (false, false)
        if case .resizeNearestNeighborOptions(let o)? = context.options { (alignCorners, halfPixel) = (o.alignCorners, o.halfPixelCenters) }
        return try resizePlan(context, bilinear: false, alignCorners: alignCorners, halfPixelCenters: halfPixel)
    }
}

private func poolPlan(_ context: OpContext, average: Bool) throws -> OpPlan {
    guard case .pool2DOptions(let o)? = context.options else { throw context.fail("missing Pool2DOptions") }
    try context.expect(inputs: 1)
    let input = try context.input(0)
    try context.expect([input, context.outputs[0]], type: .float32)
    let parameters = PoolParameters(filterHeight: Int(o.filterHeight), filterWidth: Int(o.filterWidth),
                                    strideHeight: Int(o.strideH), strideWidth: Int(o.strideW),
                                    padding: try o.padding.runtimePadding(context), activation: try context.fusedActivation())
    let shape = try Pooling.outputShape(input: input.shape, parameters)
    let window = try computePadding(
        parameters.padding, inputHeight: input.shape[1], inputWidth: input.shape[2], filterHeight: parameters.filterHeight,
        filterWidth: parameters.filterWidth, strideHeight: parameters.strideHeight, strideWidth: parameters.strideWidth)
    return OpPlan(outputShapes: [shape]) { memory in
        let x = memory.input(0, input.shape, as: Float.self), y = memory.output(0, shape, as: Float.self)
        return { FastPooling.pool(average: average, x.base, shape: input.shape, parameters, window: window, into: y.base) }
    }
}

private func resizePlan(_ context: OpContext, bilinear: Bool, alignCorners: Bool, halfPixelCenters: Bool) throws -> OpPlan {
    let input = try context.input(0)
    try context.expect([input, context.outputs[0]], type: .float32)
    let size = try context.knownIntegers(1, "the output size")
    guard size.count == 2 else { throw context.fail("size must hold 2 values (height, width), has \(size.count)") }
    let parameters = ResizeParameters(height: size[0], width: size[1], alignCorners: alignCorners, halfPixelCenters: halfPixelCenters)
    let shape = try Resize.outputShape(input: input.shape, parameters, bilinear: bilinear)
    return OpPlan(outputShapes: [shape]) { memory in
        let x = memory.input(0, input.shape, as: Float.self), y = memory.output(0, shape, as: Float.self)
        return bilinear ? { Resize.bilinear(x, parameters, into: y) } : { Resize.nearestNeighbor(x, parameters, into: y) }
    }
}
