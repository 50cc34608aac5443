import LiteModel

/// What a caller needs to know about a model input or output.
public struct TensorInfo: Equatable, Sendable {
    /// Index of the tensor in the primary subgraph.
    public let tensorIndex: Int
    /// Signature name when the model has a signature def, else the tensor name.
    public let name: String
    /// The tensor's own name in the model (what LiteRT's tensor details report).
    public let tensorName: String
    public let shape: [Int]
    /// The shape signature with -1 for dynamic dimensions (equal to `shape` when static).
    public let shapeSignature: [Int]
    public let type: TensorType
    /// Per-tensor or per-axis quantization scales and zero points (empty when not quantized).
    public let scales: [Float]
    public let zeroPoints: [Int64]

    public init(tensorIndex: Int, name: String, tensorName: String? = nil, shape: [Int], shapeSignature: [Int]? = nil,
                type: TensorType, scales: [Float] = [], zeroPoints: [Int64] = []) {
        self.tensorIndex = tensorIndex
        self.name = name
        self.tensorName = tensorName ?? name
        self.shape = shape
        self.shapeSignature = shapeSignature ?? shape
        self.type = type
        self.scales = scales
        self.zeroPoints = zeroPoints
    }

    /// Bytes of one tensor of this shape and type.
    public var byteCount: Int { type.byteCount(elements: shape.reduce(1, *)) ?? 0 }
}
