import LiteModel

/// Writes the planned quantized graph: integer tensors and constants, rewired ops, QUANTIZE /
/// DEQUANTIZE where float and integer parts meet, and the clean-up of what became unused.
struct QuantizedGraphRewriter {
    let plan: QuantizationPlanner
    private var editor: GraphEditor
    /// Quantized and float versions of each activation tensor touched by the plan.
    private var quantizedIndex: [Int: Int32] = [:]
    private var floatIndex: [Int: Int32] = [:]
    private var convertedTensors = 0

    init(plan: QuantizationPlanner) {
        self.plan = plan
        self.editor = GraphEditor(plan.model)
    }

    private var pass: IntegerQuantizationPass { plan.pass }
    private var graph: SubGraph { plan.graph }

    mutating func rewrite() -> (model: Model, report: OptimizationReport) {
        let conversions = assignTensors()
        var operators: [Operator] = []
        for t in graph.inputs { operators += conversions[Int(t)] ?? [] }
        for o in plan.order {
            operators.append(plan.quantized.contains(o) ? quantizedOperator(o) : floatOperator(o))
            for t in graph.operators[o].outputs { operators += conversions[Int(t)] ?? [] }
        }
        editor.graph.operators = operators
        editor.removeUnused()
        editor.finishMetadata()
        var report = OptimizationReport(scheme: pass.scheme)
        report.quantizedOperators = plan.quantized.sorted()
        report.keptFloat = deduplicated(plan.keptFloat)
        report.convertedTensors = convertedTensors
        return (editor.model, report)
    }

    /// Gives each activation its float and/or quantized tensor and returns the conversion ops to
    /// emit after each tensor is produced.
    private mutating func assignTensors() -> [Int: [Operator]] {
        let producers = graph.producers
        let inputs = Set(graph.inputs.map(Int.init)), outputs = Set(graph.outputs.map(Int.init))
        var quantizedReaders = Set<Int>(), floatReaders = Set<Int>()
        for (o, op) in graph.operators.enumerated() {
            for t in op.inputs where plan.isActivation(t) {
                if plan.quantized.contains(o) { quantizedReaders.insert(Int(t)) } else { floatReaders.insert(Int(t)) }
            }
        }
        var conversions: [Int: [Operator]] = [:]
        for t in graph.tensors.indices where plan.isActivation(Int32(t)) {
            let boundary = inputs.contains(t) || outputs.contains(t)
            let boundaryQuantized = plan.quantizedBoundary && plan.parameters[t] != nil
            let nativeQuantized = producers[t].map(plan.quantized.contains) ?? (inputs.contains(t) && boundaryQuantized)
            let needsQuantized = quantizedReaders.contains(t) || (outputs.contains(t) && boundaryQuantized)
            let needsFloat = floatReaders.contains(t) || (outputs.contains(t) && !boundaryQuantized)
            guard nativeQuantized || needsQuantized else { continue }
            let originalQuantized = boundary ? boundaryQuantized : nativeQuantized
            let hasFloat = needsFloat || !nativeQuantized
            let original = graph.tensors[t]
            if originalQuantized {
                quantizedIndex[t] = Int32(t)
                editor.graph.tensors[t].type = pass.tensorType
                editor.graph.tensors[t].quantization = activationQuantization(t)
                if hasFloat {
                    floatIndex[t] = editor.addActivation(like: original, name: original.name.map { $0 + "_float" }, type: .float32, quantization: nil)
                }
            } else {
                floatIndex[t] = Int32(t)
                quantizedIndex[t] = editor.addActivation(like: original, name: original.name.map { $0 + "_" + pass.tensorType.suffix },
                                                         type: pass.tensorType, quantization: activationQuantization(t))
            }
            if nativeQuantized && hasFloat {
                conversions[t] = [editor.makeOperator(.dequantize, version: 2, inputs: [quantizedIndex[t]!], outputs: [floatIndex[t]!])]
            } else if !nativeQuantized {
                conversions[t] = [editor.makeOperator(.quantize, version: 1, inputs: [floatIndex[t]!], outputs: [quantizedIndex[t]!])]
            }
        }
        return conversions
    }

    /// Activation parameters as a tensor's quantization table (int16 also keeps the calibrated
    /// min/max, as TF's legacy quantizer writes them).
    private func activationQuantization(_ t: Int) -> QuantizationParameters {
        let parameters = plan.parameters[t]!
        var quantization = QuantizationParameters()
        quantization.scale = [parameters.scale]
        quantization.zeroPoint = [parameters.zeroPoint]
        if pass.activations == .int16, let statistics = plan.statistics[t], !isFixedOutput(t) {
            quantization.min = [statistics.min]
            quantization.max = [statistics.max]
        }
        return quantization
    }

    private func isFixedOutput(_ t: Int) -> Bool {
        guard let o = graph.producers[t], let rule = plan.rule(o) else { return false }
        if case .fixed = rule.output { return true }
        return false
    }

    /// A float op reading and writing the float versions of its activations.
    private func floatOperator(_ o: Int) -> Operator {
        var op = graph.operators[o]
        op.inputs = op.inputs.map { t in t >= 0 ? floatIndex[Int(t)] ?? t : t }
        op.outputs = op.outputs.map { t in floatIndex[Int(t)] ?? t }
        return op
    }

    /// Op `o` rewritten to integer tensors and constants, with its quantized version.
    private mutating func quantizedOperator(_ o: Int) -> Operator {
        var op = graph.operators[o]
        let rule = plan.rule(o)!
        let builtin = plan.model.operatorCode(of: op)!.builtin
        op.opcodeIndex = editor.opcode(builtin, version: rule.version)
        var weightScales: [Float] = []
        for (position, t) in op.inputs.enumerated() where t >= 0 {
            if plan.isActivation(t) {
                op.inputs[position] = quantizedIndex[Int(t)]!
            } else if let axis = rule.weightAxis, position == 1 {
                let (index, scales) = quantizedWeights(t, axis: axis)
                op.inputs[position] = index
                weightScales = scales
            } else if rule.weightAxis != nil, position == 2 {
                let inputScale = plan.parameters[Int(graph.operators[o].inputs[0])]!.scale
                op.inputs[position] = quantizedBias(t, scales: WeightQuantization.biasScales(inputScale: inputScale, weightScales: weightScales))
            } else if graph.tensors[Int(t)].type == .float32 {
                op.inputs[position] = quantizedConstant(t)
            }
        }
        op.outputs = op.outputs.map { quantizedIndex[Int($0)]! }
        if pass.activations == .int16 {
            op.builtinOptions = int16Options(op.builtinOptions ?? (builtin == .add ? .addOptions(AddOptions()) : builtin == .sub ? .subOptions(SubOptions()) : nil))
        }
        return op
    }

    /// Options the int16x8 kernels need: int64 conv/FC bias, general (non power-of-two) add/sub scaling.
    private func int16Options(_ options: BuiltinOptions?) -> BuiltinOptions? {
        guard let options else { return nil }
        switch options {
        case .conv2DOptions(var o): o.quantizedBiasType = .int64; return .conv2DOptions(o)
        case .fullyConnectedOptions(var o): o.quantizedBiasType = .int64; return .fullyConnectedOptions(o)
        case .addOptions(var o): o.potScaleInt16 = false; return .addOptions(o)
        case .subOptions(var o): o.potScaleInt16 = false; return .subOptions(o)
        default: return options
        }
    }

    private mutating func quantizedWeights(_ t: Int32, axis: Int) -> (Int32, [Float]) {
        let tensor = graph.tensors[Int(t)]
        let q = WeightQuantization.symmetricInt8(editor.floatConstant(t)!, shape: tensor.dimensions, axis: axis)
        var quantization = QuantizationParameters()
        quantization.scale = q.scales
        quantization.zeroPoint = [Int64](repeating: 0, count: q.scales.count)
        quantization.quantizedDimension = Int32(axis)
        if pass.activations == .int16 {
            quantization.min = q.mins
            quantization.max = q.maxs
        }
        convertedTensors += 1
        return (editor.addConstant(name: tensor.name, type: .int8, shape: tensor.shape, data: littleEndianBytes(q.values), quantization: quantization), q.scales)
    }

    private mutating func quantizedBias(_ t: Int32, scales: [Float]) -> Int32 {
        let tensor = graph.tensors[Int(t)]
        let values = editor.floatConstant(t)!
        let perElement = scales.count == values.count ? scales : [Float](repeating: scales.first ?? 1, count: values.count)
        var quantization = QuantizationParameters()
        quantization.scale = perElement
        quantization.zeroPoint = [Int64](repeating: 0, count: perElement.count)
        convertedTensors += 1
        if pass.activations == .int16 {
            let data = littleEndianBytes(WeightQuantization.int64Bias(values, scales: perElement))
            return editor.addConstant(name: tensor.name, type: .int64, shape: tensor.shape, data: data, quantization: quantization)
        }
        let data = littleEndianBytes(WeightQuantization.int32Bias(values, scales: perElement))
        return editor.addConstant(name: tensor.name, type: .int32, shape: tensor.shape, data: data, quantization: quantization)
    }

    /// Another float constant operand (e.g. of ADD/MUL), quantized per tensor like an activation.
    private mutating func quantizedConstant(_ t: Int32) -> Int32 {
        let tensor = graph.tensors[Int(t)]
        let values = editor.floatConstant(t)!
        let parameters = pass.parameters(min: values.min() ?? 0, max: values.max() ?? 0)
        let low = Float(pass.levels.lowerBound), high = Float(pass.levels.upperBound)
        let q = values.map { min(max(($0 / parameters.scale).rounded(.toNearestOrAwayFromZero) + Float(parameters.zeroPoint), low), high) }
        var quantization = QuantizationParameters()
        quantization.scale = [parameters.scale]
        quantization.zeroPoint = [parameters.zeroPoint]
        convertedTensors += 1
        let data = pass.activations == .int8 ? littleEndianBytes(q.map { Int8($0) }) : littleEndianBytes(q.map { Int16($0) })
        return editor.addConstant(name: tensor.name, type: pass.tensorType, shape: tensor.shape, data: data, quantization: quantization)
    }
}

extension TensorType {
    /// "int8" / "int16" for tensor-name suffixes.
    var suffix: String { self == .int8 ? "int8" : "int16" }
}
