import LiteModel

/// MEAN, SUM, REDUCE_MAX over constant axes, and ARG_MAX, on float32.
@Sendable func registerReductionOps(_ registry: inout OpRegistry) {
    for (code, op) in [(BuiltinOperator.mean, ReductionOperator.mean), (.sum, .sum), (.reduceMax, .max)] {
        registry.register(code) { context in
            let input = try context.input(0)
            try context.expect([input, context.outputs[0]], type: .float32)
            let axes = try context.knownIntegers(1, "the reduction axes")
            var keepDims = false
            if case .reducerOptions(let o)? = context.options { keepDims = o.keepDims }
            let shape = try Reductions.outputShape(input: input.shape, axes: axes, keepDims: keepDims)
            let layout = FastReductions.layout(op, shape: input.shape, axes: axes)
            return OpPlan(outputShapes: [shape]) { memory in
                let x = memory.input(0, input.shape, as: Float.self), y = memory.output(0, shape, as: Float.self)
                if let layout { return { FastReductions.reduce(op, layout, x.base, into: y.base) } }
                return { Reductions.reduce(op, x, axes: axes, keepDims: keepDims, into: y) }
            }
        }
    }
    registry.register(.argMax) { context in
        let input = try context.input(0)
        try context.expect([input], type: .float32)
        let axis = try context.knownIntegers(1, "the axis")
        guard axis.count == 1 else { throw context.fail("axis must hold one value, has \(axis.count)") }
        let shape = try Reductions.argMaxOutputShape(input: input.shape, axis: axis[0])
        switch context.outputs[0].type {
        case .int32:
            return OpPlan(outputShapes: [shape]) { memory in
                let x = memory.input(0, input.shape, as: Float.self), y = memory.output(0, shape, as: Int32.self)
                return { Reductions.argMax(x, axis: axis[0], into: y) }
            }
        case .int64:
            return OpPlan(outputShapes: [shape]) { memory in
                let x = memory.input(0, input.shape, as: Float.self), y = memory.output(0, shape, as: Int64.self)
                return { Reductions.argMax(x, axis: axis[0], into: y) }
            }
        default:
            throw context.unsupported("ARG_MAX output type \(context.outputs[0].type)")
        }
    }
}
