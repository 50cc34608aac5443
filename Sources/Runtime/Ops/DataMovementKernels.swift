/// Type-generic kernel makers for the data-movement ops (see `movePlan`).

struct ConcatKernel: MoveKernelMaker {
    let inputs: [[Int]], output: [Int], axis: Int, pack: Bool
    func kernel<T>(_ memory: OpMemory, _ type: T.Type) -> Kernel {
        let views = inputs.indices.map { memory.input($0, inputs[$0], as: T.self) }
        let out = memory.output(0, output, as: T.self)
        let (axis, pack) = (axis, pack)
        return { pack ? try Concat.pack(views, axis: axis, into: out) : try Concat.concatenate(views, axis: axis, into: out) }
    }
}

struct SplitKernel: MoveKernelMaker {
    let input: [Int], position: Int, outputs: [[Int]], axis: Int, unpack: Bool
    func kernel<T>(_ memory: OpMemory, _ type: T.Type) -> Kernel {
        let view = memory.input(position, input, as: T.self)
        let outs = outputs.indices.map { memory.output($0, outputs[$0], as: T.self) }
        let (axis, unpack) = (axis, unpack)
        return { unpack ? try Split.unpack(view, axis: axis, into: outs) : try Split.split(view, axis: axis, into: outs) }
    }
}

struct TransposeKernel: MoveKernelMaker {
    let input: [Int], output: [Int], permutation: [Int]
    func kernel<T>(_ memory: OpMemory, _ type: T.Type) -> Kernel {
        let (view, out, permutation) = (memory.input(0, input, as: T.self), memory.output(0, output, as: T.self), permutation)
        return { try Transpose.transpose(view, permutation: permutation, into: out) }
    }
}

struct SliceKernel: MoveKernelMaker {
    let input: [Int], output: [Int], begin: [Int], size: [Int]
    func kernel<T>(_ memory: OpMemory, _ type: T.Type) -> Kernel {
        let (view, out, begin, size) = (memory.input(0, input, as: T.self), memory.output(0, output, as: T.self), begin, size)
        return { try Slicing.slice(view, begin: begin, size: size, into: out) }
    }
}

struct StridedSliceKernel: MoveKernelMaker {
    let input: [Int], output: [Int], begin: [Int], end: [Int], strides: [Int]
    let options: Slicing.StridedSliceOptions
    func kernel<T>(_ memory: OpMemory, _ type: T.Type) -> Kernel {
        let (view, out) = (memory.input(0, input, as: T.self), memory.output(0, output, as: T.self))
        let (begin, end, strides, options) = (begin, end, strides, options)
        return { try Slicing.stridedSlice(view, begin: begin, end: end, strides: strides, options: options, into: out) }
    }
}

struct SpaceDepthKernel: MoveKernelMaker {
    let input: [Int], output: [Int], blockSize: Int, toSpace: Bool
    func kernel<T>(_ memory: OpMemory, _ type: T.Type) -> Kernel {
        let (view, out, block) = (memory.input(0, input, as: T.self), memory.output(0, output, as: T.self), blockSize)
        if toSpace { return { try SpaceDepth.depthToSpace(view, blockSize: block, into: out) } }
        return { try SpaceDepth.spaceToDepth(view, blockSize: block, into: out) }
    }
}

struct GatherKernel: MoveKernelMaker {
    let params: [Int], indices: [Int], wideIndices: Bool, output: [Int], axis: Int, batchDims: Int
    func kernel<T>(_ memory: OpMemory, _ type: T.Type) -> Kernel {
        let (view, out, axis, batchDims) = (memory.input(0, params, as: T.self), memory.output(0, output, as: T.self), axis, batchDims)
        if wideIndices {
            let index = memory.input(1, indices, as: Int64.self)
            return { try Gather.gather(view, indices: index, axis: axis, batchDims: batchDims, into: out) }
        }
        let index = memory.input(1, indices, as: Int32.self)
        return { try Gather.gather(view, indices: index, axis: axis, batchDims: batchDims, into: out) }
    }
}

struct PadKernel: MoveKernelMaker {
    let input: [Int], output: [Int], paddings: [Int], fill: [UInt8]
    func kernel<T>(_ memory: OpMemory, _ type: T.Type) -> Kernel {
        let (view, out, paddings) = (memory.input(0, input, as: T.self), memory.output(0, output, as: T.self), paddings)
        let value = fill.withUnsafeBytes { $0.loadUnaligned(as: T.self) }
        return { try PadOp.pad(view, paddings: paddings, value: value, into: out) }
    }
}
