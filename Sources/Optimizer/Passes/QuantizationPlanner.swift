import LiteModel

/// Decides which ops of the primary subgraph run quantized and the parameters of every
/// activation tensor they touch (TFLITE_NOTES.md §3, §5).
struct QuantizationPlanner {
    let pass: IntegerQuantizationPass
    let model: Model
    let statistics: [Int: TensorStatistics]
    /// Operator indices in execution order.
    let order: [Int]

    /// Operators that will run quantized.
    private(set) var quantized = Set<Int>()
    /// Parameters per activation tensor index.
    private(set) var parameters: [Int: ActivationParameters] = [:]
    private(set) var keptFloat: [OptimizationReport.KeptFloat] = []

    init(pass: IntegerQuantizationPass, model: Model, statistics: [Int: TensorStatistics], order: [Int]) {
        self.pass = pass
        self.model = model
        self.statistics = statistics
        self.order = order
    }

    var graph: SubGraph { model.subgraphs[0] }

    func isConstant(_ t: Int32) -> Bool { t >= 0 && model.constantData(of: graph.tensors[Int(t)]) != nil }

    /// A float32 tensor computed at run time (input or op output).
    func isActivation(_ t: Int32) -> Bool { t >= 0 && graph.tensors[Int(t)].type == .float32 && !isConstant(t) }

    func rule(_ o: Int) -> QuantizedOperatorRule? {
        model.operatorCode(of: graph.operators[o]).flatMap { QuantizedOperatorRule.rule(for: $0.builtin) }
    }

    /// Whether the graph boundary (inputs/outputs) is quantized.
    var quantizedBoundary: Bool { pass.io == .int8 }

    mutating func decide() {
        for o in order {
            if let reason = reasonToKeepFloat(o) {
                keptFloat.append(.init(operatorIndex: o, opType: model.operatorCode(of: graph.operators[o])?.displayName ?? "?", reason: reason))
                continue
            }
            let op = graph.operators[o]
            for t in op.inputs where isActivation(t) && parameters[Int(t)] == nil {
                parameters[Int(t)] = calibrated(Int(t))
            }
            let output = Int(op.outputs[0])
            switch rule(o)!.output {
            case .calibrated: parameters[output] = calibrated(output)
            case .sameAsInput: parameters[output] = parameters[Int(op.inputs[0])]
            case .fixed(let scale8, let zero8, let scale16):
                parameters[output] = pass.activations == .int8 ? .init(scale: scale8, zeroPoint: zero8) : .init(scale: scale16, zeroPoint: 0)
            }
            quantized.insert(o)
        }
        if quantizedBoundary {
            for t in graph.inputs + graph.outputs where isActivation(t) && parameters[Int(t)] == nil && statistics[Int(t)] != nil {
                parameters[Int(t)] = calibrated(Int(t))
            }
        }
    }

    /// Parameters from the observer's range of tensor `t`'s statistics.
    private func calibrated(_ t: Int) -> ActivationParameters {
        let range = pass.observer.range(of: statistics[t]!, quantize: pass.parameters, levels: pass.levels)
        return pass.parameters(min: range.min, max: range.max)
    }

    /// Why op `o` cannot be quantized, or nil when it can.
    private func reasonToKeepFloat(_ o: Int) -> String? {
        let op = graph.operators[o]
        guard let code = model.operatorCode(of: op) else { return "unknown operator code" }
        guard let rule = rule(o) else { return "no quantized \(code.displayName) kernel in LiteRT" }
        if pass.activations == .int16 && !rule.supportsInt16 { return "no int16x8 \(code.displayName) kernel in LiteRT" }
        if pass.keepFloat.contains(where: { $0.matches(operator: o, in: model) }) { return "keep-float rule" }
        guard op.outputs.count == 1, isActivation(op.outputs[0]) else { return "output is not a float32 activation" }
        guard statistics[Int(op.outputs[0])] != nil || { if case .fixed = rule.output { true } else { false } }() else {
            return "no calibration statistics for its output"
        }
        for (position, t) in op.inputs.enumerated() where t >= 0 {
            let tensor = graph.tensors[Int(t)]
            if isActivation(t) {
                guard statistics[Int(t)] != nil else { return "no calibration statistics for input \(position)" }
            } else if !isConstant(t) {
                return "input \(position) is a \(tensor.type) activation"
            } else if rule.weightAxis != nil && position == 0 {
                return "input 0 is constant"
            }
        }
        if let axis = rule.weightAxis {
            guard op.inputs.count >= 2, op.inputs[1] >= 0, graph.tensors[Int(op.inputs[1])].type == .float32,
                  isConstant(op.inputs[1]), graph.tensors[Int(op.inputs[1])].shape.count > axis else {
                return "weights are not a float32 constant"
            }
            if op.inputs.count > 2 && op.inputs[2] >= 0 {
                guard graph.tensors[Int(op.inputs[2])].type == .float32, isConstant(op.inputs[2]) else { return "bias is not a float32 constant" }
            }
        }
        if case .sameAsInput = rule.output, op.inputs.isEmpty || !isActivation(op.inputs[0]) { return "input 0 is not an activation" }
        return nil
    }
}
