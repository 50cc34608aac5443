import LiteModel

/// One operator with the facts compatibility rules ask about: name, version, tensors, options.
struct OperatorView {
    let model: Model
    let graph: SubGraph
    let index: Int
    let op: Operator

    init(model: Model, index: Int) {
        self.model = model
        graph = model.subgraphs[0]
        self.index = index
        op = graph.operators[index]
    }

    var code: OperatorCode? { model.operatorCode(of: op) }
    /// `CONV_2D`, `CUSTOM(name)`, …
    var name: String { code?.displayName ?? "?" }
    var version: Int { Int(code?.version ?? 1) }

    /// Input `position`, nil when absent (-1) or out of range.
    func input(_ position: Int) -> Tensor? { tensor(op.inputs, position) }
    func output(_ position: Int) -> Tensor? { tensor(op.outputs, position) }
    var inputs: [Tensor] { op.inputs.indices.compactMap(input) }
    var outputs: [Tensor] { op.outputs.indices.compactMap(output) }

    func isConstant(_ tensor: Tensor) -> Bool { model.constantData(of: tensor) != nil }

    /// Whether input `position` is known at load time: a constant, or the DEQUANTIZE of one (how
    /// float16 models store weights; delegates fold it).
    func isStaticInput(_ position: Int) -> Bool {
        guard position < op.inputs.count, op.inputs[position] >= 0, let tensor = input(position) else { return false }
        if isConstant(tensor) { return true }
        guard let producer = graph.producers[Int(op.inputs[position])] else { return false }
        let source = OperatorView(model: model, index: producer)
        return source.name == "DEQUANTIZE" && source.input(0).map(source.isConstant) == true
    }

    /// Non-constant inputs and all outputs.
    var activations: [Tensor] { inputs.filter { !isConstant($0) } + outputs }
    var constants: [Tensor] { inputs.filter(isConstant) }

    /// The int32 values of constant input `position` (axes, paddings, strides), or nil.
    func constantInts(_ position: Int) -> [Int]? {
        guard let tensor = input(position), tensor.type == .int32, let data = model.constantData(of: tensor) else { return nil }
        return stride(from: 0, to: data.count - 3, by: 4).map { offset in
            Int(Int32(bitPattern: UInt32(data[offset]) | UInt32(data[offset + 1]) << 8
                | UInt32(data[offset + 2]) << 16 | UInt32(data[offset + 3]) << 24))
        }
    }

    /// The fused activation in the op's options, when it has one.
    var fusedActivation: ActivationFunctionType? {
        switch op.builtinOptions {
        case .conv2DOptions(let o): o.fusedActivationFunction
        case .depthwiseConv2DOptions(let o): o.fusedActivationFunction
        case .fullyConnectedOptions(let o): o.fusedActivationFunction
        case .pool2DOptions(let o): o.fusedActivationFunction
        case .addOptions(let o): o.fusedActivationFunction
        case .subOptions(let o): o.fusedActivationFunction
        case .mulOptions(let o): o.fusedActivationFunction
        case .concatenationOptions(let o): o.fusedActivationFunction
        case .l2NormOptions(let o): o.fusedActivationFunction
        default: nil
        }
    }

    /// (stride h, stride w, dilation h, dilation w) of a conv, depthwise or transpose conv.
    var convGeometry: (strideH: Int, strideW: Int, dilationH: Int, dilationW: Int)? {
        switch op.builtinOptions {
        case .conv2DOptions(let o):
            (Int(o.strideH), Int(o.strideW), Int(o.dilationHFactor), Int(o.dilationWFactor))
        case .depthwiseConv2DOptions(let o):
            (Int(o.strideH), Int(o.strideW), Int(o.dilationHFactor), Int(o.dilationWFactor))
        case .transposeConvOptions(let o):
            (Int(o.strideH), Int(o.strideW), 1, 1)
        default: nil
        }
    }

    private func tensor(_ list: [Int32], _ position: Int) -> Tensor? {
        guard position < list.count, list[position] >= 0, Int(list[position]) < graph.tensors.count else { return nil }
        return graph.tensors[Int(list[position])]
    }
}
