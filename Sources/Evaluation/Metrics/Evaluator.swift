import LiteModel

/// What to evaluate: a model on a dataset, optionally against a reference model (its float source).
public struct EvaluationRequest: Sendable {
    public var model: Model
    /// The model's name in messages (e.g. its path).
    public var modelName: String
    public var reference: Model?
    public var referenceName: String
    /// A `.npy`, `.npz` or image folder (see `DatasetLoader.open`).
    public var dataPath: String
    public var preprocessing: Preprocessing
    /// Evaluate only the first `limit` samples.
    public var limit: Int?
    public var threads: Int
    /// Samples between progress updates.
    public var updateEvery: Int

    public init(model: Model, modelName: String, reference: Model? = nil, referenceName: String = "reference",
                dataPath: String, preprocessing: Preprocessing = Preprocessing(), limit: Int? = nil,
                threads: Int = 1, updateEvery: Int = 50) {
        self.model = model
        self.modelName = modelName
        self.reference = reference
        self.referenceName = referenceName
        self.dataPath = dataPath
        self.preprocessing = preprocessing
        self.limit = limit
        self.threads = threads
        self.updateEvery = updateEvery
    }
}

/// Runs evaluations: accuracy against labels and fidelity against a reference model, sample by
/// sample, with running estimates after every batch.
public enum Evaluator {
    /// Runs `request` to the end (or until the current task is cancelled), calling `progress`
    /// after each batch, and returns the final snapshot.
    public static func run(_ request: EvaluationRequest, progress: (EvaluationSnapshot) -> Void = { _ in }) throws(EvaluationError) -> EvaluationSnapshot {
        let runner = try SampleRunner(model: request.model, name: request.modelName, threads: request.threads)
        let data = try open(request.dataPath, for: runner, request.preprocessing)
        let reference = try request.reference.map { (model) throws(EvaluationError) in
            let runner = try SampleRunner(model: model, name: request.referenceName, threads: request.threads)
            return (runner: runner, data: try open(request.dataPath, for: runner, request.preprocessing))
        }
        let outputs = runner.interpreter.outputs
        if let reference {
            let theirs = reference.runner.interpreter.outputs
            guard theirs.map(\.shape) == outputs.map(\.shape) else {
                throw .mismatch("\(request.modelName) has outputs \(outputs.map(\.shape)) but \(request.referenceName) has \(theirs.map(\.shape))")
            }
        }
        let classCount = outputs.first?.shape.reduce(1, *) ?? 0
        var snapshot = EvaluationSnapshot(
            processed: 0, total: min(request.limit ?? data.count, data.count),
            classification: data.hasLabels ? ClassificationTally(classCount: classCount) : nil,
            classNames: data.classNames,
            agreement: reference == nil ? nil : ProportionEstimate(successes: 0, total: 0),
            fidelity: reference == nil ? [] : outputs.map { FidelityTally(name: $0.tensorName) })
        var batches = data.batches(size: request.updateEvery, limit: request.limit)
        var referenceBatches = reference?.data.batches(size: request.updateEvery, limit: request.limit)
        var agreed = 0
        while !Task.isCancelled, let batch = try wrapped({ () throws(DatasetError) in try batches.next() }) {
            let referenceBatch = try wrapped { () throws(DatasetError) in try referenceBatches?.next() }
            for (offset, sample) in batch.inputs.enumerated() {
                let result = try runner.run(sample)
                if let label = batch.labels?[offset] {
                    guard label < classCount else {
                        throw .mismatch("\(data.sampleName(batch.start + offset)): label \(label) but the model's first output has \(classCount) classes")
                    }
                    snapshot.classification?.add(scores: result[0], label: label)
                }
                if let reference, let referenceBatch {
                    let expected = try reference.runner.run(referenceBatch.inputs[offset])
                    for index in snapshot.fidelity.indices { snapshot.fidelity[index].add(output: result[index], reference: expected[index]) }
                    if argmax(result[0]) == argmax(expected[0]) { agreed += 1 }
                }
                snapshot.processed += 1
            }
            if reference != nil { snapshot.agreement = ProportionEstimate(successes: agreed, total: snapshot.processed) }
            progress(snapshot)
        }
        return snapshot
    }

    /// Runs `request` on a background task and streams `.progress` after each batch, then
    /// `.finished` or `.failed`. Ending the stream's iteration cancels the work.
    public static func updates(_ request: EvaluationRequest) -> AsyncStream<EvaluationEvent> {
        AsyncStream { continuation in
            let task = Task.detached {
                do throws(EvaluationError) {
                    let result = try run(request) { continuation.yield(.progress($0)) }
                    continuation.yield(.finished(result))
                } catch {
                    continuation.yield(.failed(error))
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private static func open(_ path: String, for runner: SampleRunner, _ preprocessing: Preprocessing) throws(EvaluationError) -> any Dataset {
        try wrapped { () throws(DatasetError) in try DatasetLoader.open(path, inputs: runner.interpreter.inputs, preprocessing: preprocessing) }
    }
}

/// Runs `body`, reporting a dataset error as an evaluation error.
func wrapped<T>(_ body: () throws(DatasetError) -> T) throws(EvaluationError) -> T {
    do { return try body() } catch { throw .data(error) }
}
