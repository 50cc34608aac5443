import LiteModel
import Runtime

/// TFLite's sparse tensor format, as the converter's `Optimize.EXPERIMENTAL_SPARSITY` writes it:
/// each conv / fully connected weight tensor that is smaller that way is stored as its non-zero
/// values plus `SparsityParameters` (identity traversal order, every dimension dense but the last,
/// which is CSR with the narrowest index type that fits), and a DENSIFY op rebuilds the dense
/// tensor for the unchanged consumer. Only float32 weights are encoded: LiteRT's XNNPACK delegate
/// refuses int8 conv filters that come from a DENSIFY op (hybrid and full-integer alike).
public enum SparseEncoding {
    /// The model with every weight tensor that gets smaller stored sparse, and how many were.
    public static func apply(to model: Model) throws(OptimizationError) -> (model: Model, encodedTensors: Int) {
        guard !model.subgraphs.isEmpty else { throw .unsupportedModel("it has no subgraphs") }
        var editor = GraphEditor(model)
        var densifyOps: [Operator] = []
        for t in candidateTensors(editor) {
            let tensor = editor.graph.tensors[Int(t)]
            guard let data = editor.model.constantData(of: tensor),
                  let (values, sparsity) = try encode(data, type: tensor.type, shape: tensor.dimensions),
                  values.count + byteCount(sparsity) < data.count else { continue }
            var sparse = tensor
            sparse.name = tensor.name.map { $0 + "/sparse" }
            sparse.buffer = editor.addBuffer(values)
            sparse.sparsity = sparsity
            let input = editor.addTensor(sparse)
            editor.graph.tensors[Int(t)].buffer = 0
            densifyOps.append(editor.makeOperator(.densify, version: 1, inputs: [input], outputs: [t]))
        }
        editor.graph.operators.insert(contentsOf: densifyOps, at: 0)
        editor.removeUnused()
        return (editor.model, densifyOps.count)
    }

    /// Constant weight inputs (input 1) of conv / depthwise / fully connected / transpose conv ops,
    /// float32, not already sparse, not graph outputs, each once.
    private static func candidateTensors(_ editor: GraphEditor) -> [Int32] {
        let outputs = Set(editor.graph.outputs)
        let weightOps: Set<BuiltinOperator> = [.conv2D, .depthwiseConv2D, .fullyConnected, .transposeConv]
        var seen = Set<Int32>()
        return editor.graph.operators.indices.compactMap { o -> Int32? in
            let op = editor.graph.operators[o]
            guard let type = editor.builtin(ofOperator: o), weightOps.contains(type), op.inputs.count > 1 else { return nil }
            let t = op.inputs[1]
            guard t >= 0, !outputs.contains(t), editor.isConstant(t), seen.insert(t).inserted else { return nil }
            let tensor = editor.graph.tensors[Int(t)]
            guard tensor.sparsity == nil, tensor.type == .float32, tensor.shape.count >= 2 else { return nil }
            return t
        }
    }

    /// The stored values' bytes and the format of `data` (type float32 or int8) with the last
    /// dimension compressed.
    static func encode(_ data: [UInt8], type: TensorType, shape: [Int]) throws(OptimizationError) -> (values: [UInt8], sparsity: SparsityParameters)? {
        do {
            switch type {
            case .float32:
                let dense = data.withUnsafeBytes { raw in (0..<raw.count / 4).map { raw.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) } }
                let (values, format) = try sparsified(dense, shape: shape)
                return (littleEndianBytes(values), parameters(format))
            case .int8:
                let (values, format) = try sparsified(data.map { Int8(bitPattern: $0) }, shape: shape)
                return (values.map { UInt8(bitPattern: $0) }, parameters(format))
            default:
                return nil
            }
        } catch {
            throw .unsupportedModel("sparse encoding of a \(shape) tensor failed: \(error)")
        }
    }

    private static func sparsified<T: AdditiveArithmetic>(_ dense: [T], shape: [Int]) throws -> (values: [T], format: SparseFormat) {
        try dense.withUnsafeBufferPointer { buffer in
            try Densify.sparsify(TensorView(shape: shape, base: buffer.baseAddress!), traversalOrder: Array(shape.indices),
                                 sparseDimensions: [shape.count - 1])
        }
    }

    /// The schema form of `format`, index arrays in the narrowest of uint8, uint16 and int32.
    static func parameters(_ format: SparseFormat) -> SparsityParameters {
        var parameters = SparsityParameters()
        parameters.traversalOrder = format.traversalOrder.map(Int32.init)
        parameters.blockMap = format.blockMap.map(Int32.init)
        parameters.dimMetadata = format.dimensions.map { dimension in
            var metadata = DimensionMetadata()
            switch dimension {
            case .dense(let size):
                metadata.format = .dense
                metadata.denseSize = Int32(size)
            case .sparse(let segments, let indices):
                metadata.format = .sparseCsr
                metadata.arraySegments = indexVector(segments)
                metadata.arrayIndices = indexVector(indices)
            }
            return metadata
        }
        return parameters
    }

    private static func indexVector(_ values: [Int]) -> SparseIndexVector {
        let largest = values.max() ?? 0
        if largest <= Int(UInt8.max) {
            var vector = Uint8Vector()
            vector.values = values.map { UInt8($0) }
            return .uint8Vector(vector)
        }
        if largest <= Int(UInt16.max) {
            var vector = Uint16Vector()
            vector.values = values.map { UInt16($0) }
            return .uint16Vector(vector)
        }
        var vector = Int32Vector()
        vector.values = values.map { Int32($0) }
        return .int32Vector(vector)
    }

    /// Bytes the index arrays take.
    private static func byteCount(_ sparsity: SparsityParameters) -> Int {
        sparsity.dimMetadata.reduce(0) { total, metadata in
            total + [metadata.arraySegments, metadata.arrayIndices].reduce(0) { sum, vector in
                switch vector {
                case .uint8Vector(let v)?: sum + v.values.count
                case .uint16Vector(let v)?: sum + 2 * v.values.count
                case .int32Vector(let v)?: sum + 4 * v.values.count
                default: sum
                }
            }
        }
    }
}
