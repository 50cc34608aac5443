import LiteModel

extension GraphEditor {
    /// Drops tensors of the primary subgraph that nothing refers to, operator codes no operator
    /// uses, and buffers no tensor or metadata entry uses, renumbering every reference.
    mutating func removeUnused() {
        removeUnusedTensors()
        removeUnusedOperatorCodes()
        removeUnusedBuffers()
    }

    private mutating func removeUnusedTensors() {
        var graph = self.graph
        var used = Set(graph.inputs + graph.outputs)
        for op in graph.operators { used.formUnion(op.inputs + op.outputs + op.intermediates) }
        for signature in model.signatureDefs where signature.subgraphIndex == 0 {
            used.formUnion((signature.inputs + signature.outputs).map { Int32($0.tensorIndex) })
        }
        var newIndex: [Int32: Int32] = [-1: -1]
        var kept: [Tensor] = []
        for (i, tensor) in graph.tensors.enumerated() where used.contains(Int32(i)) {
            newIndex[Int32(i)] = Int32(kept.count)
            kept.append(tensor)
        }
        let remap = { (index: Int32) -> Int32 in newIndex[index]! }
        graph.tensors = kept
        graph.inputs = graph.inputs.map(remap)
        graph.outputs = graph.outputs.map(remap)
        for o in graph.operators.indices {
            graph.operators[o].inputs = graph.operators[o].inputs.map(remap)
            graph.operators[o].outputs = graph.operators[o].outputs.map(remap)
            graph.operators[o].intermediates = graph.operators[o].intermediates.map(remap)
        }
        self.graph = graph
        for s in model.signatureDefs.indices where model.signatureDefs[s].subgraphIndex == 0 {
            for i in model.signatureDefs[s].inputs.indices {
                model.signatureDefs[s].inputs[i].tensorIndex = UInt32(remap(Int32(model.signatureDefs[s].inputs[i].tensorIndex)))
            }
            for i in model.signatureDefs[s].outputs.indices {
                model.signatureDefs[s].outputs[i].tensorIndex = UInt32(remap(Int32(model.signatureDefs[s].outputs[i].tensorIndex)))
            }
        }
    }

    private mutating func removeUnusedOperatorCodes() {
        let used = Set(model.subgraphs.flatMap { $0.operators.map(\.opcodeIndex) })
        var newIndex: [UInt32: UInt32] = [:]
        var kept: [OperatorCode] = []
        for (i, code) in model.operatorCodes.enumerated() where used.contains(UInt32(i)) {
            newIndex[UInt32(i)] = UInt32(kept.count)
            kept.append(code)
        }
        model.operatorCodes = kept
        for s in model.subgraphs.indices {
            for o in model.subgraphs[s].operators.indices {
                model.subgraphs[s].operators[o].opcodeIndex = newIndex[model.subgraphs[s].operators[o].opcodeIndex]!
            }
        }
    }

    private mutating func removeUnusedBuffers() {
        var used: Set<UInt32> = [0]
        for subgraph in model.subgraphs { used.formUnion(subgraph.tensors.map(\.buffer)) }
        used.formUnion(model.metadata.map(\.buffer))
        used.formUnion(model.metadataBuffer.map { UInt32($0) })
        var newIndex: [UInt32: UInt32] = [:]
        var kept: [Buffer] = []
        for (i, buffer) in model.buffers.enumerated() where used.contains(UInt32(i)) {
            newIndex[UInt32(i)] = UInt32(kept.count)
            kept.append(buffer)
        }
        model.buffers = kept
        for s in model.subgraphs.indices {
            for t in model.subgraphs[s].tensors.indices {
                model.subgraphs[s].tensors[t].buffer = newIndex[model.subgraphs[s].tensors[t].buffer]!
            }
        }
        for m in model.metadata.indices { model.metadata[m].buffer = newIndex[model.metadata[m].buffer]! }
        model.metadataBuffer = model.metadataBuffer.map { Int32(newIndex[UInt32($0)]!) }
    }
}
