import LiteModel

/// CAST, DEQUANTIZE (float16 and integer → float32) and DENSIFY.
@Sendable func registerConversionOps(_ registry: inout OpRegistry) {
    registry.register(.cast) { context in
        let input = try context.input(0)
        let (source, destination) = (input.type, context.outputs[0].type)
        let castable: [TensorType] = [.float32, .int32, .int64, .int16, .int8, .uint8, .bool]
        guard castable.contains(source), castable.contains(destination) else {
            throw context.unsupported("CAST from \(source) to \(destination)")
        }
        let shape = input.shape
        return OpPlan(outputShapes: [shape]) { memory in castKernel(memory, shape, from: source, to: destination) }
    }
    registry.register(.dequantize) { context in
        let input = try context.input(0)
        try context.expect([context.outputs[0]], type: .float32)
        let shape = input.shape
        if input.type == .float16 {
            return OpPlan(outputShapes: [shape]) { memory in
                let x = memory.input(0, shape, as: UInt16.self), y = memory.output(0, shape, as: Float.self)
                return { Conversions.dequantizeFloat16(x, into: y) }
            }
        }
        guard let q = input.quantization, !q.scale.isEmpty else { throw context.fail("input has no quantization parameters") }
        let zeroPoints = q.zeroPoint.isEmpty ? [Int](repeating: 0, count: q.scale.count) : q.zeroPoint.map(Int.init)
        let parameters = q.scale.count == 1
            ? DequantizationParameters(scale: q.scale[0], zeroPoint: zeroPoints[0])
            : DequantizationParameters(scales: q.scale, zeroPoints: zeroPoints, quantizedDimension: Int(q.quantizedDimension))
        _ = try Conversions.dequantizeOutputShape(input: shape, parameters)
        switch input.type {
        case .int8: return dequantizePlan(shape, parameters, Int8.self)
        case .uint8: return dequantizePlan(shape, parameters, UInt8.self)
        case .int16: return dequantizePlan(shape, parameters, Int16.self)
        default: throw context.unsupported("DEQUANTIZE from \(input.type)")
        }
    }
    registry.register(.densify) { context in
        let input = try context.input(0)
        guard let sparsity = input.sparsity, let values = input.knownBytes else {
            throw context.fail("input must be a constant sparse tensor")
        }
        let format = try sparseFormat(sparsity, context)
        let shape = input.shape
        let elementBytes = (input.type.bitWidth ?? 0) / 8
        guard elementBytes > 0, values.count % elementBytes == 0 else { throw context.unsupported("DENSIFY of \(input.type)") }
        _ = try Densify.outputShape(denseShape: shape, format: format, valueCount: values.count / elementBytes)
        switch input.type {
        case .float32: return densifyPlan(shape, format, values.count / 4, Float.self)
        case .float16, .int16: return densifyPlan(shape, format, values.count / 2, Int16.self)
        case .int8: return densifyPlan(shape, format, values.count, Int8.self)
        default: throw context.unsupported("DENSIFY of \(input.type)")
        }
    }
}

private func dequantizePlan<Q: QuantizedElement>(_ shape: [Int], _ parameters: DequantizationParameters, _ type: Q.Type) -> OpPlan {
    OpPlan(outputShapes: [shape]) { memory in
        let x = memory.input(0, shape, as: Q.self), y = memory.output(0, shape, as: Float.self)
        return { Conversions.dequantize(x, parameters, into: y) }
    }
}

private func densifyPlan<T: AdditiveArithmetic>(_ shape: [Int], _ format: SparseFormat, _ count: Int, _ type: T.Type) -> OpPlan {
    OpPlan(outputShapes: [shape]) { memory in
        let values = UnsafeBufferPointer(start: memory.inputs[0]!.assumingMemoryBound(to: T.self), count: count)
        let y = memory.output(0, shape, as: T.self)
        return { try Densify.densify(values: values, format: format, denseShape: shape, into: y) }
    }
}

/// The runtime's description of a schema `SparsityParameters`.
func sparseFormat(_ sparsity: SparsityParameters, _ context: OpContext) throws -> SparseFormat {
    func integers(_ vector: SparseIndexVector?) throws -> [Int] {
        switch vector {
        case .int32Vector(let v)?: return v.values.map(Int.init)
        case .uint16Vector(let v)?: return v.values.map(Int.init)
        case .uint8Vector(let v)?: return v.values.map(Int.init)
        default: throw context.fail("sparse dimension without index arrays")
        }
    }
    let dimensions = try sparsity.dimMetadata.map { metadata -> SparseFormat.Dimension in
        switch metadata.format {
        case .dense: return .dense(size: Int(metadata.denseSize))
        case .sparseCsr: return .sparse(segments: try integers(metadata.arraySegments), indices: try integers(metadata.arrayIndices))
        default: throw context.unsupported("sparse dimension format \(metadata.format)")
        }
    }
    return SparseFormat(traversalOrder: sparsity.traversalOrder.map(Int.init), blockMap: sparsity.blockMap.map(Int.init), dimensions: dimensions)
}

private func castKernel(_ memory: OpMemory, _ shape: [Int], from source: TensorType, to destination: TensorType) -> Kernel {
    switch source {
    case .float32: return castKernel(memory.input(0, shape, as: Float.self), memory, shape, to: destination)
    case .int32: return castKernel(memory.input(0, shape, as: Int32.self), memory, shape, to: destination)
    case .int64: return castKernel(memory.input(0, shape, as: Int64.self), memory, shape, to: destination)
    case .int16: return castKernel(memory.input(0, shape, as: Int16.self), memory, shape, to: destination)
    case .int8: return castKernel(memory.input(0, shape, as: Int8.self), memory, shape, to: destination)
    case .uint8: return castKernel(memory.input(0, shape, as: UInt8.self), memory, shape, to: destination)
    default: return castKernel(memory.input(0, shape, as: Bool.self), memory, shape, to: destination)
    }
}

private func castKernel<S: CastElement>(_ x: TensorView<S>, _ memory: OpMemory, _ shape: [Int], to destination: TensorType) -> Kernel {
    func into<D: CastElement>(_ type: D.Type) -> Kernel {
        let y = memory.output(0, shape, as: D.self)
        return { Conversions.cast(x, into: y) }
    }
    switch destination {
    case .float32: return into(Float.self)
    case .int32: return into(Int32.self)
    case .int64: return into(Int64.self)
    case .int16: return into(Int16.self)
    case .int8: return into(Int8.self)
    case .uint8: return into(UInt8.self)
    default: return into(Bool.self)
    }
}
