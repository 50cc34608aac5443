import LiteModel

/// Runs the primary subgraph of a TFLite model with Edgewise's own kernels.
///
/// `init` prepares: propagates shapes, folds ops whose inputs are all known (constants, SHAPE
/// results), plans one arena for activations with lifetime-based reuse, and builds each op's
/// kernel. Unsupported ops are reported there, all at once. `invoke()` then runs the kernels.
public final class Interpreter {
    public struct Options: Sendable {
        /// Threads for the fast kernels (1…N).
        public var threads: Int
        /// Op implementations to use.
        public var registry: OpRegistry
        /// Give every tensor its own memory so all intermediate results can be read after
        /// `invoke()` (calibration, per-layer error); costs memory, not speed.
        public var preserveAllTensors: Bool
        public init(threads: Int = 1, registry: OpRegistry = .standard, preserveAllTensors: Bool = false) {
            self.threads = max(1, threads)
            self.registry = registry
            self.preserveAllTensors = preserveAllTensors
        }
    }

    public let model: Model
    public let options: Options
    /// Model inputs and outputs with their current shapes.
    public private(set) var inputs: [TensorInfo] = []
    public private(set) var outputs: [TensorInfo] = []
    /// Size of the activation arena in bytes.
    public private(set) var arenaBytes = 0

    private var inputShapes: [Int: [Int]]
    private var plan: ExecutionPlan?

    /// Prepares `model` with its stored input shapes.
    public init(model: Model, options: Options = Options()) throws(RuntimeError) {
        self.model = model
        self.options = options
        self.inputShapes = [:]
        try prepare()
    }

    /// Changes the shape of input `position` (e.g. a dynamic batch) and prepares again.
    public func resizeInput(_ position: Int, to shape: [Int]) throws(RuntimeError) {
        guard position < inputs.count else { throw .badInput("the model has \(inputs.count) inputs, no input \(position)") }
        let signature = inputs[position].shapeSignature
        guard shape.count == signature.count,
              zip(shape, signature).allSatisfy({ $1 == -1 || $0 == $1 }), shape.allSatisfy({ $0 > 0 }) else {
            throw .badInput("input \(position) '\(inputs[position].name)' has shape \(signature), cannot take \(shape)")
        }
        inputShapes[inputs[position].tensorIndex] = shape
        try prepare()
    }

    private func prepare() throws(RuntimeError) {
        let built = try ExecutionPlan(model: model, inputShapes: inputShapes, options: options)
        plan = built
        inputs = built.inputInfos
        outputs = built.outputInfos
        arenaBytes = built.arenaBytes
    }

    /// Copies raw little-endian bytes into input `position`; the byte count must match.
    public func setInput(_ position: Int, bytes: UnsafeRawBufferPointer) throws(RuntimeError) {
        guard position < inputs.count else { throw .badInput("the model has \(inputs.count) inputs, no input \(position)") }
        let info = inputs[position]
        guard bytes.count == info.byteCount else {
            throw .badInput("input \(position) '\(info.name)' needs \(info.byteCount) bytes (\(info.type) \(info.shape)), got \(bytes.count)")
        }
        plan!.address(of: info.tensorIndex).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
    }

    /// Copies `values` into float32 input `position`.
    public func setInput(_ position: Int, floats values: [Float]) throws(RuntimeError) {
        let result: Result<Void, RuntimeError> = values.withUnsafeBytes { raw in
            Result { () throws(RuntimeError) in try setInput(position, bytes: raw) }
        }
        try result.get()
    }

    /// Runs every kernel once.
    public func invoke() throws(RuntimeError) {
        try plan!.run()
    }

    /// Invokes the model `runs` times and returns each executed operator's total wall time
    /// (operators folded at prepare time do not appear), in execution order.
    public func profileOperators(runs: Int) throws(RuntimeError) -> [OperatorTime] {
        var nanoseconds: [UInt64] = []
        for _ in 0 ..< max(runs, 1) { try plan!.runTimed(&nanoseconds) }
        return zip(plan!.stepOperators, nanoseconds).map { step, total in
            OperatorTime(index: step.index, name: step.name, seconds: Double(total) / 1e9)
        }
    }

    /// The bytes of output `position` after `invoke()`.
    public func outputBytes(_ position: Int) -> [UInt8] {
        let info = outputs[position]
        let base = plan!.address(of: info.tensorIndex)
        return Array(UnsafeRawBufferPointer(start: base, count: info.byteCount))
    }

    /// Output `position` as floats (float32 outputs only).
    public func outputFloats(_ position: Int) -> [Float] {
        let info = outputs[position]
        let base = plan!.address(of: info.tensorIndex).assumingMemoryBound(to: Float.self)
        return Array(UnsafeBufferPointer(start: base, count: info.shape.reduce(1, *)))
    }

    /// Read access to any tensor's current bytes after `invoke()` (for per-layer comparisons);
    /// nil when the tensor has no memory (unused).
    public func tensorBytes(_ tensorIndex: Int) -> [UInt8]? {
        plan!.bytes(of: tensorIndex)
    }

    /// Current shape of any tensor of the primary subgraph.
    public func tensorShape(_ tensorIndex: Int) -> [Int]? {
        plan!.shapes[tensorIndex]
    }
}
