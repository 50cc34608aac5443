import LiteModel
import Runtime

/// The error of one operator's output in a quantized model against its float source.
public struct LayerError: Equatable, Sendable {
    /// Operator index in the evaluated model, and its type ("CONV_2D").
    public let operatorIndex: Int
    public let opName: String
    /// The output tensor's name in the evaluated model.
    public let tensorName: String
    /// The operator of the reference model it was compared with.
    public let referenceOperatorIndex: Int
    public let match: LayerMatch
    /// Error statistics of the dequantized output against the reference's output.
    public let fidelity: FidelityTally
}

/// "Which layer hurts": runs a model and its float reference with every tensor kept, pairs their
/// operator outputs (see `LayerMatch`), and measures each pair's SQNR over the samples.
public enum LayerErrorAnalysis {
    /// Per-operator errors over the first `limit` samples, worst (lowest SQNR) first; ties keep
    /// operator order.
    public static func run(_ request: EvaluationRequest) throws(EvaluationError) -> [LayerError] {
        guard let referenceModel = request.reference else { throw .mismatch("per-layer error needs a reference model") }
        let runner = try SampleRunner(model: request.model, name: request.modelName, threads: request.threads, preserveAllTensors: true)
        let reference = try SampleRunner(model: referenceModel, name: request.referenceName, threads: request.threads, preserveAllTensors: true)
        let pairs = matchLayers(request.model, referenceModel)
        guard !pairs.isEmpty else {
            throw .mismatch("no operator of \(request.modelName) matches one of \(request.referenceName) by tensor name or position")
        }
        let data = try wrapped { () throws(DatasetError) in try DatasetLoader.open(request.dataPath, inputs: runner.interpreter.inputs, preprocessing: request.preprocessing) }
        let referenceData = try wrapped { () throws(DatasetError) in try DatasetLoader.open(request.dataPath, inputs: reference.interpreter.inputs, preprocessing: request.preprocessing) }
        let tensors = request.model.subgraphs[0].tensors, referenceTensors = referenceModel.subgraphs[0].tensors
        var tallies = pairs.map { FidelityTally(name: tensors[$0.tensor].name ?? "#\($0.tensor)") }
        var batches = data.batches(size: request.updateEvery, limit: request.limit)
        var referenceBatches = referenceData.batches(size: request.updateEvery, limit: request.limit)
        while !Task.isCancelled, let batch = try wrapped({ () throws(DatasetError) in try batches.next() }),
              let referenceBatch = try wrapped({ () throws(DatasetError) in try referenceBatches.next() }) {
            for (sample, referenceSample) in zip(batch.inputs, referenceBatch.inputs) {
                _ = try runner.run(sample)
                _ = try reference.run(referenceSample)
                for (index, pair) in pairs.enumerated() {
                    let ours = values(runner.interpreter, pair.tensor, tensors[pair.tensor])
                    let theirs = values(reference.interpreter, pair.referenceTensor, referenceTensors[pair.referenceTensor])
                    guard ours.count == theirs.count, !ours.isEmpty else { continue }
                    tallies[index].add(output: ours, reference: theirs)
                }
            }
        }
        let errors = zip(pairs, tallies).map { pair, tally in
            LayerError(operatorIndex: pair.operatorIndex, opName: pair.opName, tensorName: tally.name,
                       referenceOperatorIndex: pair.referenceOperatorIndex, match: pair.match, fidelity: tally)
        }
        return errors.enumerated().sorted { a, b in
            a.element.fidelity.sqnrDB != b.element.fidelity.sqnrDB ? a.element.fidelity.sqnrDB < b.element.fidelity.sqnrDB : a.offset < b.offset
        }.map(\.element)
    }

    /// A tensor's current values as floats, dequantized with its (per-tensor) parameters.
    private static func values(_ interpreter: Interpreter, _ index: Int, _ tensor: Tensor) -> [Float] {
        guard let bytes = interpreter.tensorBytes(index) else { return [] }
        return dequantized(bytes, type: tensor.type, scale: tensor.quantization?.scale.first, zeroPoint: tensor.quantization?.zeroPoint.first)
    }
}
