import Foundation
import LiteModel

/// int8/int16 activations and softmax: RELU family, LEAKY_RELU, PRELU, HARD_SWISH, the
/// table-driven LOGISTIC/TANH/GELU/EXP, SOFTMAX and LOG_SOFTMAX.
@Sendable func registerQuantizedActivationOps(_ registry: inout OpRegistry) {
    let relus: [(BuiltinOperator, Float, Float?, Bool)] = [
        (.relu, 0, nil, true), (.relu6, 0, 6, true), (.reluN1To1, -1, 1, false),
    ]
    for (code, low, high, int16) in relus {
        let condition: OpRegistry.Condition = int16 ? quantizedInput : int8Input
        registry.register(code, when: condition) { context in
            let (inQ, outQ) = try unaryParameters(context)
            return try unaryPlan(context,
                                 int8: { QuantizedActivations.relu($0, input: inQ, output: outQ, low: low, high: high, into: $1) },
                                 int16: { QuantizedActivations.relu($0, input: inQ, output: outQ, low: low, high: high, into: $1) })
        }
    }
    registry.register(.leakyRelu, when: quantizedInput) { context in
        guard case .leakyReluOptions(let options)? = context.options else { throw context.fail("missing LeakyReluOptions") }
        let (inQ, outQ) = try unaryParameters(context)
        return try unaryPlan(context,
                             int8: { QuantizedActivations.leakyRelu($0, alpha: options.alpha, input: inQ, output: outQ, into: $1) },
                             int16: { QuantizedActivations.leakyRelu($0, alpha: options.alpha, input: inQ, output: outQ, into: $1) })
    }
    registry.register(.hardSwish, when: int8Input) { context in
        let (inQ, outQ) = try unaryParameters(context)
        return try unaryPlan(context, int8: { QuantizedActivations.hardSwish($0, input: inQ, output: outQ, into: $1) })
    }
    registry.register(.prelu, when: int8Input, preluPlan)
    registerTableOps(&registry)
    registerSoftmaxOps(&registry)
}

/// LOGISTIC and TANH (int8 table, int16 reference kernels), GELU and EXP (int8 tables).
private func registerTableOps(_ registry: inout OpRegistry) {
    registry.register(.exp, when: int8Input) { context in
        let (inQ, outQ) = try unaryParameters(context)
        let table = LookupTable.int8(input: inQ, output: outQ) { Foundation.exp($0) }
        return try unaryPlan(context, int8: { LookupTable.apply(table, $0, into: $1) })
    }
    let functions: [(BuiltinOperator, @Sendable (Float) -> Float)] = [
        (.logistic, { 1 / (1 + Foundation.exp(-$0)) }), (.tanh, { Foundation.tanh($0) }),
    ]
    for (code, function) in functions {
        registry.register(code, when: quantizedInput) { context in
            let (inQ, outQ) = try unaryParameters(context)
            let table = LookupTable.int8(input: inQ, output: outQ, function)
            let (multiplier, shift) = QuantizedSigmoid.inputRescale(scale: inQ.scale, tanh: code == .tanh)
            return try unaryPlan(context, int8: { LookupTable.apply(table, $0, into: $1) }, int16: { x, y in
                code == .tanh ? QuantizedSigmoid.tanh(x, multiplier: multiplier, shift: shift, into: y)
                              : QuantizedSigmoid.logistic(x, multiplier: multiplier, shift: shift, into: y)
            })
        }
    }
    registry.register(.gelu, when: int8Input) { context in
        var approximate = false
        if case .geluOptions(let options)? = context.options { approximate = options.approximate }
        let (inQ, outQ) = try unaryParameters(context)
        let table = LookupTable.int8(input: inQ, output: outQ, approximate ? Activations.geluTanh : Activations.geluErf)
        return try unaryPlan(context, int8: { LookupTable.apply(table, $0, into: $1) })
    }
}

private func registerSoftmaxOps(_ registry: inout OpRegistry) {
    registry.register(.softmax, when: quantizedInput) { context in
        var beta: Float = 1
        if case .softmaxOptions(let options)? = context.options { beta = options.beta }
        let (inQ, _) = try unaryParameters(context)
        let int16 = try context.input(0).type == .int16
        let tables = int16 ? Int16SoftmaxTables(beta: beta, inputScale: inQ.scale) : nil
        let table = int16 ? nil : Int8SoftmaxTable(SoftmaxScaling(beta: Double(beta), inputScale: inQ.scale))
        return try unaryPlan(context, int8: { QuantizedSoftmax.softmax($0, table!, into: $1) },
                             int16: { QuantizedSoftmax.softmaxInt16($0, tables!, into: $1) })
    }
    registry.register(.logSoftmax, when: int8Input) { context in
        let (inQ, _) = try unaryParameters(context)
        let scaling = LogSoftmaxScaling(inputScale: inQ.scale)
        return try unaryPlan(context, int8: { QuantizedSoftmax.logSoftmax($0, scaling, into: $1) })
    }
}

/// True when input 0 is int8.
@Sendable func int8Input(_ context: OpContext) -> Bool { context.inputType(0) == .int8 }

/// Input and output quantization of a one-input op whose output has the input's type.
func unaryParameters(_ context: OpContext) throws -> (AffineQuantization, AffineQuantization) {
    try context.expect(inputs: 1)
    let input = try context.input(0)
    try context.expect([context.outputs[0]], type: input.type)
    return (try input.affine(context), try context.outputs[0].affine(context))
}

/// A same-shape op on int8 (and, when given, int16) tensors.
func unaryPlan(_ context: OpContext, int8: @escaping (TensorView<Int8>, MutableTensorView<Int8>) -> Void,
               int16: ((TensorView<Int16>, MutableTensorView<Int16>) -> Void)? = nil) throws -> OpPlan {
    let input = try context.input(0)
    let shape = input.shape
    switch input.type {
    case .int8:
        return OpPlan(outputShapes: [shape]) { memory in
            let (x, y) = (memory.input(0, shape, as: Int8.self), memory.output(0, shape, as: Int8.self))
            return { int8(x, y) }
        }
    case .int16 where int16 != nil:
        return OpPlan(outputShapes: [shape]) { memory in
            let (x, y) = (memory.input(0, shape, as: Int16.self), memory.output(0, shape, as: Int16.self))
            return { int16!(x, y) }
        }
    default:
        throw context.unsupported("\(input.type) input")
    }
}

private func preluPlan(_ context: OpContext) throws -> OpPlan {
    try context.expect(inputs: 2)
    let (input, alpha) = (try context.input(0), try context.input(1))
    try context.expect([alpha, context.outputs[0]], type: .int8)
    let (inQ, alphaQ, outQ) = (try input.affine(context), try alpha.affine(context), try context.outputs[0].affine(context))
    let shape = try Activations.preluOutputShape(input: input.shape, alpha: alpha.shape)
    return OpPlan(outputShapes: [shape]) { memory in
        let x = memory.input(0, input.shape, as: Int8.self), a = memory.input(1, alpha.shape, as: Int8.self)
        let out = memory.output(0, shape, as: Int8.self)
        return { QuantizedActivations.prelu(x, alpha: a, input: inQ, alpha: alphaQ, output: outQ, into: out) }
    }
}
