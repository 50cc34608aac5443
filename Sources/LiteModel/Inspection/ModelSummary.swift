/// What `edgewise inspect` reports about a model: a plain value built from a `Model` and its file
/// size (`ModelSummary(model:fileBytes:)`), rendered as text (`renderText(title:)`) or JSON
/// (`jsonData()`).
///
/// JSON keys (snake_case, stable; every key is always present, null where noted):
/// - `file_bytes`: size of the `.tflite` file in bytes.
/// - `schema_version`: the model's schema `version` field.
/// - `description`: the model's description string, or null.
/// - `subgraph_count`: number of subgraphs.
/// - `inputs`, `outputs`: the tensors of subgraph 0's inputs/outputs, each a *tensor* (below).
/// - `signatures`: `[{ key, subgraph, inputs: [{ name, tensor }], outputs: [{ name, tensor }] }]`,
///   where `tensor` is a tensor index in that subgraph.
/// - `op_histogram`: `[{ op, count }]` over all subgraphs, most frequent first, then by name.
/// - `operators`: `[{ subgraph, index, op, version, inputs, outputs, parameters, weight_bytes, macs }]`
///   for every operator of every subgraph in file order. `inputs`/`outputs` are *tensors*; an omitted
///   optional input (index -1) is `null`. `parameters` is the element count of the constant inputs,
///   `weight_bytes` maps dtype → bytes of the constant inputs, `macs` counts multiply-accumulates
///   (0 for ops without them or with unknown shapes).
/// - `size`: `{ file_bytes, weight_bytes, weight_bytes_by_dtype, graph_overhead_bytes, parameters, macs }`;
///   weights are the constant buffers used by tensors (each buffer once), overhead is
///   `file_bytes − weight_bytes` (graph structure, metadata, padding); `parameters` counts the
///   elements of those buffers' tensors, `macs` sums the operators'.
/// - `custom_ops`: names of the custom operators the graph uses, sorted.
/// - `metadata`: `[{ name, bytes, value }]`; `value` is the text of `min_runtime_version`, else null.
///
/// A *tensor* is `{ index, name, dtype, shape, shape_signature, is_constant, quantization }`:
/// `dtype` is a lowercase type name (`int8`, `float32`…), `shape_signature` uses -1 for a dynamic
/// dimension (it equals `shape` when the file stores none, as LiteRT reports it), `quantization`
/// is null when the tensor has no scales, else `{ axis, count, scales, zero_points, scale_min,
/// scale_max }` with `axis` null for per-tensor quantization, `count` the number of scales and
/// `scales`/`zero_points` the first `QuantizationSummary.listed` values.
public struct ModelSummary: Codable, Equatable, Sendable {
    public var fileBytes: Int
    public var schemaVersion: Int
    public var modelDescription: String?
    public var subgraphCount: Int
    public var inputs: [TensorSummary]
    public var outputs: [TensorSummary]
    public var signatures: [SignatureSummary]
    public var opHistogram: [OpCount]
    public var operators: [OperatorSummary]
    public var size: SizeBreakdown
    public var customOps: [String]
    public var metadata: [MetadataSummary]

    enum CodingKeys: String, CodingKey {
        case fileBytes = "file_bytes", schemaVersion = "schema_version", modelDescription = "description"
        case subgraphCount = "subgraph_count", inputs, outputs, signatures, opHistogram = "op_histogram"
        case operators, size, customOps = "custom_ops", metadata
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fileBytes, forKey: .fileBytes)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(modelDescription, forKey: .modelDescription)
        try container.encode(subgraphCount, forKey: .subgraphCount)
        try container.encode(inputs, forKey: .inputs)
        try container.encode(outputs, forKey: .outputs)
        try container.encode(signatures, forKey: .signatures)
        try container.encode(opHistogram, forKey: .opHistogram)
        try container.encode(operators, forKey: .operators)
        try container.encode(size, forKey: .size)
        try container.encode(customOps, forKey: .customOps)
        try container.encode(metadata, forKey: .metadata)
    }
}

/// One tensor: identity, type, shape and quantization.
public struct TensorSummary: Codable, Equatable, Sendable {
    public var index: Int
    public var name: String
    public var dtype: String
    public var shape: [Int]
    /// The shape with -1 for dynamic dimensions; equals `shape` when the file stores no signature.
    public var shapeSignature: [Int]
    public var isConstant: Bool
    public var quantization: QuantizationSummary?

    enum CodingKeys: String, CodingKey {
        case index, name, dtype, shape, shapeSignature = "shape_signature", isConstant = "is_constant", quantization
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(index, forKey: .index)
        try container.encode(name, forKey: .name)
        try container.encode(dtype, forKey: .dtype)
        try container.encode(shape, forKey: .shape)
        try container.encode(shapeSignature, forKey: .shapeSignature)
        try container.encode(isConstant, forKey: .isConstant)
        try container.encode(quantization, forKey: .quantization)
    }
}

/// A tensor's quantization: one scale (per-tensor) or one per slice along `axis` (per-axis).
public struct QuantizationSummary: Codable, Equatable, Sendable {
    /// How many scales and zero points are listed at most.
    public static let listed = 8

    /// The quantized dimension, or nil for per-tensor quantization.
    public var axis: Int?
    public var count: Int
    public var scales: [Float]
    public var zeroPoints: [Int64]
    public var scaleMin: Float
    public var scaleMax: Float

    enum CodingKeys: String, CodingKey {
        case axis, count, scales, zeroPoints = "zero_points", scaleMin = "scale_min", scaleMax = "scale_max"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(axis, forKey: .axis)
        try container.encode(count, forKey: .count)
        try container.encode(scales, forKey: .scales)
        try container.encode(zeroPoints, forKey: .zeroPoints)
        try container.encode(scaleMin, forKey: .scaleMin)
        try container.encode(scaleMax, forKey: .scaleMax)
    }
}

/// A signature def: its key, subgraph and named inputs/outputs.
public struct SignatureSummary: Codable, Equatable, Sendable {
    /// A signature's name for one tensor of its subgraph.
    public struct Entry: Codable, Equatable, Sendable {
        public var name: String
        public var tensor: Int
    }

    public var key: String
    public var subgraph: Int
    public var inputs: [Entry]
    public var outputs: [Entry]
}

/// How often one operator (by name, any version) occurs.
public struct OpCount: Codable, Equatable, Sendable {
    public var op: String
    public var count: Int
}

/// One operator: what it is, what it reads and writes, and what it costs.
public struct OperatorSummary: Codable, Equatable, Sendable {
    public var subgraph: Int
    public var index: Int
    public var op: String
    public var version: Int
    public var inputs: [TensorSummary?]
    public var outputs: [TensorSummary]
    public var parameters: Int
    public var weightBytes: [String: Int]
    public var macs: Int

    enum CodingKeys: String, CodingKey {
        case subgraph, index, op, version, inputs, outputs, parameters, weightBytes = "weight_bytes", macs
    }
}

/// Where the file's bytes go: constant weights by dtype versus everything else.
public struct SizeBreakdown: Codable, Equatable, Sendable {
    public var fileBytes: Int
    public var weightBytes: Int
    public var weightBytesByDtype: [String: Int]
    public var graphOverheadBytes: Int
    public var parameters: Int
    public var macs: Int

    enum CodingKeys: String, CodingKey {
        case fileBytes = "file_bytes", weightBytes = "weight_bytes", weightBytesByDtype = "weight_bytes_by_dtype"
        case graphOverheadBytes = "graph_overhead_bytes", parameters, macs
    }
}

/// One metadata entry: its name, size and, for `min_runtime_version`, its text.
public struct MetadataSummary: Codable, Equatable, Sendable {
    public var name: String
    public var bytes: Int
    public var value: String?

    enum CodingKeys: String, CodingKey { case name, bytes, value }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(bytes, forKey: .bytes)
        try container.encode(value, forKey: .value)
    }
}
