import LiteModel

/// How an operator of a quantized model was paired with one of its float source.
public enum LayerMatch: String, Equatable, Sendable {
    /// Their output tensors have the same name.
    case name
    /// Same op type and the same place among ops of that type (the converter renamed the tensor).
    case position
}

/// One operator output of the model paired with the reference tensor it approximates.
struct LayerPair: Equatable {
    let operatorIndex: Int
    let opName: String
    let tensor: Int
    let referenceOperatorIndex: Int
    let referenceTensor: Int
    let match: LayerMatch
}

/// Pairs each operator's first output in `model` with an operator output of `reference`: by
/// tensor name when the name is unique among the reference's op outputs, else by position
/// among ops of the same type. QUANTIZE and DEQUANTIZE ops (added by quantization) are only
/// matched by name. Pairs need equal element counts; one reference op may pair with several
/// (an int16 SOFTMAX by position and the DEQUANTIZE after it by name). In `model`'s op order.
func matchLayers(_ model: Model, _ reference: Model) -> [LayerPair] {
    let ours = operatorOutputs(model), theirs = operatorOutputs(reference)
    var byName: [String: [OperatorOutput]] = [:]
    for output in theirs { byName[output.tensorName, default: []].append(output) }
    var pairs: [LayerPair] = []
    for output in ours {
        let named = byName[output.tensorName].flatMap { $0.count == 1 ? $0[0] : nil }
        let positional = output.isConversion ? nil : theirs.first {
            $0.opName == output.opName && $0.rankAmongSameType == output.rankAmongSameType
        }
        let (candidate, match): (OperatorOutput?, LayerMatch) = named != nil ? (named, .name) : (positional, .position)
        guard let candidate, candidate.elements == output.elements else { continue }
        pairs.append(LayerPair(operatorIndex: output.operatorIndex, opName: output.opName, tensor: output.tensor,
                               referenceOperatorIndex: candidate.operatorIndex, referenceTensor: candidate.tensor, match: match))
    }
    return pairs
}

private struct OperatorOutput {
    let operatorIndex: Int
    let opName: String
    let tensor: Int
    let tensorName: String
    let elements: Int
    /// Index among non-conversion ops of the same type.
    let rankAmongSameType: Int
    var isConversion: Bool { opName == "QUANTIZE" || opName == "DEQUANTIZE" }
}

private func operatorOutputs(_ model: Model) -> [OperatorOutput] {
    guard let graph = model.subgraphs.first else { return [] }
    var seen: [String: Int] = [:]
    return graph.operators.enumerated().compactMap { index, op in
        guard let tensor = op.outputs.first.map(Int.init), tensor >= 0, tensor < graph.tensors.count else { return nil }
        let name = model.operatorCode(of: op)?.displayName ?? "?"
        let rank = seen[name, default: 0]
        seen[name] = rank + 1
        let info = graph.tensors[tensor]
        return OperatorOutput(operatorIndex: index, opName: name, tensor: tensor, tensorName: info.name ?? "",
                              elements: info.elementCount, rankAmongSameType: rank)
    }
}
