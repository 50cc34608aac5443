extension Model {
    /// Largest tensor (in elements) a valid model may declare.
    static let maximumElements = 1 << 40

    /// Checks the references a runtime follows: operator codes, tensor and buffer indices, subgraph
    /// inputs/outputs, signature defs. Throws `ModelError.invalid` naming the first bad place.
    public func validate() throws(ModelError) {
        guard !subgraphs.isEmpty else { throw .invalid("the model has no subgraphs") }
        for (s, subgraph) in subgraphs.enumerated() {
            let tensorCount = subgraph.tensors.count
            func checkTensor(_ index: Int32, _ place: @autoclosure () -> String, optional: Bool) throws(ModelError) {
                if optional && index == -1 { return }
                guard index >= 0, Int(index) < tensorCount else {
                    throw .invalid("\(place()) of subgraph \(s) refers to tensor \(index), but the subgraph has \(tensorCount) tensors")
                }
            }
            for (t, tensor) in subgraph.tensors.enumerated() {
                guard Int(tensor.buffer) < buffers.count else {
                    throw .invalid("tensor \(t) (\(tensor.name ?? "unnamed")) of subgraph \(s) refers to buffer \(tensor.buffer), but the model has \(buffers.count) buffers")
                }
                if let bad = tensor.shape.first(where: { $0 < -1 }) {
                    throw .invalid("tensor \(t) (\(tensor.name ?? "unnamed")) of subgraph \(s) has dimension \(bad)")
                }
                guard tensor.elementCount <= Self.maximumElements else {
                    throw .invalid("tensor \(t) (\(tensor.name ?? "unnamed")) of subgraph \(s) has shape \(tensor.shape), more than 2^40 elements")
                }
            }
            for index in subgraph.inputs { try checkTensor(index, "an input", optional: false) }
            for index in subgraph.outputs { try checkTensor(index, "an output", optional: false) }
            for (o, op) in subgraph.operators.enumerated() {
                guard Int(op.opcodeIndex) < operatorCodes.count else {
                    throw .invalid("operator \(o) of subgraph \(s) uses operator code \(op.opcodeIndex), but the model has \(operatorCodes.count)")
                }
                for index in op.inputs { try checkTensor(index, "input of operator \(o)", optional: true) }
                for index in op.outputs { try checkTensor(index, "output of operator \(o)", optional: false) }
                for index in op.intermediates { try checkTensor(index, "intermediate of operator \(o)", optional: false) }
            }
        }
        for signature in signatureDefs {
            let s = Int(signature.subgraphIndex)
            guard s < subgraphs.count else {
                throw .invalid("signature \(signature.signatureKey ?? "?") refers to subgraph \(s), but the model has \(subgraphs.count)")
            }
            for entry in signature.inputs + signature.outputs where Int(entry.tensorIndex) >= subgraphs[s].tensors.count {
                throw .invalid("signature \(signature.signatureKey ?? "?") maps \(entry.name ?? "?") to tensor \(entry.tensorIndex), but subgraph \(s) has \(subgraphs[s].tensors.count) tensors")
            }
        }
    }
}
