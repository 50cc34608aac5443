import Foundation

/// What one accelerator (or CPU backend) accepts, read from `Resources/advisor/targets/ID.json`.
/// Every field is documented in `Resources/advisor/README.md`; facts cite TARGETS.md's sources.
public struct TargetProfile: Codable, Sendable {
    /// How the runtime splits a graph between the target and the CPU.
    public enum Partitioning: String, Codable, Sendable {
        /// Edge TPU: everything up to the first unsupported op; that op and all after it on CPU.
        case singleCut
        /// Delegates (GPU, Hexagon): runs of supported ops; only the largest `maxPartitions` runs of
        /// at least `minPartitionOps` ops are delegated.
        case partitions
        /// XNNPACK: each unsupported op runs on a builtin kernel, no limit.
        case perOp
        /// TFLM: no delegation; an op without a kernel is an error at init.
        case none
    }

    /// One supported builtin operator and its limits.
    public struct OpRule: Codable, Sendable {
        /// Schema name, e.g. `CONV_2D`.
        public var op: String
        public var minVersion: Int?
        public var maxVersion: Int?
        /// Activation types this op accepts here; nil: the profile's `activationTypes`.
        public var activationTypes: [String]?
        /// Whether float activations with int8 constant weights (dynamic range) are accepted.
        public var hybrid: Bool?
        public var constraints: [OpConstraint]?
        /// Limits that cannot be checked from the file alone, shown with the op.
        public var notes: [String]?
        /// Source ids (see `sources`).
        public var source: String?
    }

    /// The documented cost model's numbers for this target (see `LatencyEstimator`).
    public struct Cost: Codable, Sendable {
        /// Multiply-accumulates per second by compute type (`float32`, `int8`, `int16`, `hybrid`).
        public var macsPerSecond: [String: Double]
        /// Depthwise convolutions reuse little data; their own (lower) rates by compute type.
        public var depthwiseMacsPerSecond: [String: Double]
        /// Activation and weight bytes moved per second.
        public var bytesPerSecond: Double
        /// Fixed cost of dispatching one op.
        public var perOpSeconds: Double
        /// Fixed cost of each hand-over between the target and the CPU (sync, copies).
        public var perTransferSeconds: Double
        /// Bytes per second of the tensors that cross a hand-over.
        public var transferBytesPerSecond: Double
        /// Parameter bytes that stay on chip; more are streamed at `streamingBytesPerSecond` each run.
        public var onChipParameterBytes: Int?
        public var streamingBytesPerSecond: Double?
        /// Where the figures come from, and what is assumed.
        public var basis: String
    }

    public var id: String
    public var name: String
    public var summary: String
    public var partitioning: Partitioning
    public var maxPartitions: Int?
    public var minPartitionOps: Int?
    /// Activation (non-constant tensor) types the target computes in.
    public var activationTypes: [String]
    /// Activation types that run, but only on slow reference kernels (TFLM float32).
    public var referenceActivationTypes: [String]?
    /// Types of constant tensors (weights, biases) the target accepts.
    public var constantTypes: [String]
    /// Largest tensor rank; nil: no limit.
    public var maxRank: Int?
    /// Only this many innermost dimensions may exceed 1 (Edge TPU); nil: no limit.
    public var innermostDimensions: Int?
    /// Shapes must be static (no -1 in any shape signature).
    public var staticShapes: Bool
    /// Ops that may sit at the model's float boundary (QUANTIZE of an input, DEQUANTIZE of an
    /// output) and run on the CPU without cutting the graph.
    public var boundaryOps: [String]
    public var ops: [OpRule]
    public var cost: Cost
    /// Target-wide facts shown with every report.
    public var notes: [String]
    /// Source id → citation, from TARGETS.md.
    public var sources: [String: String]

    /// The rule for an op name, if the target supports it at all.
    public func rule(for op: String) -> OpRule? { ops.first { $0.op == op } }

    /// The bundled profile for a target (nil for `.unknown`).
    public static func bundled(_ target: TargetKind) throws(AdvisorError) -> TargetProfile {
        guard target != .unknown else { throw .badAnswer("no profile for an unknown target: pick one of cpu, gpu, edgetpu, hexagon, mcu") }
        return try AdvisorData.decode(TargetProfile.self, at: "advisor/targets/\(target.rawValue).json")
    }
}
