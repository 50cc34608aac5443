/// Building a `ModelSummary` from a decoded model. Works on unvalidated models too: out-of-range
/// indices are skipped, and counts whose shapes would overflow are reported as 0.

extension ModelSummary {
    /// Summarizes `model`, whose `.tflite` file is `fileBytes` long.
    public init(model: Model, fileBytes: Int) {
        let main = model.subgraphs.first ?? SubGraph()
        var operators: [OperatorSummary] = []
        for s in model.subgraphs.indices {
            for o in model.subgraphs[s].operators.indices {
                operators.append(OperatorSummary(model: model, subgraph: s, index: o))
            }
        }
        self.init(
            fileBytes: fileBytes,
            schemaVersion: Int(model.version),
            modelDescription: model.description,
            subgraphCount: model.subgraphs.count,
            inputs: main.inputs.compactMap { TensorSummary(model: model, subgraph: 0, index: $0) },
            outputs: main.outputs.compactMap { TensorSummary(model: model, subgraph: 0, index: $0) },
            signatures: model.signatureDefs.map(SignatureSummary.init),
            opHistogram: Self.histogram(operators),
            operators: operators,
            size: SizeBreakdown(model: model, fileBytes: fileBytes, operators: operators),
            customOps: Self.customOps(model),
            metadata: model.metadataEntries.map(MetadataSummary.init)
        )
    }

    private static func histogram(_ operators: [OperatorSummary]) -> [OpCount] {
        var counts: [String: Int] = [:]
        for op in operators { counts[op.op, default: 0] += 1 }
        return counts.map { OpCount(op: $0.key, count: $0.value) }
            .sorted { ($0.count, $1.op) > ($1.count, $0.op) }
    }

    private static func customOps(_ model: Model) -> [String] {
        let used = model.subgraphs.flatMap { $0.operators.compactMap(model.operatorCode(of:)) }
        return Set(used.filter(\.isCustom).map { $0.customCode ?? "?" }).sorted()
    }
}

/// Lowercase schema name of a tensor type, e.g. `int8`.
func dtypeName(_ type: TensorType) -> String {
    type.name?.lowercased() ?? "type\(type.rawValue)"
}

/// Element count of a static shape (-1 counts as 1), or nil when it exceeds 2³¹ (corrupt shapes).
func checkedElementCount(_ shape: [Int32]) -> Int? {
    var count = 1
    for dimension in shape {
        let (product, overflow) = count.multipliedReportingOverflow(by: max(Int(dimension), 1))
        guard !overflow, product <= Int(Int32.max) else { return nil }
        count = product
    }
    return count
}

extension TensorSummary {
    /// The tensor at `index` of `subgraph`, or nil when the index is out of range (or -1).
    init?(model: Model, subgraph: Int, index: Int32) {
        let tensors = model.subgraphs[subgraph].tensors
        guard index >= 0, Int(index) < tensors.count else { return nil }
        let tensor = tensors[Int(index)]
        self.init(
            index: Int(index),
            name: tensor.name ?? "",
            dtype: dtypeName(tensor.type),
            shape: tensor.dimensions,
            shapeSignature: tensor.shapeSignature.isEmpty ? tensor.dimensions : tensor.shapeSignature.map(Int.init),
            isConstant: model.constantData(of: tensor) != nil,
            quantization: tensor.quantization.flatMap(QuantizationSummary.init)
        )
    }
}

extension QuantizationSummary {
    /// The scales and zero points of `parameters`, or nil when it has no scales.
    init?(_ parameters: QuantizationParameters) {
        guard let first = parameters.scale.first else { return nil }
        self.init(
            axis: parameters.scale.count > 1 ? Int(parameters.quantizedDimension) : nil,
            count: parameters.scale.count,
            scales: Array(parameters.scale.prefix(Self.listed)),
            zeroPoints: Array(parameters.zeroPoint.prefix(Self.listed)),
            scaleMin: parameters.scale.reduce(first) { Swift.min($0, $1) },
            scaleMax: parameters.scale.reduce(first) { Swift.max($0, $1) }
        )
    }
}

extension SignatureSummary {
    init(_ signature: SignatureDef) {
        func entries(_ maps: [TensorMap]) -> [Entry] {
            maps.map { Entry(name: $0.name ?? "", tensor: Int($0.tensorIndex)) }
        }
        self.init(key: signature.signatureKey ?? "", subgraph: Int(signature.subgraphIndex),
                  inputs: entries(signature.inputs), outputs: entries(signature.outputs))
    }
}

extension OperatorSummary {
    init(model: Model, subgraph s: Int, index o: Int) {
        let op = model.subgraphs[s].operators[o]
        let code = model.operatorCode(of: op)
        let inputs = op.inputs.map { TensorSummary(model: model, subgraph: s, index: $0) }
        let outputs = op.outputs.compactMap { TensorSummary(model: model, subgraph: s, index: $0) }
        var seen = Set<Int>()
        var parameters = 0
        var weightBytes: [String: Int] = [:]
        var shapesFit = true
        for case let tensor? in inputs + outputs {
            shapesFit = shapesFit && checkedElementCount(tensor.shape.map(Int32.init)) != nil
        }
        for case let tensor? in inputs where tensor.isConstant && seen.insert(tensor.index).inserted {
            let stored = model.subgraphs[s].tensors[tensor.index]
            parameters += checkedElementCount(stored.shape) ?? 0
            weightBytes[tensor.dtype, default: 0] += model.constantData(of: stored)?.count ?? 0
        }
        self.init(
            subgraph: s, index: o,
            op: code?.displayName ?? "OPCODE(\(op.opcodeIndex))",
            version: Int(code?.version ?? 0),
            inputs: inputs, outputs: outputs,
            parameters: parameters, weightBytes: weightBytes,
            macs: shapesFit && code != nil ? model.multiplyAccumulates(operator: o, subgraph: s) : 0
        )
    }
}

extension SizeBreakdown {
    init(model: Model, fileBytes: Int, operators: [OperatorSummary]) {
        var buffersSeen = Set<UInt32>()
        var byDtype: [String: Int] = [:]
        var parameters = 0
        for subgraph in model.subgraphs {
            for tensor in subgraph.tensors {
                guard let data = model.constantData(of: tensor), buffersSeen.insert(tensor.buffer).inserted else { continue }
                parameters += checkedElementCount(tensor.shape) ?? 0
                byDtype[dtypeName(tensor.type), default: 0] += data.count
            }
        }
        let weights = byDtype.values.reduce(0, +)
        self.init(fileBytes: fileBytes, weightBytes: weights, weightBytesByDtype: byDtype,
                  graphOverheadBytes: fileBytes - weights, parameters: parameters,
                  macs: operators.reduce(0) { total, op in
                      let (sum, overflow) = total.addingReportingOverflow(op.macs)
                      return overflow ? Int.max : sum
                  })
    }
}

extension MetadataSummary {
    /// Name of the metadata entry whose text value is shown.
    static let runtimeVersionName = "min_runtime_version"

    init(_ entry: (name: String, bytes: [UInt8])) {
        var value: String?
        if entry.name == Self.runtimeVersionName {
            value = String(decoding: entry.bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        self.init(name: entry.name, bytes: entry.bytes.count, value: value)
    }
}
