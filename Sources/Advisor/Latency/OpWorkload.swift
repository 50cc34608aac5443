import LiteModel

/// What one op costs to run, independent of the hardware: its multiply-accumulates and the bytes
/// it reads and writes. Codable so that workloads of large reference models (Table 1) can be kept
/// as small JSON files instead of the models themselves.
public struct OpWorkload: Codable, Equatable, Sendable {
    /// Schema name of the op, e.g. `CONV_2D`.
    public var op: String
    /// The type the op computes in: `float32`, `int8`, `int16` or `hybrid` (float activations,
    /// int8 weights).
    public var compute: String
    public var macs: Int
    /// Constant bytes the op reads (weights, biases).
    public var weightBytes: Int
    /// Bytes of its non-constant inputs and its outputs.
    public var activationBytes: Int
    /// Bytes of its outputs (what crosses a hand-over to another processor).
    public var outputBytes: Int

    public init(op: String, compute: String, macs: Int, weightBytes: Int, activationBytes: Int, outputBytes: Int) {
        self.op = op
        self.compute = compute
        self.macs = macs
        self.weightBytes = weightBytes
        self.activationBytes = activationBytes
        self.outputBytes = outputBytes
    }

    /// The workload of every op of the model's primary subgraph, in file (execution) order.
    public static func of(_ model: Model) -> [OpWorkload] {
        guard let graph = model.subgraphs.first else { return [] }
        return graph.operators.indices.map { index in
            let view = OperatorView(model: model, index: index)
            let weights = model.weightBytesByType(operator: index)
            let bytes = { (tensors: [Tensor]) in tensors.reduce(0) { $0 + ($1.type.byteCount(elements: $1.elementCount) ?? 0) } }
            return OpWorkload(op: view.name, compute: computeType(output: view.output(0)?.type ?? .float32, weightTypes: Set(weights.keys)),
                              macs: model.multiplyAccumulates(operator: index), weightBytes: weights.values.reduce(0, +),
                              activationBytes: bytes(view.activations), outputBytes: bytes(view.outputs))
        }
    }

    /// int8/uint8 outputs compute in int8, int16 in int16; float outputs with 8-bit (or smaller)
    /// weights are hybrid; everything else float32.
    static func computeType(output: TensorType, weightTypes: Set<TensorType>) -> String {
        switch output {
        case .int8, .uint8: "int8"
        case .int16: "int16"
        default: weightTypes.isDisjoint(with: [.int8, .uint8, .int4]) ? "float32" : "hybrid"
        }
    }

    /// Whether the op is a depthwise convolution (costed at its own, lower rate).
    var isDepthwise: Bool { op == "DEPTHWISE_CONV_2D" }
}
