import LiteModel

/// Stores float32 constants as FLOAT16, each feeding a DEQUANTIZE (v3) op placed at the start of
/// the graph, so every consumer stays an ordinary float op — what the TF converter does with
/// `supported_types=[tf.float16]` (TFLITE_NOTES.md §2). Values beyond ±65504 are clamped.
public struct Float16Pass: Sendable {
    public var keepFloat: [KeepFloatRule]

    public init(keepFloat: [KeepFloatRule] = []) { self.keepFloat = keepFloat }

    /// The converted model (the input is not changed) and what was done.
    public func apply(to model: Model) throws(OptimizationError) -> (model: Model, report: OptimizationReport) {
        guard !model.subgraphs.isEmpty else { throw .unsupportedModel("it has no subgraphs") }
        var editor = GraphEditor(model)
        var report = OptimizationReport(scheme: .float16)
        let consumers = editor.graph.consumers
        let kept = Set(editor.graph.operators.indices.filter { o in keepFloat.contains { $0.matches(operator: o, in: model) } })
        let graphOutputs = Set(editor.graph.outputs)
        var dequantizeOps: [Operator] = []
        var touched = Set<Int>()
        for t in editor.graph.tensors.indices {
            let readers = consumers[t] ?? []
            guard !readers.isEmpty, !graphOutputs.contains(Int32(t)), let values = editor.floatConstant(Int32(t)) else { continue }
            if readers.allSatisfy(kept.contains) {
                for o in readers { report.keptFloat.append(.init(operatorIndex: o, opType: editor.opName(o), reason: "keep-float rule")) }
                continue
            }
            let original = editor.graph.tensors[t]
            let half = editor.addConstant(name: original.name, type: .float16, shape: original.shape,
                                          data: littleEndianBytes(values.map(halfBits)))
            editor.graph.tensors[t].buffer = 0
            editor.graph.tensors[t].name = original.name.map { $0 + "/dequantize" }
            dequantizeOps.append(editor.makeOperator(.dequantize, version: 3, inputs: [half], outputs: [Int32(t)]))
            touched.formUnion(readers)
            report.convertedTensors += 1
        }
        editor.graph.operators.insert(contentsOf: dequantizeOps, at: 0)
        report.quantizedOperators = touched.sorted()
        report.keptFloat = deduplicated(report.keptFloat)
        editor.removeUnused()
        editor.finishMetadata(extra: report.convertedTensors > 0 ? ("reduced_precision_support", "fp16accfp32") : nil)
        return (editor.model, report)
    }
}

/// One entry per operator, first reason wins.
func deduplicated(_ entries: [OptimizationReport.KeptFloat]) -> [OptimizationReport.KeptFloat] {
    var seen = Set<Int>()
    return entries.filter { seen.insert($0.operatorIndex).inserted }.sorted { $0.operatorIndex < $1.operatorIndex }
}

extension GraphEditor {
    /// The display name of operator `index`'s type.
    func opName(_ index: Int) -> String {
        model.operatorCode(of: graph.operators[index])?.displayName ?? "?"
    }
}
