import LiteModel

/// Binary arithmetic (with broadcasting), unary math, activations and softmax.
@Sendable func registerElementwiseOps(_ registry: inout OpRegistry) {
    let binary: [(BuiltinOperator, BinaryOperator, IntegerBinaryOperator?)] = [
        (.add, .add, .add), (.sub, .sub, .sub), (.mul, .mul, .mul), (.div, .div, nil),
        (.maximum, .maximum, .maximum), (.minimum, .minimum, .minimum), (.squaredDifference, .squaredDifference, nil),
    ]
    for (code, floatOp, intOp) in binary {
        registry.register(code) { try binaryPlan($0, floatOp, intOp) }
    }
    let unary: [(BuiltinOperator, UnaryOperator)] = [(.exp, .exp), (.sqrt, .sqrt), (.rsqrt, .rsqrt), (.abs, .abs), (.neg, .neg), (.square, .square)]
    for (code, op) in unary {
        registry.register(code) { context in
            try floatMap(context) { input, output in Elementwise.unary(op, input, into: output) }
        }
    }
    let activations: [(BuiltinOperator, ActivationFunction)] = [
        (.logistic, .logistic), (.tanh, .tanh), (.relu, .relu), (.relu6, .relu6), (.reluN1To1, .reluN1To1), (.hardSwish, .hardSwish),
    ]
    for (code, function) in activations {
        registry.register(code) { context in
            try floatMap(context) { input, output in Activations.apply(function, input, into: output) }
        }
    }
    registry.register(.leakyRelu) { context in
        guard case .leakyReluOptions(let options)? = context.options else { throw context.fail("missing LeakyReluOptions") }
        return try floatMap(context) { input, output in Activations.apply(.leakyRelu(alpha: options.alpha), input, into: output) }
    }
    registry.register(.gelu) { context in
        var approximate = false
        if case .geluOptions(let options)? = context.options { approximate = options.approximate }
        return try floatMap(context) { input, output in Activations.apply(.gelu(approximate: approximate), input, into: output) }
    }
    registry.register(.softmax) { context in
        var beta: Float = 0
        if case .softmaxOptions(let options)? = context.options { beta = options.beta }
        return try floatMap(context) { input, output in Softmax.softmax(input, beta: beta, into: output) }
    }
    registry.register(.logSoftmax) { context in
        try floatMap(context) { input, output in Softmax.logSoftmax(input, into: output) }
    }
    registry.register(.prelu, preluPlan)
}

/// A float32 op with one input and one output of the same shape.
private func floatMap(_ context: OpContext,
                      _ body: @escaping (TensorView<Float>, MutableTensorView<Float>) -> Void) throws -> OpPlan {
    try context.expect(inputs: 1)
    let input = try context.input(0)
    try context.expect([input, context.outputs[0]], type: .float32)
    let shape = input.shape
    return OpPlan(outputShapes: [shape]) { memory in
        let (x, y) = (memory.input(0, shape, as: Float.self), memory.output(0, shape, as: Float.self))
        return { body(x, y) }
    }
}

private func binaryPlan(_ context: OpContext, _ floatOp: BinaryOperator, _ intOp: IntegerBinaryOperator?) throws -> OpPlan {
    try context.expect(inputs: 2)
    let (a, b) = (try context.input(0), try context.input(1))
    let shape = try Elementwise.binaryOutputShape(a.shape, b.shape)
    let activation = try context.fusedActivation()
    switch a.type {
    case .float32:
        try context.expect([b, context.outputs[0]], type: .float32)
        return OpPlan(outputShapes: [shape]) { memory in
            let x = memory.input(0, a.shape, as: Float.self), y = memory.input(1, b.shape, as: Float.self)
            let out = memory.output(0, shape, as: Float.self)
            if a.shape == b.shape && FastElementwise.handles(floatOp) {
                let count = out.count
                return { FastElementwise.binary(floatOp, x.base, y.base, count: count, activation: activation, into: out.base) }
            }
            return { Elementwise.binary(floatOp, x, y, activation: activation, into: out) }
        }
    case .int32 where intOp != nil:
        try context.expect([b, context.outputs[0]], type: .int32)
        return OpPlan(outputShapes: [shape]) { memory in
            let x = memory.input(0, a.shape, as: Int32.self), y = memory.input(1, b.shape, as: Int32.self)
            let out = memory.output(0, shape, as: Int32.self)
            return { Elementwise.binary(intOp!, x, y, activation: activation, into: out) }
        }
    default:
        throw context.unsupported("\(a.type) operands")
    }
}

private func preluPlan(_ context: OpContext) throws -> OpPlan {
    try context.expect(inputs: 2)
    let (input, alpha) = (try context.input(0), try context.input(1))
    try context.expect([input, alpha, context.outputs[0]], type: .float32)
    let shape = try Activations.preluOutputShape(input: input.shape, alpha: alpha.shape)
    return OpPlan(outputShapes: [shape]) { memory in
        let x = memory.input(0, input.shape, as: Float.self), a = memory.input(1, alpha.shape, as: Float.self)
        let out = memory.output(0, shape, as: Float.self)
        return { Activations.prelu(x, alpha: a, into: out) }
    }
}
