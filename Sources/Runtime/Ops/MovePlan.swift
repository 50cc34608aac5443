import LiteModel

/// Makes the kernel of an op that only moves elements, for any element type of a given size.
protocol MoveKernelMaker {
    func kernel<T>(_ memory: OpMemory, _ type: T.Type) -> Kernel
}

/// A plan whose kernel is instantiated for the bit width of `type` (bits are moved, not interpreted).
func movePlan(_ context: OpContext, _ shapes: [[Int]], type: TensorType, _ maker: some MoveKernelMaker) throws -> OpPlan {
    let bits = type.bitWidth ?? 0
    guard [8, 16, 32, 64].contains(bits) else { throw context.unsupported("tensors of type \(type)") }
    return OpPlan(outputShapes: shapes) { memory in
        switch bits {
        case 8: return maker.kernel(memory, UInt8.self)
        case 16: return maker.kernel(memory, UInt16.self)
        case 32: return maker.kernel(memory, UInt32.self)
        default: return maker.kernel(memory, UInt64.self)
        }
    }
}
