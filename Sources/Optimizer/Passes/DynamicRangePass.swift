import LiteModel

/// Dynamic-range quantization: int8 symmetric per-channel weights for conv, depthwise conv and
/// fully connected ops, float activations and biases (hybrid kernels), as the TF converter's
/// `Optimize.DEFAULT` without calibration data (TFLITE_NOTES.md §2). Weights with fewer than
/// 1024 elements stay float.
public struct DynamicRangePass: Sendable {
    /// The converter's `minimum_elements_for_weights`.
    public static let minimumElements = 1024

    public var keepFloat: [KeepFloatRule]

    public init(keepFloat: [KeepFloatRule] = []) { self.keepFloat = keepFloat }

    /// Hybrid op versions the converter writes, and the weight axis of each op's channels.
    private static let hybridOps: [BuiltinOperator: (version: Int32, axis: Int)] = [
        .conv2D: (5, 0), .depthwiseConv2D: (6, 3), .fullyConnected: (12, 0),
    ]

    /// The quantized model (the input is not changed) and what was done.
    public func apply(to model: Model) throws(OptimizationError) -> (model: Model, report: OptimizationReport) {
        guard !model.subgraphs.isEmpty else { throw .unsupportedModel("it has no subgraphs") }
        var editor = GraphEditor(model)
        var report = OptimizationReport(scheme: .dynamic)
        var quantized: [Int32: Int32] = [:]
        for o in editor.graph.operators.indices {
            guard let builtin = editor.builtin(ofOperator: o), let hybrid = Self.hybridOps[builtin] else { continue }
            let op = editor.graph.operators[o]
            func keep(_ reason: String) { report.keptFloat.append(.init(operatorIndex: o, opType: editor.opName(o), reason: reason)) }
            if keepFloat.contains(where: { $0.matches(operator: o, in: model) }) { keep("keep-float rule"); continue }
            guard op.inputs.count >= 2, op.inputs[0] >= 0, editor.graph.tensors[Int(op.inputs[0])].type == .float32,
                  let weights = editor.floatConstant(op.inputs[1]) else { keep("weights are not a float32 constant"); continue }
            let weightTensor = editor.graph.tensors[Int(op.inputs[1])]
            guard weights.count >= Self.minimumElements else {
                keep("weights have \(weights.count) elements, fewer than \(Self.minimumElements)"); continue
            }
            guard weightTensor.shape.count > hybrid.axis else { keep("weights have rank \(weightTensor.shape.count)"); continue }
            if quantized[op.inputs[1]] == nil {
                let q = WeightQuantization.symmetricInt8(weights, shape: weightTensor.dimensions, axis: hybrid.axis)
                var parameters = QuantizationParameters()
                parameters.scale = q.scales
                parameters.zeroPoint = [Int64](repeating: 0, count: q.scales.count)
                parameters.quantizedDimension = Int32(hybrid.axis)
                quantized[op.inputs[1]] = editor.addConstant(name: weightTensor.name, type: .int8, shape: weightTensor.shape,
                                                             data: littleEndianBytes(q.values), quantization: parameters)
                report.convertedTensors += 1
            }
            editor.graph.operators[o].inputs[1] = quantized[op.inputs[1]]!
            editor.graph.operators[o].opcodeIndex = editor.opcode(builtin, version: hybrid.version)
            if case .fullyConnectedOptions(var options) = op.builtinOptions {
                options.asymmetricQuantizeInputs = true
                editor.graph.operators[o].builtinOptions = .fullyConnectedOptions(options)
            }
            report.quantizedOperators.append(o)
        }
        report.keptFloat = deduplicated(report.keptFloat)
        editor.removeUnused()
        editor.finishMetadata()
        return (editor.model, report)
    }
}
