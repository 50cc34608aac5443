import LiteModel

/// A tensor as the preparing op sees it: type, shape after propagation, quantization, and its
/// bytes when they are known before running (model constants and folded results).
public struct PreparedTensor: Sendable {
    public let index: Int
    public let name: String
    public let type: TensorType
    public var shape: [Int]
    public let quantization: QuantizationParameters?
    public let sparsity: SparsityParameters?
    /// Bytes known at prepare time; nil for activations.
    public var knownBytes: [UInt8]?

    public var elementCount: Int { shape.reduce(1, *) }
    public var isConstant: Bool { knownBytes != nil }

    /// The known values as integers (int32/int64/int16/int8/uint8 tensors), e.g. shape operands.
    public func knownIntegers() -> [Int]? {
        guard let bytes = knownBytes else { return nil }
        func load<T: FixedWidthInteger>(_: T.Type) -> [Int] {
            bytes.withUnsafeBytes { raw in
                (0..<raw.count / MemoryLayout<T>.size).map { Int(raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self)) }
            }
        }
        switch type {
        case .int32: return load(Int32.self)
        case .int64: return load(Int64.self)
        case .int16: return load(Int16.self)
        case .int8: return load(Int8.self)
        case .uint8: return load(UInt8.self)
        default: return nil
        }
    }

    /// The known values as floats (float32 tensors only).
    public func knownFloats() -> [Float]? {
        guard type == .float32, let bytes = knownBytes else { return nil }
        return bytes.withUnsafeBytes { raw in
            (0..<raw.count / 4).map { raw.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) }
        }
    }
}

/// Everything an op's builder sees while preparing: the operator, its options and its tensors.
public struct OpContext: Sendable {
    public let index: Int
    public let code: OperatorCode
    public let op: Operator
    /// Operand tensors; nil where the model passes -1 (an omitted optional input).
    public let inputs: [PreparedTensor?]
    /// Result tensors with the type (and shape hint) stored in the model.
    public let outputs: [PreparedTensor]
    /// Threads the fast kernels may use.
    public let threads: Int

    public var name: String { code.displayName }
    public var options: BuiltinOptions? { op.builtinOptions }

    /// Operand `position`, which must be present.
    public func input(_ position: Int) throws -> PreparedTensor {
        guard position < inputs.count, let tensor = inputs[position] else {
            throw fail("expects input \(position), but the model has \(inputs.count) inputs here")
        }
        return tensor
    }

    /// Operand `position` when present.
    public func optionalInput(_ position: Int) -> PreparedTensor? {
        position < inputs.count ? inputs[position] : nil
    }

    /// Throws unless the op has between `min` and `max` inputs and exactly `outputs` outputs.
    public func expect(inputs min: Int, _ max: Int? = nil, outputs count: Int = 1) throws {
        let upper = max ?? min
        guard inputs.count >= min, inputs.count <= upper else {
            throw fail("expects \(min == upper ? "\(min)" : "\(min)…\(upper)") inputs, has \(inputs.count)")
        }
        guard outputs.count == count else { throw fail("expects \(count) outputs, has \(outputs.count)") }
    }

    /// Throws unless every listed tensor has type `type`.
    public func expect(_ tensors: [PreparedTensor], type: TensorType) throws {
        for tensor in tensors where tensor.type != type {
            throw RuntimeError.unsupportedOps([.init(index: index, name: name,
                reason: "tensor \(tensor.index) '\(tensor.name)' is \(tensor.type), this kernel takes \(type)")])
        }
    }

    /// An error about this op.
    public func fail(_ message: String) -> RuntimeError {
        .invalidOp(index: index, name: name, message: message)
    }

    /// An "unsupported" error about this op (e.g. a type combination without a kernel).
    public func unsupported(_ reason: String) -> RuntimeError {
        .unsupportedOps([.init(index: index, name: name, reason: reason)])
    }

    /// The fused activation of `type`, rejecting SIGN_BIT.
    public func activation(_ type: ActivationFunctionType) throws -> FusedActivation {
        switch type {
        case .none: return .none
        case .relu: return .relu
        case .reluN1To1: return .reluN1To1
        case .relu6: return .relu6
        case .tanh: return .tanh
        default: throw unsupported("fused activation \(type)")
        }
    }
}

/// Addresses of one op's tensors once memory is planned.
public struct OpMemory: @unchecked Sendable {
    public let inputs: [UnsafeRawPointer?]
    public let outputs: [UnsafeMutableRawPointer]
    /// Scratch space of the size the plan asked for (nil when it asked for none).
    public let scratch: UnsafeMutableRawPointer?

    /// Operand `position` viewed as `T` with `shape`.
    public func input<T>(_ position: Int, _ shape: [Int], as type: T.Type = T.self) -> TensorView<T> {
        TensorView(shape: shape, base: inputs[position]!.assumingMemoryBound(to: T.self))
    }

    /// Optional operand `position` viewed as `T` with `shape`.
    public func optionalInput<T>(_ position: Int, _ shape: [Int]?, as type: T.Type = T.self) -> TensorView<T>? {
        guard let shape, position < inputs.count, let base = inputs[position] else { return nil }
        return TensorView(shape: shape, base: base.assumingMemoryBound(to: T.self))
    }

    /// Result `position` viewed as `T` with `shape`.
    public func output<T>(_ position: Int, _ shape: [Int], as type: T.Type = T.self) -> MutableTensorView<T> {
        MutableTensorView(shape: shape, base: outputs[position].assumingMemoryBound(to: T.self))
    }
}

/// A prepared op's work: runs once per invoke over fixed addresses.
public typealias Kernel = () throws -> Void

/// What an op builder decides at prepare time.
public struct OpPlan {
    /// Shapes of the op's outputs, in output order.
    public var outputShapes: [[Int]]
    /// Bytes of scratch memory the kernel needs during its run.
    public var scratchBytes: Int
    /// Output positions that alias an input's memory (e.g. RESHAPE) instead of getting their own.
    public var aliases: [Int: Int]
    /// Makes the kernel once addresses are known.
    public var makeKernel: (OpMemory) -> Kernel

    public init(outputShapes: [[Int]], scratchBytes: Int = 0, aliases: [Int: Int] = [:],
                makeKernel: @escaping (OpMemory) -> Kernel) {
        self.outputShapes = outputShapes
        self.scratchBytes = scratchBytes
        self.aliases = aliases
        self.makeKernel = makeKernel
    }
}

/// Prepares one builtin operator: validates, computes output shapes, chooses the kernel.
public typealias OpBuilder = (OpContext) throws -> OpPlan
