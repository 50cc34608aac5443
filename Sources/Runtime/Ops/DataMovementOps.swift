import LiteModel

/// Ops that move elements without arithmetic; they work for every element type by size.
@Sendable func registerDataMovementOps(_ registry: inout OpRegistry) {
    registry.register(.concatenation) { context in
        guard case .concatenationOptions(let options)? = context.options else { throw context.fail("missing ConcatenationOptions") }
        guard try context.fusedActivation() == .none else { throw context.unsupported("fused activation on CONCATENATION") }
        let inputs = try (0..<context.inputs.count).map { try context.input($0).shape }
        let shape = try Concat.outputShape(inputs: inputs, axis: Int(options.axis))
        return try movePlan(context, [shape], type: context.input(0).type, ConcatKernel(inputs: inputs, output: shape, axis: Int(options.axis), pack: false))
    }
    registry.register(.pack) { context in
        guard case .packOptions(let options)? = context.options else { throw context.fail("missing PackOptions") }
        let inputs = try (0..<context.inputs.count).map { try context.input($0).shape }
        let shape = try Concat.packOutputShape(inputs: inputs, axis: Int(options.axis))
        return try movePlan(context, [shape], type: context.input(0).type, ConcatKernel(inputs: inputs, output: shape, axis: Int(options.axis), pack: true))
    }
    registry.register(.unpack) { context in
        guard case .unpackOptions(let options)? = context.options else { throw context.fail("missing UnpackOptions") }
        let input = try context.input(0)
        let shapes = try Split.unpackOutputShapes(input: input.shape, axis: Int(options.axis), num: Int(options.num))
        return try movePlan(context, shapes, type: input.type, SplitKernel(input: input.shape, position: 0, outputs: shapes, axis: Int(options.axis), unpack: true))
    }
    registry.register(.split) { context in
        guard case .splitOptions(let options)? = context.options else { throw context.fail("missing SplitOptions") }
        let axis = try context.knownIntegers(0, "the split axis").first ?? 0
        let input = try context.input(1)
        let shapes = try Split.splitOutputShapes(input: input.shape, axis: axis, numSplits: Int(options.numSplits))
        return try movePlan(context, shapes, type: input.type, SplitKernel(input: input.shape, position: 1, outputs: shapes, axis: axis, unpack: false))
    }
    registry.register(.splitV) { context in
        let input = try context.input(0)
        let sizes = try context.knownIntegers(1, "size_splits")
        let axis = try context.knownIntegers(2, "the split axis").first ?? 0
        let shapes = try Split.splitVOutputShapes(input: input.shape, sizeSplits: sizes, axis: axis)
        return try movePlan(context, shapes, type: input.type, SplitKernel(input: input.shape, position: 0, outputs: shapes, axis: axis, unpack: false))
    }
    registry.register(.pad) { context in try padPlan(context) }
    registry.register(.padv2) { context in try padPlan(context) }
    registry.register(.transpose) { context in
        let input = try context.input(0)
        let permutation = try context.knownIntegers(1, "the permutation")
        let shape = try Transpose.outputShape(input: input.shape, permutation: permutation)
        return try movePlan(context, [shape], type: input.type, TransposeKernel(input: input.shape, output: shape, permutation: permutation))
    }
    registry.register(.slice) { context in
        let input = try context.input(0)
        let begin = try context.knownIntegers(1, "begin"), size = try context.knownIntegers(2, "size")
        let shape = try Slicing.sliceOutputShape(input: input.shape, begin: begin, size: size)
        return try movePlan(context, [shape], type: input.type, SliceKernel(input: input.shape, output: shape, begin: begin, size: size))
    }
    registry.register(.stridedSlice) { context in
        guard case .stridedSliceOptions(let o)? = context.options else { throw context.fail("missing StridedSliceOptions") }
        let input = try context.input(0)
        let begin = try context.knownIntegers(1, "begin"), end = try context.knownIntegers(2, "end")
        let strides = try context.knownIntegers(3, "strides")
        let options = Slicing.StridedSliceOptions(beginMask: Int(o.beginMask), endMask: Int(o.endMask), ellipsisMask: Int(o.ellipsisMask),
                                                  newAxisMask: Int(o.newAxisMask), shrinkAxisMask: Int(o.shrinkAxisMask), offset: o.offset)
        let shape = try Slicing.stridedSliceOutputShape(input: input.shape, begin: begin, end: end, strides: strides, options: options)
        return try movePlan(context, [shape], type: input.type, StridedSliceKernel(input: input.shape, output: shape, begin: begin, end: end, strides: strides, options: options))
    }
    registry.register(.gather) { context in
        guard case .gatherOptions(let options)? = context.options else { throw context.fail("missing GatherOptions") }
        let (params, indices) = (try context.input(0), try context.input(1))
        guard indices.type == .int32 || indices.type == .int64 else { throw context.unsupported("GATHER indices of type \(indices.type)") }
        let shape = try Gather.outputShape(params: params.shape, indices: indices.shape, axis: Int(options.axis), batchDims: Int(options.batchDims))
        return try movePlan(context, [shape], type: params.type,
                            GatherKernel(params: params.shape, indices: indices.shape, wideIndices: indices.type == .int64,
                                         output: shape, axis: Int(options.axis), batchDims: Int(options.batchDims)))
    }
    registry.register(.depthToSpace) { context in
        guard case .depthToSpaceOptions(let options)? = context.options else { throw context.fail("missing DepthToSpaceOptions") }
        let input = try context.input(0)
        let block = Int(options.blockSize)
        let shape = try SpaceDepth.depthToSpaceOutputShape(input: input.shape, blockSize: block)
        return try movePlan(context, [shape], type: input.type, SpaceDepthKernel(input: input.shape, output: shape, blockSize: block, toSpace: true))
    }
    registry.register(.spaceToDepth) { context in
        guard case .spaceToDepthOptions(let options)? = context.options else { throw context.fail("missing SpaceToDepthOptions") }
        let input = try context.input(0)
        let block = Int(options.blockSize)
        let shape = try SpaceDepth.spaceToDepthOutputShape(input: input.shape, blockSize: block)
        return try movePlan(context, [shape], type: input.type, SpaceDepthKernel(input: input.shape, output: shape, blockSize: block, toSpace: false))
    }
}

/// PAD / PADV2: constant padding with 0 (the zero point for quantized tensors) or the given value.
private func padPlan(_ context: OpContext) throws -> OpPlan {
    let input = try context.input(0)
    let paddings = try context.knownIntegers(1, "the paddings")
    let shape = try PadOp.outputShape(input: input.shape, paddings: paddings)
    var fill = [UInt8](repeating: 0, count: max((input.type.bitWidth ?? 8) / 8, 1))
    if let value = context.optionalInput(2) {
        guard let bytes = value.knownBytes, bytes.count == fill.count else {
            throw context.unsupported("PADV2 constant value must be a known scalar of the input type")
        }
        fill = bytes
    } else if let zeroPoint = input.quantization?.zeroPoint.first, zeroPoint != 0 {
        withUnsafeBytes(of: zeroPoint.littleEndian) { fill = Array($0.prefix(fill.count)) }
    }
    return try movePlan(context, [shape], type: input.type, PadKernel(input: input.shape, output: shape, paddings: paddings, fill: fill))
}
