/// Where each op of a model runs on one target, and why.
public struct CompatibilityReport: Sendable, Codable {
    /// Where an op runs.
    public enum Placement: String, Codable, Sendable {
        /// On the target (for XNNPACK: the delegate; for TFLM: an optimized kernel).
        case accelerated
        /// On the CPU's builtin kernels (or, on TFLM, a slow reference kernel).
        case fallback
        /// Nowhere: TFLM has no kernel for it, so the model cannot be loaded.
        case unsupported
    }

    /// Why an op is placed where it is; the raw values mirror the Edge TPU compiler's statuses
    /// where one exists.
    public enum Reason: String, Codable, Sendable {
        case mapped
        /// A QUANTIZE/DEQUANTIZE at the model's float boundary, run on the CPU.
        case boundary
        case unsupportedOp
        case unsupportedVersion
        case unsupportedDataType
        /// Float activations with int8 weights (dynamic range) are not accepted for this op.
        case hybridNotSupported
        case unsupportedRank
        case dynamicShape
        case parameterLimit
        /// Supported, but after the Edge TPU's single cut ("More than one subgraph is not supported").
        case afterCut
        /// Supported, but its run of supported ops is shorter than the delegate's minimum.
        case partitionTooSmall
        /// Supported, but the delegate already took its maximum number of partitions.
        case partitionLimit
        /// Runs on a reference kernel (TFLM float32/int16): correct but slow.
        case referenceKernel
    }

    /// One op's verdict.
    public struct OpVerdict: Sendable, Codable {
        public var index: Int
        public var op: String
        public var version: Int
        public var placement: Placement
        public var reason: Reason
        /// One sentence for people.
        public var detail: String
        /// Limits that cannot be checked from the file, from the profile.
        public var notes: [String]
    }

    /// A run of consecutive ops (in execution order) on the same side.
    public struct Partition: Sendable, Codable, Equatable {
        public var placement: Placement
        public var first: Int
        public var last: Int
        public var count: Int { last - first + 1 }
    }

    public var target: String
    public var targetName: String
    public var ops: [OpVerdict]
    public var partitions: [Partition]
    /// Edge TPU: the op where mapping stopped, if it did.
    public var cutAt: Int?
    /// Model-wide findings (e.g. "model not quantized").
    public var findings: [String]
    /// Target-wide notes from the profile.
    public var notes: [String]

    /// Ops on the target.
    public var acceleratedCount: Int { ops.filter { $0.placement == .accelerated }.count }
    /// Whether the model can run at all (false only on TFLM with a missing kernel).
    public var isRunnable: Bool { !ops.contains { $0.placement == .unsupported } }
}
