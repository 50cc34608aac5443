import LiteModel

/// A float32 constant weight tensor (input 1) of a conv / depthwise / fully connected / transpose
/// conv operator in the primary subgraph.
struct WeightLayer: Equatable {
    var operatorIndex: Int
    var tensorIndex: Int32
    var opType: BuiltinOperator
    var shape: [Int]
    /// The axis of output channels (one quantization scale each): 3 for depthwise, else 0.
    var channelAxis: Int { opType == .depthwiseConv2D ? 3 : 0 }
    var elementCount: Int { shape.reduce(1, *) }
}

/// Which weight layers a pruning or clustering step touches.
struct LayerSelection {
    var minElements: Int
    var skipFirst: Bool
    var skipLast: Bool
    var includeDepthwise: Bool

    /// Op types whose weights are pruned or clustered: those Keras' Conv2D / Dense layers become
    /// (TFMOT's default registry), plus DEPTHWISE_CONV_2D when asked.
    private var types: Set<BuiltinOperator> {
        includeDepthwise ? [.conv2D, .fullyConnected, .transposeConv, .depthwiseConv2D] : [.conv2D, .fullyConnected, .transposeConv]
    }

    /// The layers to change, and the weight layers left alone with the reason.
    func layers(of model: Model) -> (chosen: [WeightLayer], skipped: [(layer: WeightLayer, reason: String)]) {
        let all = WeightLayer.all(in: model)
        var chosen: [WeightLayer] = []
        var skipped: [(layer: WeightLayer, reason: String)] = []
        let candidates = all.filter { types.contains($0.opType) }
        for layer in all {
            if !types.contains(layer.opType) {
                skipped.append((layer, "\(layer.opType.name ?? "?") is not pruned or clustered by default"))
            } else if layer.elementCount < minElements {
                skipped.append((layer, "\(layer.elementCount) weights < minElements \(minElements)"))
            } else if skipFirst, layer == candidates.first {
                skipped.append((layer, "first layer"))
            } else if skipLast, layer == candidates.last {
                skipped.append((layer, "last layer"))
            } else {
                chosen.append(layer)
            }
        }
        return (chosen, skipped)
    }
}

extension WeightLayer {
    /// Every weight layer of the primary subgraph, in operator order; a tensor read by several
    /// operators is listed once (at its first reader).
    static func all(in model: Model) -> [WeightLayer] {
        guard let graph = model.subgraphs.first else { return [] }
        let editor = GraphEditor(model)
        var seen = Set<Int32>()
        var layers: [WeightLayer] = []
        for (o, op) in graph.operators.enumerated() {
            guard let type = editor.builtin(ofOperator: o), weightOps.contains(type), op.inputs.count > 1 else { continue }
            let t = op.inputs[1]
            guard t >= 0, editor.graph.tensors[Int(t)].type == .float32, editor.isConstant(t), seen.insert(t).inserted else { continue }
            let shape = graph.tensors[Int(t)].dimensions
            guard shape.count >= 2, shape.allSatisfy({ $0 > 0 }) else { continue }
            layers.append(WeightLayer(operatorIndex: o, tensorIndex: t, opType: type, shape: shape))
        }
        return layers
    }

    private static let weightOps: Set<BuiltinOperator> = [.conv2D, .depthwiseConv2D, .fullyConnected, .transposeConv]
}

extension GraphEditor {
    /// Gives `layer`'s tensor a new buffer holding `values` (the old buffer may be shared).
    mutating func replaceWeights(of tensorIndex: Int32, with values: [Float]) {
        graph.tensors[Int(tensorIndex)].buffer = addBuffer(littleEndianBytes(values))
    }
}
