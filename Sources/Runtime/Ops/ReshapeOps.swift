import LiteModel

/// Ops that only change the shape: their output shares the input's memory.
@Sendable func registerReshapeOps(_ registry: inout OpRegistry) {
    registry.register(.reshape) { context in
        let input = try context.input(0)
        var option: [Int] = []
        if case .reshapeOptions(let options)? = context.options { option = options.newShape.map(Int.init) }
        var target = option == [0] ? [] : option
        if let shapeTensor = context.optionalInput(1), shapeTensor.shape.count == 1 {
            target = try context.knownIntegers(1, "the new shape")
        }
        return try aliasPlan(context, try Layout.reshapeOutputShape(input: input.shape, target: target))
    }
    registry.register(.squeeze) { context in
        var dims: [Int] = []
        if case .squeezeOptions(let options)? = context.options { dims = options.squeezeDims.map(Int.init) }
        return try aliasPlan(context, try Layout.squeezeOutputShape(input: context.input(0).shape, squeezeDims: dims))
    }
    registry.register(.expandDims) { context in
        let axis = try context.knownIntegers(1, "the axis")
        guard axis.count == 1 else { throw context.fail("axis must hold one value, has \(axis.count)") }
        return try aliasPlan(context, try Layout.expandDimsOutputShape(input: context.input(0).shape, axis: axis[0]))
    }
    registry.register(.shape) { context in
        let input = try context.input(0)
        let shape = Layout.shapeOutputShape(input: input.shape)
        switch context.outputs[0].type {
        case .int32:
            return OpPlan(outputShapes: [shape]) { memory in
                let out = memory.output(0, shape, as: Int32.self)
                return { try Layout.shape(of: input.shape, into: out) }
            }
        case .int64:
            return OpPlan(outputShapes: [shape]) { memory in
                let out = memory.output(0, shape, as: Int64.self)
                return { try Layout.shape(of: input.shape, into: out) }
            }
        default:
            throw context.unsupported("SHAPE output type \(context.outputs[0].type)")
        }
    }
}

/// The output takes `shape` and aliases input 0; nothing runs.
private func aliasPlan(_ context: OpContext, _ shape: [Int]) throws -> OpPlan {
    let input = try context.input(0)
    guard input.type == context.outputs[0].type else {
        throw context.fail("input is \(input.type) but output is \(context.outputs[0].type)")
    }
    let bytes = input.type.byteCount(elements: input.elementCount) ?? 0
    return OpPlan(outputShapes: [shape], aliases: [0: 0]) { memory in
        let (source, destination) = (memory.inputs[0]!, memory.outputs[0])
        // Aliased in the arena; a copy is only needed when the input lives elsewhere (a constant).
        return { if source != UnsafeRawPointer(destination) { destination.copyMemory(from: source, byteCount: bytes) } }
    }
}
