import LiteModel

/// int8/int16 variants of QUANTIZE and the broadcasting binary ops (ADD, SUB, MUL, MAXIMUM,
/// MINIMUM, SQUARED_DIFFERENCE), registered ahead of the float builders.
@Sendable func registerQuantizedOps(_ registry: inout OpRegistry) {
    registry.register(.quantize) { try quantizePlan($0) }
    for code in [BuiltinOperator.add, .sub] {
        registry.register(code, when: quantizedInput) { try addPlan($0, subtract: code == .sub) }
    }
    registry.register(.mul, when: quantizedInput) { context in
        try quantizedBinary(context) { a, b, out, activation in
            let p8 = try QuantizedMulParameters(input1: a, input2: b, output: out, activation: activation, Int8.self)
            let p16 = try QuantizedMulParameters(input1: a, input2: b, output: out, activation: activation, Int16.self)
            return BinaryKernelBody(int8: { x, y, z in QuantizedElementwise.mul(x, y, p8, into: z) },
                                    int16: { x, y, z in QuantizedElementwise.mul(x, y, p16, into: z) })
        }
    }
    for code in [BuiltinOperator.maximum, .minimum] {
        registry.register(code, when: quantizedInput) { context in
            try quantizedBinary(context) { _, _, _, _ in
                BinaryKernelBody(int8: { x, y, z in QuantizedElementwise.extremum(x, y, maximum: code == .maximum, into: z) },
                                 int16: { x, y, z in QuantizedElementwise.extremum(x, y, maximum: code == .maximum, into: z) })
            }
        }
    }
    registry.register(.squaredDifference, when: { $0.inputType(0) == .int8 }) { context in
        try context.expect(inputs: 2)
        let (a, b) = (try context.input(0), try context.input(1))
        try context.expect([b, context.outputs[0]], type: .int8)
        let (qa, qb, qo) = (try a.affine(context), try b.affine(context), try context.outputs[0].affine(context))
        let shape = try Elementwise.binaryOutputShape(a.shape, b.shape)
        return OpPlan(outputShapes: [shape]) { memory in
            let x = memory.input(0, a.shape, as: Int8.self), y = memory.input(1, b.shape, as: Int8.self)
            let out = memory.output(0, shape, as: Int8.self)
            return { QuantizedElementwise.squaredDifference(x, y, input1: qa, input2: qb, output: qo, into: out) }
        }
    }
}

/// True when input 0 is int8 or int16 (the quantized kernels' condition).
@Sendable func quantizedInput(_ context: OpContext) -> Bool {
    context.inputType(0) == .int8 || context.inputType(0) == .int16
}

extension PreparedTensor {
    /// The per-tensor quantization of this tensor, or a clear error.
    func affine(_ context: OpContext) throws -> AffineQuantization {
        guard let q = quantization, q.scale.count == 1 else {
            throw context.unsupported("tensor \(index) '\(name)' needs per-tensor quantization parameters")
        }
        return AffineQuantization(scale: q.scale[0], zeroPoint: Int32(q.zeroPoint.first ?? 0))
    }
}

/// A binary op on two int8 (or two int16) operands with broadcasting; `make` builds the
/// element kernel for the chosen type from the three tensors' parameters.
private func quantizedBinary(
    _ context: OpContext,
    _ make: (AffineQuantization, AffineQuantization, AffineQuantization, FusedActivation) throws -> BinaryKernelBody
) throws -> OpPlan {
    try context.expect(inputs: 2)
    let (a, b) = (try context.input(0), try context.input(1))
    try context.expect([b, context.outputs[0]], type: a.type)
    let (qa, qb, qo) = (try a.affine(context), try b.affine(context), try context.outputs[0].affine(context))
    let shape = try Elementwise.binaryOutputShape(a.shape, b.shape)
    let activation = try context.fusedActivation()
    let body = try make(qa, qb, qo, activation)
    return OpPlan(outputShapes: [shape]) { memory in
        switch a.type {
        case .int8:
            let (x, y, z) = (memory.input(0, a.shape, as: Int8.self), memory.input(1, b.shape, as: Int8.self), memory.output(0, shape, as: Int8.self))
            return { body.int8(x, y, z) }
        default:
            let (x, y, z) = (memory.input(0, a.shape, as: Int16.self), memory.input(1, b.shape, as: Int16.self), memory.output(0, shape, as: Int16.self))
            return { body.int16(x, y, z) }
        }
    }
}

/// The element kernels of one binary op for both quantized types.
struct BinaryKernelBody {
    let int8: (TensorView<Int8>, TensorView<Int8>, MutableTensorView<Int8>) -> Void
    let int16: (TensorView<Int16>, TensorView<Int16>, MutableTensorView<Int16>) -> Void
}

private func addPlan(_ context: OpContext, subtract: Bool) throws -> OpPlan {
    var potScale = true
    switch context.options {
    case .addOptions(let o)?: potScale = o.potScaleInt16
    case .subOptions(let o)?: potScale = o.potScaleInt16
    default: break
    }
    if try context.input(0).type == .int16, potScale, let plan = try powerOfTwoAddPlan(context, subtract: subtract) {
        return plan
    }
    return try quantizedBinary(context) { a, b, out, activation in
        let p8 = try QuantizedAddParameters(input1: a, input2: b, output: out, activation: activation, Int8.self)
        let p16 = try QuantizedAddParameters(input1: a, input2: b, output: out, activation: activation, Int16.self)
        return BinaryKernelBody(int8: { x, y, z in QuantizedElementwise.add(x, y, p8, subtract: subtract, into: z) },
                                int16: { x, y, z in QuantizedElementwise.add(x, y, p16, subtract: subtract, into: z) })
    }
}

/// int16 ADD/SUB with `pot_scale_int16` when all three scales are powers of two (else nil: the
/// general path applies, as in TFLite).
private func powerOfTwoAddPlan(_ context: OpContext, subtract: Bool) throws -> OpPlan? {
    let (a, b) = (try context.input(0), try context.input(1))
    let (qa, qb, qo) = (try a.affine(context), try b.affine(context), try context.outputs[0].affine(context))
    guard let la = QuantizedSigmoid.checkedLog2(qa.scale), let lb = QuantizedSigmoid.checkedLog2(qb.scale),
          let lo = QuantizedSigmoid.checkedLog2(qo.scale) else { return nil }
    let (shift1, shift2) = (lo - la, lo - lb)
    guard shift1 >= 0, shift2 >= 0, shift1 == 0 || shift2 == 0 else {
        throw context.unsupported("int16 power-of-two ADD/SUB needs the output scale to be the larger and one input to match it")
    }
    let shape = try Elementwise.binaryOutputShape(a.shape, b.shape)
    let range = try qo.activationRange(try context.fusedActivation(), Int16.self)
    return OpPlan(outputShapes: [shape]) { memory in
        let x = memory.input(0, a.shape, as: Int16.self), y = memory.input(1, b.shape, as: Int16.self)
        let out = memory.output(0, shape, as: Int16.self)
        return { QuantizedElementwise.addPowerOfTwo(x, y, shift1: shift1, shift2: shift2, range: range, subtract: subtract, into: out) }
    }
}

/// QUANTIZE: float32 → int8/uint8/int16, or integer → integer requantization.
private func quantizePlan(_ context: OpContext) throws -> OpPlan {
    let (input, output) = (try context.input(0), context.outputs[0])
    let outQ = try output.affine(context)
    let shape = input.shape
    func plan<S, D: FixedWidthInteger>(_: S.Type, _: D.Type, _ body: @escaping (TensorView<S>, MutableTensorView<D>) -> Void) -> OpPlan {
        OpPlan(outputShapes: [shape]) { memory in
            let (x, y) = (memory.input(0, shape, as: S.self), memory.output(0, shape, as: D.self))
            return { body(x, y) }
        }
    }
    func fromFloat<D: FixedWidthInteger>(_: D.Type) -> OpPlan {
        plan(Float.self, D.self) { QuantizeOp.quantize($0, outQ, into: $1) }
    }
    if input.type == .float32 {
        switch output.type {
        case .int8: return fromFloat(Int8.self)
        case .uint8: return fromFloat(UInt8.self)
        case .int16: return fromFloat(Int16.self)
        default: throw context.unsupported("QUANTIZE float32 to \(output.type)")
        }
    }
    let inQ = try input.affine(context)
    func requantize<S: FixedWidthInteger, D: FixedWidthInteger>(_: S.Type, _: D.Type) -> OpPlan {
        plan(S.self, D.self) { QuantizeOp.requantize($0, input: inQ, output: outQ, into: $1) }
    }
    switch (input.type, output.type) {
    case (.int8, .int8): return requantize(Int8.self, Int8.self)
    case (.int8, .uint8): return requantize(Int8.self, UInt8.self)
    case (.int8, .int16): return requantize(Int8.self, Int16.self)
    case (.uint8, .int8): return requantize(UInt8.self, Int8.self)
    case (.uint8, .uint8): return requantize(UInt8.self, UInt8.self)
    case (.int16, .int8): return requantize(Int16.self, Int8.self)
    case (.int16, .int16): return requantize(Int16.self, Int16.self)
    default: throw context.unsupported("QUANTIZE from \(input.type) to \(output.type)")
    }
}
