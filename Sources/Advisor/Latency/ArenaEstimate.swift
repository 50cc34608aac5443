import LiteModel

/// A lower bound for a TFLM arena: the largest total size of activation tensors alive at the same
/// time, in execution order (a tensor lives from the op that writes it, or the start for graph
/// inputs, to the last op that reads it, or the end for graph outputs).
public enum ArenaEstimate {
    public static func peakActivationBytes(_ model: Model) -> Int {
        guard let graph = model.subgraphs.first else { return 0 }
        let count = graph.operators.count
        var first: [Int: Int] = [:], last: [Int: Int] = [:]
        for input in graph.inputs where input >= 0 { first[Int(input)] = 0 }
        for (index, op) in graph.operators.enumerated() {
            for tensor in op.outputs where tensor >= 0 { first[Int(tensor)] = first[Int(tensor)] ?? index }
            for tensor in op.inputs where tensor >= 0 { last[Int(tensor)] = index }
        }
        for output in graph.outputs where output >= 0 { last[Int(output)] = count }
        var peak = 0
        for step in 0...count {
            var live = 0
            for (tensor, start) in first where start <= step && (last[tensor] ?? start) >= step {
                let info = graph.tensors[tensor]
                guard model.constantData(of: info) == nil else { continue }
                live += info.type.byteCount(elements: info.elementCount) ?? 0
            }
            peak = max(peak, live)
        }
        return peak
    }
}
