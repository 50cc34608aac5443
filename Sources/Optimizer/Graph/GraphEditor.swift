import LiteModel

/// A mutable copy of a model with small helpers the passes share: adding buffers, tensors and
/// operator codes, reading constants, and a final clean-up that drops what no longer is used.
/// Edits apply to the primary subgraph (index 0); other subgraphs are copied unchanged.
struct GraphEditor {
    var model: Model

    init(_ model: Model) { self.model = model }

    var graph: SubGraph {
        get { model.subgraphs[0] }
        _modify { yield &model.subgraphs[0] }
    }

    /// Appends a buffer holding `data` and returns its index.
    mutating func addBuffer(_ data: [UInt8]) -> UInt32 {
        var buffer = Buffer()
        buffer.data = data
        model.buffers.append(buffer)
        return UInt32(model.buffers.count - 1)
    }

    /// Appends `tensor` to the primary subgraph and returns its index.
    mutating func addTensor(_ tensor: Tensor) -> Int32 {
        model.subgraphs[0].tensors.append(tensor)
        return Int32(model.subgraphs[0].tensors.count - 1)
    }

    /// Appends a constant tensor with `data` in a new buffer.
    mutating func addConstant(name: String?, type: TensorType, shape: [Int32], data: [UInt8],
                              quantization: QuantizationParameters? = nil) -> Int32 {
        var tensor = Tensor()
        tensor.name = name
        tensor.type = type
        tensor.shape = shape
        tensor.buffer = addBuffer(data)
        tensor.quantization = quantization
        return addTensor(tensor)
    }

    /// Appends an activation tensor (no data) shaped like `template` with a new type and params.
    mutating func addActivation(like template: Tensor, name: String?, type: TensorType,
                                quantization: QuantizationParameters?) -> Int32 {
        var tensor = Tensor()
        tensor.name = name
        tensor.type = type
        tensor.shape = template.shape
        tensor.shapeSignature = template.shapeSignature
        tensor.hasRank = template.hasRank
        tensor.quantization = quantization
        return addTensor(tensor)
    }

    /// The index of the operator code for `builtin`, added if missing; its version is raised to
    /// at least `version` (one code serves every op of that type, so it takes the highest).
    mutating func opcode(_ builtin: BuiltinOperator, version: Int32) -> UInt32 {
        if let index = model.operatorCodes.firstIndex(where: { $0.builtin == builtin && !$0.isCustom }) {
            model.operatorCodes[index].version = max(model.operatorCodes[index].version, version)
            return UInt32(index)
        }
        model.operatorCodes.append(OperatorCode(builtin, version: version))
        return UInt32(model.operatorCodes.count - 1)
    }

    /// A new operator of type `builtin` reading `inputs` and writing `outputs`.
    mutating func makeOperator(_ builtin: BuiltinOperator, version: Int32, inputs: [Int32], outputs: [Int32]) -> Operator {
        var op = Operator()
        op.opcodeIndex = opcode(builtin, version: version)
        op.inputs = inputs
        op.outputs = outputs
        return op
    }

    /// The builtin type of operator `index`.
    func builtin(ofOperator index: Int) -> BuiltinOperator? {
        model.operatorCode(of: graph.operators[index])?.builtin
    }

    /// The float32 values of a constant tensor, or nil when it is not a float32 constant.
    func floatConstant(_ tensorIndex: Int32) -> [Float]? {
        guard tensorIndex >= 0 else { return nil }
        let tensor = graph.tensors[Int(tensorIndex)]
        guard tensor.type == .float32, let data = model.constantData(of: tensor) else { return nil }
        return data.withUnsafeBytes { raw in
            (0..<raw.count / 4).map { raw.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) }
        }
    }

    /// Whether tensor `index` holds constant data.
    func isConstant(_ tensorIndex: Int32) -> Bool {
        tensorIndex >= 0 && model.constantData(of: graph.tensors[Int(tensorIndex)]) != nil
    }
}

/// Little-endian bytes of an array of fixed-width values.
func littleEndianBytes<T: BitwiseCopyable>(_ values: [T]) -> [UInt8] {
    values.withUnsafeBytes { Array($0) }
}
