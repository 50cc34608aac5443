import LiteModel

/// The builtin operators the runtime can run, each with its builder. Op families register in
/// their own files under `Runtime/Ops` through `OpRegistry.standard`.
public struct OpRegistry: Sendable {
    private var builders: [Int32: @Sendable (OpContext) throws -> OpPlan] = [:]

    public init() {}

    /// Adds or replaces the builder of `op`.
    public mutating func register(_ op: BuiltinOperator, _ builder: @escaping @Sendable (OpContext) throws -> OpPlan) {
        builders[op.rawValue] = builder
    }

    /// The builder of `op`, if any.
    public func builder(for op: BuiltinOperator) -> (@Sendable (OpContext) throws -> OpPlan)? {
        builders[op.rawValue]
    }

    /// Operators with a builder, for listings.
    public var supported: [BuiltinOperator] { builders.keys.sorted().map { BuiltinOperator(rawValue: $0) } }

    /// Every op family this runtime implements.
    public static let standard: OpRegistry = {
        var registry = OpRegistry()
        for family in opFamilies { family(&registry) }
        return registry
    }()
}
