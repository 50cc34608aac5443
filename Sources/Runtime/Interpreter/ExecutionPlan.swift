import Dispatch
import LiteModel

/// The prepared state of one primary subgraph: shapes, memory and kernels in execution order.
final class ExecutionPlan {
    let inputInfos: [TensorInfo]
    let outputInfos: [TensorInfo]
    let arenaBytes: Int
    /// Current shape of each tensor (nil for tensors no op touches).
    private(set) var shapes: [[Int]?]

    private let arena: UnsafeMutableRawPointer
    private let store: KnownTensorStore
    private let addresses: [UnsafeMutableRawPointer?]
    private let byteCounts: [Int]
    private let steps: [(index: Int, name: String, kernel: Kernel)]

    init(model: Model, inputShapes: [Int: [Int]], options: Interpreter.Options) throws(RuntimeError) {
        do { try model.validate() } catch { throw .invalidModel(error.description) }
        let graph = model.subgraphs[0]
        let order: [Int]
        do { order = try graph.topologicalOrder() } catch { throw .invalidModel(error.description) }

        var unsupported: [RuntimeError.UnsupportedOp] = []
        for index in order {
            let code = model.operatorCodes[Int(graph.operators[index].opcodeIndex)]
            if code.isCustom {
                unsupported.append(.init(index: index, name: code.displayName, reason: "custom op; only a delegate or a registered custom kernel implements it"))
            } else if !options.registry.supports(code.builtin) {
                unsupported.append(.init(index: index, name: code.displayName, reason: "no kernel in Edgewise's runtime"))
            }
        }
        guard unsupported.isEmpty else { throw .unsupportedOps(unsupported) }

        var tensors = graph.tensors.enumerated().map { index, tensor in
            PreparedTensor(index: index, name: tensor.name ?? "tensor \(index)", type: tensor.type,
                           shape: inputShapes[index] ?? tensor.dimensions.map { max($0, 1) },
                           quantization: tensor.quantization, sparsity: tensor.sparsity,
                           knownBytes: model.constantData(of: tensor))
        }
        let store = KnownTensorStore()
        var touched = Set(graph.inputs.map(Int.init) + graph.outputs.map(Int.init))

        // Shape propagation and folding of ops whose operands are all known.
        var pending: [(index: Int, context: OpContext, plan: OpPlan)] = []
        for index in order {
            let op = graph.operators[index]
            let code = model.operatorCodes[Int(op.opcodeIndex)]
            let context = OpContext(index: index, code: code, op: op,
                                    inputs: op.inputs.map { $0 < 0 ? nil : tensors[Int($0)] },
                                    outputs: op.outputs.map { tensors[Int($0)] }, threads: options.threads)
            guard let builder = options.registry.builder(for: context) else {
                throw .unsupportedOps([.init(index: index, name: code.displayName, reason: "no kernel for these tensor types")])
            }
            let plan: OpPlan
            do {
                plan = try builder(context)
            } catch let error as RuntimeError {
                throw error
            } catch let error as ShapeError {
                throw .invalidOp(index: index, name: code.displayName, message: error.message)
            } catch {
                throw .invalidOp(index: index, name: code.displayName, message: "\(error)")
            }
            guard plan.outputShapes.count == op.outputs.count else {
                throw .invalidOp(index: index, name: code.displayName, message: "internal: kernel gave \(plan.outputShapes.count) shapes for \(op.outputs.count) outputs")
            }
            for (position, output) in op.outputs.enumerated() { tensors[Int(output)].shape = plan.outputShapes[position] }
            touched.formUnion(op.inputs.filter { $0 >= 0 }.map(Int.init) + op.outputs.map(Int.init))

            let operands = context.inputs.compactMap { $0 }
            if !operands.isEmpty, operands.allSatisfy(\.isConstant) {
                let results = try Self.fold(context: context, plan: plan, tensors: tensors, store: store)
                for (position, output) in op.outputs.enumerated() { tensors[Int(output)].knownBytes = results[position] }
            } else {
                pending.append((index, context, plan))
            }
        }

        // Memory: known tensors in the store, everything else in one planned arena.
        let byteCounts = tensors.map { $0.knownBytes?.count ?? $0.type.byteCount(elements: $0.elementCount) ?? 0 }
        var addresses = [UnsafeMutableRawPointer?](repeating: nil, count: tensors.count)
        var storage = StorageGroups(count: tensors.count)
        for step in pending {
            for (output, input) in step.plan.aliases {
                let inputTensor = Int(graph.operators[step.index].inputs[input])
                storage.join(Int(graph.operators[step.index].outputs[output]), inputTensor)
            }
        }
        var lifetimes: [Int: (first: Int, last: Int, bytes: Int)] = [:]
        func use(_ tensor: Int, at step: Int) {
            guard tensors[tensor].knownBytes == nil else { return }
            let root = storage.root(tensor)
            let bytes = max(byteCounts[tensor], lifetimes[root]?.bytes ?? 0)
            let current = lifetimes[root] ?? (step, step, bytes)
            lifetimes[root] = (min(current.first, step), max(current.last, step), bytes)
        }
        // Graph inputs live through the whole run, as in LiteRT: invoking again without setting them
        // anew must read the same values.
        for input in graph.inputs {
            use(Int(input), at: 0)
            use(Int(input), at: pending.count)
        }
        for (position, step) in pending.enumerated() {
            let op = graph.operators[step.index]
            for tensor in op.inputs where tensor >= 0 { use(Int(tensor), at: position) }
            for tensor in op.outputs { use(Int(tensor), at: position) }
        }
        for output in graph.outputs { use(Int(output), at: pending.count) }
        let lastStep = pending.count
        var requests = lifetimes.map { id, life in
            options.preserveAllTensors
                ? MemoryPlan.Request(id: id, bytes: life.bytes, firstUse: 0, lastUse: lastStep)
                : MemoryPlan.Request(id: id, bytes: life.bytes, firstUse: life.first, lastUse: life.last)
        }
        for (position, step) in pending.enumerated() where step.plan.scratchBytes > 0 {
            requests.append(.init(id: -(position + 1), bytes: step.plan.scratchBytes, firstUse: position, lastUse: position))
        }
        let memoryPlan = MemoryPlan(requests)
        let arena = UnsafeMutableRawPointer.allocate(byteCount: max(memoryPlan.arenaBytes, 1), alignment: MemoryPlan.alignment)
        arena.initializeMemory(as: UInt8.self, repeating: 0, count: max(memoryPlan.arenaBytes, 1))
        for tensor in tensors.indices {
            if let known = tensors[tensor].knownBytes, touched.contains(tensor) {
                addresses[tensor] = store.address(of: tensor, bytes: known)
            } else if let offset = memoryPlan.offsets[storage.root(tensor)] {
                addresses[tensor] = arena + offset
            }
        }

        // Kernels over the planned addresses.
        var steps: [(index: Int, name: String, kernel: Kernel)] = []
        for (position, step) in pending.enumerated() {
            let op = graph.operators[step.index]
            let memory = OpMemory(
                inputs: op.inputs.map { $0 < 0 ? nil : UnsafeRawPointer(addresses[Int($0)]) },
                outputs: op.outputs.map { addresses[Int($0)]! },
                scratch: step.plan.scratchBytes > 0 ? arena + memoryPlan.offsets[-(position + 1)]! : nil)
            steps.append((step.index, step.context.name, step.plan.makeKernel(memory)))
        }

        func info(_ tensor: Int, name: String?) -> TensorInfo {
            let model = graph.tensors[tensor]
            let signature = model.shapeSignature.isEmpty ? tensors[tensor].shape : model.shapeSignature.map(Int.init)
            return TensorInfo(tensorIndex: tensor, name: name ?? tensors[tensor].name, tensorName: tensors[tensor].name, shape: tensors[tensor].shape,
                              shapeSignature: signature, type: model.type,
                              scales: model.quantization?.scale ?? [], zeroPoints: model.quantization?.zeroPoint ?? [])
        }
        let signature = model.signatureDefs.first { $0.subgraphIndex == 0 }
        func signatureName(_ tensor: Int, _ maps: [TensorMap]?) -> String? {
            maps?.first { Int($0.tensorIndex) == tensor }?.name
        }
        inputInfos = graph.inputs.map { info(Int($0), name: signatureName(Int($0), signature?.inputs)) }
        outputInfos = graph.outputs.map { info(Int($0), name: signatureName(Int($0), signature?.outputs)) }
        shapes = tensors.map { touched.contains($0.index) ? $0.shape : nil }
        arenaBytes = memoryPlan.arenaBytes
        self.arena = arena
        self.store = store
        self.addresses = addresses
        self.byteCounts = byteCounts
        self.steps = steps
    }

    deinit { arena.deallocate() }

    /// Runs the kernel of every op that was not folded, in order.
    func run() throws(RuntimeError) {
        for step in steps { try Self.execute(step) }
    }

    /// Runs every kernel like `run()`, adding each step's wall time in nanoseconds to
    /// `nanoseconds[step]`.
    func runTimed(_ nanoseconds: inout [UInt64]) throws(RuntimeError) {
        if nanoseconds.count != steps.count { nanoseconds = [UInt64](repeating: 0, count: steps.count) }
        for (position, step) in steps.enumerated() {
            let start = DispatchTime.now().uptimeNanoseconds
            try Self.execute(step)
            nanoseconds[position] += DispatchTime.now().uptimeNanoseconds - start
        }
    }

    /// One step's kernel, its errors reported with the operator.
    private static func execute(_ step: (index: Int, name: String, kernel: Kernel)) throws(RuntimeError) {
        do {
            try step.kernel()
        } catch let error as RuntimeError {
            throw error
        } catch {
            throw .invalidOp(index: step.index, name: step.name, message: "\(error)")
        }
    }

    /// The operator index and name of each step `run()` executes, in order.
    var stepOperators: [(index: Int, name: String)] { steps.map { ($0.index, $0.name) } }

    func address(of tensor: Int) -> UnsafeMutableRawPointer { addresses[tensor]! }

    func bytes(of tensor: Int) -> [UInt8]? {
        guard tensor < addresses.count, let base = addresses[tensor] else { return nil }
        return Array(UnsafeRawBufferPointer(start: base, count: byteCounts[tensor]))
    }

    /// Runs an op whose operands are all known, once, and returns its outputs' bytes.
    private static func fold(context: OpContext, plan: OpPlan, tensors: [PreparedTensor], store: KnownTensorStore) throws(RuntimeError) -> [[UInt8]] {
        let outputBytes = zip(context.outputs, plan.outputShapes).map { output, shape in
            output.type.byteCount(elements: shape.reduce(1, *)) ?? 0
        }
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: max(plan.scratchBytes, 1), alignment: MemoryPlan.alignment)
        let outputs = outputBytes.map { count -> UnsafeMutableRawPointer in
            let pointer = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: MemoryPlan.alignment)
            pointer.initializeMemory(as: UInt8.self, repeating: 0, count: max(count, 1))
            return pointer
        }
        defer {
            scratch.deallocate()
            outputs.forEach { $0.deallocate() }
        }
        let memory = OpMemory(
            inputs: context.inputs.map { tensor in tensor.map { UnsafeRawPointer(store.address(of: $0.index, bytes: $0.knownBytes!)) } },
            outputs: outputs, scratch: plan.scratchBytes > 0 ? scratch : nil)
        do {
            try plan.makeKernel(memory)()
        } catch let error as RuntimeError {
            throw error
        } catch {
            throw .invalidOp(index: context.index, name: context.name, message: "\(error)")
        }
        return zip(outputs, outputBytes).map { Array(UnsafeRawBufferPointer(start: $0, count: $1)) }
    }
}

/// Aligned copies of known tensors (constants and folded results), owned for the plan's life.
final class KnownTensorStore {
    private var pointers: [Int: (pointer: UnsafeMutableRawPointer, count: Int)] = [:]

    /// The address holding `bytes` for `tensor`, copying them the first time (or when they change).
    func address(of tensor: Int, bytes: [UInt8]) -> UnsafeMutableRawPointer {
        if let existing = pointers[tensor], existing.count == bytes.count,
           UnsafeRawBufferPointer(start: existing.pointer, count: existing.count).elementsEqual(bytes) {
            return existing.pointer
        }
        if let stale = pointers[tensor] { stale.pointer.deallocate() }
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: MemoryPlan.alignment)
        if !bytes.isEmpty { bytes.withUnsafeBytes { pointer.copyMemory(from: $0.baseAddress!, byteCount: $0.count) } }
        pointers[tensor] = (pointer, bytes.count)
        return pointer
    }

    deinit { pointers.values.forEach { $0.pointer.deallocate() } }
}

/// Union-find over tensors that share memory (an op's output aliasing its input).
struct StorageGroups {
    private var parent: [Int]
    init(count: Int) { parent = Array(0..<count) }
    mutating func root(_ tensor: Int) -> Int {
        var node = tensor
        while parent[node] != node {
            parent[node] = parent[parent[node]]
            node = parent[node]
        }
        return node
    }
    mutating func join(_ a: Int, _ b: Int) {
        let (ra, rb) = (root(a), root(b))
        if ra != rb { parent[ra] = rb }
    }
}
