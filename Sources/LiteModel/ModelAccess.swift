/// Convenience accessors over the schema values: operator codes, tensor types, constant data.

extension OperatorCode {
    /// The builtin operator, using TFLite's rule `max(builtin_code, deprecated_builtin_code)`:
    /// old files keep the code only in `deprecated_builtin_code` (and read `builtin_code` as 0 = ADD),
    /// new files store 127 there as a placeholder for codes above 126.
    public var builtin: BuiltinOperator {
        BuiltinOperator(rawValue: max(builtinCode.rawValue, Int32(deprecatedBuiltinCode)))
    }

    /// Whether this is a custom operator (its name is in `customCode`).
    public var isCustom: Bool { builtin == .custom }

    /// "CONV_2D", or "CUSTOM(name)" for a custom op, or "BUILTIN(n)" for a code this schema doesn't know.
    public var displayName: String {
        if isCustom { return "CUSTOM(\(customCode ?? "?"))" }
        return builtin.name ?? "BUILTIN(\(builtin.rawValue))"
    }

    /// An operator code written the way TFLite's exporter writes it.
    public init(_ builtin: BuiltinOperator, version: Int32 = 1, customCode: String? = nil) {
        self.init()
        self.builtinCode = builtin
        self.deprecatedBuiltinCode = Int8(min(builtin.rawValue, 127))
        self.version = version
        self.customCode = customCode
    }
}

extension TensorType {
    /// Bits per element, or nil for types without a fixed element size (string, resource, variant).
    public var bitWidth: Int? {
        switch self {
        case .float32, .int32, .uint32: return 32
        case .float16, .int16, .uint16, .bfloat16: return 16
        case .int8, .uint8, .bool: return 8
        case .int64, .uint64, .float64, .complex64: return 64
        case .complex128: return 128
        case .int4: return 4
        default: return nil
        }
    }

    /// Bytes needed for `count` elements (rounded up for sub-byte types); nil when unsized.
    public func byteCount(elements count: Int) -> Int? {
        bitWidth.map { ($0 * count + 7) / 8 }
    }
}

extension Tensor {
    /// Number of elements of the static shape (1 for a scalar); -1 dimensions count as 1.
    /// Saturates at `Int.max` for hostile shapes instead of overflowing.
    public var elementCount: Int { saturatingProduct(shape.map { max(Int($0), 1) }) }

    /// The shape as `Int`s.
    public var dimensions: [Int] { shape.map(Int.init) }

    /// Whether the tensor has per-axis (more than one) quantization scales.
    public var isPerAxisQuantized: Bool { (quantization?.scale.count ?? 0) > 1 }
}

extension Model {
    /// The constant bytes behind `tensor`, or nil when it has none (an activation or input).
    public func constantData(of tensor: Tensor) -> [UInt8]? {
        let index = Int(tensor.buffer)
        guard index > 0, index < buffers.count, !buffers[index].data.isEmpty else { return nil }
        return buffers[index].data
    }

    /// The operator code of `op`, or nil when its `opcode_index` is out of range.
    public func operatorCode(of op: Operator) -> OperatorCode? {
        let index = Int(op.opcodeIndex)
        return index < operatorCodes.count ? operatorCodes[index] : nil
    }

    /// Metadata entries as (name, bytes); entries pointing at missing buffers are skipped.
    public var metadataEntries: [(name: String, bytes: [UInt8])] {
        metadata.compactMap { entry in
            let index = Int(entry.buffer)
            guard index < buffers.count else { return nil }
            return (entry.name ?? "", buffers[index].data)
        }
    }
}

/// The product of `values`, or `Int.max` when it overflows (or a negative factor appears).
public func saturatingProduct(_ values: [Int]) -> Int {
    var product = 1
    for value in values {
        guard value >= 0 else { return .max }
        let (next, overflow) = product.multipliedReportingOverflow(by: value)
        if overflow { return .max }
        product = next
    }
    return product
}
