/// Graph questions about one subgraph: who produces and consumes each tensor, a valid execution
/// order, parameter sizes and multiply-accumulate counts.

extension SubGraph {
    /// For each tensor index, the operator that writes it (absent for inputs and constants).
    public var producers: [Int: Int] {
        var result: [Int: Int] = [:]
        for (o, op) in operators.enumerated() {
            for output in op.outputs where output >= 0 { result[Int(output)] = o }
        }
        return result
    }

    /// For each tensor index, the operators that read it, in operator order.
    public var consumers: [Int: [Int]] {
        var result: [Int: [Int]] = [:]
        for (o, op) in operators.enumerated() {
            for input in Set(op.inputs) where input >= 0 { result[Int(input), default: []].append(o) }
        }
        return result
    }

    /// Operator indices ordered so each op runs after the producers of its inputs (stable: ties
    /// keep file order). Throws when the graph has a cycle.
    public func topologicalOrder() throws(ModelError) -> [Int] {
        let producers = producers
        var pending = [Int](repeating: 0, count: operators.count)
        var dependents = [[Int]](repeating: [], count: operators.count)
        for (o, op) in operators.enumerated() {
            for producer in Set(op.inputs.compactMap({ producers[Int($0)] })) where producer != o {
                pending[o] += 1
                dependents[producer].append(o)
            }
        }
        var ready = (0..<operators.count).filter { pending[$0] == 0 }.reversed() as [Int]
        var order: [Int] = []
        while let next = ready.popLast() {
            order.append(next)
            for dependent in dependents[next] {
                pending[dependent] -= 1
                if pending[dependent] == 0 {
                    ready.append(dependent)
                    ready.sort(by: >)
                }
            }
        }
        guard order.count == operators.count else {
            let stuck = (0..<operators.count).first { pending[$0] > 0 } ?? 0
            throw .invalid("operator \(stuck) of subgraph \(name ?? "?") is part of a cycle")
        }
        return order
    }
}

/// Constant parameters of one tensor.
public struct ParameterSize: Equatable, Sendable {
    public var type: TensorType
    public var elements: Int
    public var bytes: Int
}

extension Model {
    /// Parameter count and stored bytes of a constant tensor, or nil for activations.
    public func parameterSize(of tensor: Tensor) -> ParameterSize? {
        guard let data = constantData(of: tensor) else { return nil }
        return ParameterSize(type: tensor.type, elements: tensor.elementCount, bytes: data.count)
    }

    /// Constant bytes read by operator `index` of `subgraph`, summed by tensor type.
    public func weightBytesByType(operator index: Int, subgraph: Int = 0) -> [TensorType: Int] {
        let graph = subgraphs[subgraph]
        var result: [TensorType: Int] = [:]
        for input in Set(graph.operators[index].inputs) where input >= 0 && Int(input) < graph.tensors.count {
            if let size = parameterSize(of: graph.tensors[Int(input)]) { result[size.type, default: 0] += size.bytes }
        }
        return result
    }

    /// Multiply-accumulate operations of operator `index` (conv, depthwise, fully connected,
    /// transpose conv, batch matmul), from the static shapes stored in the model; 0 for other ops
    /// or when shapes are unknown.
    public func multiplyAccumulates(operator index: Int, subgraph: Int = 0) -> Int {
        let graph = subgraphs[subgraph]
        let op = graph.operators[index]
        func shape(_ position: Int, outputs: Bool = false) -> [Int]? {
            let list = outputs ? op.outputs : op.inputs
            guard position < list.count, list[position] >= 0, Int(list[position]) < graph.tensors.count else { return nil }
            let dims = graph.tensors[Int(list[position])].dimensions
            return dims.contains(where: { $0 < 0 }) ? dims.map { max($0, 1) } : dims
        }
        guard let code = operatorCode(of: op), let output = shape(0, outputs: true) else { return 0 }
        let outputCount = saturatingProduct(output)
        switch code.builtin {
        case .conv2D, .conv3D:
            guard let filter = shape(1) else { return 0 }
            return saturatingProduct([outputCount] + filter.dropFirst())  // per output: kernel taps × filter input channels
        case .depthwiseConv2D:
            guard let filter = shape(1), filter.count == 4 else { return 0 }
            return saturatingProduct([outputCount, filter[1], filter[2]])
        case .fullyConnected:
            guard let weights = shape(1), weights.count == 2 else { return 0 }
            return saturatingProduct([outputCount, weights[1]])
        case .transposeConv:
            guard let weights = shape(1), let input = shape(2), weights.count == 4 else { return 0 }
            return saturatingProduct(input + [weights[0], weights[1], weights[2]])
        case .batchMatmul:
            guard let lhs = shape(0), lhs.count >= 2 else { return 0 }
            let options = op.builtinOptions.flatMap { if case .batchMatMulOptions(let o) = $0 { o } else { nil } }
            let depth = (options?.adjX ?? false) ? lhs[lhs.count - 2] : lhs[lhs.count - 1]
            return saturatingProduct([outputCount, depth])
        default:
            return 0
        }
    }
}
