import LiteModel

/// The builtin operators the runtime can run. An op may have several builders: variants
/// registered with a condition (e.g. "input 0 is int8") are tried first, in registration order;
/// the unconditional builder, if any, is the fallback. Op families register in their own files
/// under `Runtime/Ops`, listed in `opFamilies`.
public struct OpRegistry: Sendable {
    public typealias Builder = @Sendable (OpContext) throws -> OpPlan
    public typealias Condition = @Sendable (OpContext) -> Bool

    private var variants: [Int32: [(condition: Condition, builder: Builder)]] = [:]
    private var fallbacks: [Int32: Builder] = [:]

    public init() {}

    /// Sets the builder of `op` used when no conditional variant applies.
    public mutating func register(_ op: BuiltinOperator, _ builder: @escaping Builder) {
        fallbacks[op.rawValue] = builder
    }

    /// Adds a builder of `op` used when `condition` holds for the op being prepared.
    public mutating func register(_ op: BuiltinOperator, when condition: @escaping Condition, _ builder: @escaping Builder) {
        variants[op.rawValue, default: []].append((condition, builder))
    }

    /// Whether `op` has any builder.
    public func supports(_ op: BuiltinOperator) -> Bool {
        fallbacks[op.rawValue] != nil || variants[op.rawValue] != nil
    }

    /// The builder for the op in `context`: the first matching variant, else the fallback.
    public func builder(for context: OpContext) -> Builder? {
        let code = context.code.builtin.rawValue
        if let match = variants[code]?.first(where: { $0.condition(context) }) { return match.builder }
        return fallbacks[code]
    }

    /// Operators with a builder, for listings.
    public var supported: [BuiltinOperator] {
        Set(fallbacks.keys).union(variants.keys).sorted().map { BuiltinOperator(rawValue: $0) }
    }

    /// Every op family this runtime implements.
    public static let standard: OpRegistry = {
        var registry = OpRegistry()
        for family in opFamilies { family(&registry) }
        return registry
    }()
}

extension OpContext {
    /// Type of input `position`, nil when absent.
    public func inputType(_ position: Int) -> TensorType? {
        position < inputs.count ? inputs[position]?.type : nil
    }
}
