import LiteModel
import Runtime

/// Runs a model on numpy arrays: checks each array against its input, runs a batch larger than
/// the model's either at once (dynamic batch dimension) or sample by sample, and returns the
/// outputs as arrays stacked along the batch axis.
public final class ModelRunner {
    public let interpreter: Interpreter

    public init(model: Model, threads: Int = 1) throws(RuntimeError) {
        interpreter = try Interpreter(model: model, options: .init(threads: threads))
    }

    /// Model inputs as the interpreter first prepared them.
    public var inputs: [TensorInfo] { interpreter.inputs }
    public var outputs: [TensorInfo] { interpreter.outputs }

    /// Runs on one array per model input, in input order, and returns one array per output.
    public func run(_ arrays: [NDArray]) throws(RuntimeError) -> [NDArray] {
        guard arrays.count == interpreter.inputs.count else {
            throw .badInput("the model has \(interpreter.inputs.count) inputs, \(arrays.count) arrays were given")
        }
        let prepared = try arrays.enumerated().map { (position, array) throws(RuntimeError) in
            try converted(array, for: interpreter.inputs[position], position: position)
        }
        let batches = try zip(prepared, interpreter.inputs).map { (array, info) throws(RuntimeError) in
            try batchCount(array.shape, info)
        }
        let batch = batches.first ?? 1
        guard batches.allSatisfy({ $0 == batch }) else {
            throw .badInput("inputs disagree on the batch size: \(batches.map(String.init).joined(separator: ", "))")
        }
        // One invoke when shapes match or the batch dimension is dynamic; otherwise a loop.
        if zip(prepared, interpreter.inputs).allSatisfy({ $0.shape == $1.shape }) {
            return try invokeOnce(prepared)
        }
        if zip(prepared, interpreter.inputs).allSatisfy({ $1.shapeSignature.first == -1 && $0.shape.count == $1.shape.count }) {
            for (position, array) in prepared.enumerated() { try interpreter.resizeInput(position, to: array.shape) }
            return try invokeOnce(prepared)
        }
        var pieces: [[NDArray]] = []
        for sample in 0..<batch {
            let slices = zip(prepared, interpreter.inputs).map { array, info in
                array.shape.count == info.shape.count ? array.rows(sample..<sample + 1) : array.subarray(at: sample)
            }
            pieces.append(try invokeOnce(slices))
        }
        return try (0..<interpreter.outputs.count).map { (output) throws(RuntimeError) in
            try stack(pieces.map { $0[output] })
        }
    }

    private func invokeOnce(_ arrays: [NDArray]) throws(RuntimeError) -> [NDArray] {
        for (position, array) in arrays.enumerated() {
            let result: Result<Void, RuntimeError> = array.data.withUnsafeBytes { raw in
                Result { () throws(RuntimeError) in try interpreter.setInput(position, bytes: raw) }
            }
            try result.get()
        }
        try interpreter.invoke()
        return try interpreter.outputs.enumerated().map { (position, info) throws(RuntimeError) in
            guard let dtype = DType(info.type) else { throw .badInput("output \(info.name) has type \(info.type), which numpy files cannot hold") }
            do {
                return try NDArray(dtype: dtype, shape: info.shape, data: interpreter.outputBytes(position))
            } catch {
                throw .badInput("output \(info.name): \(error)")
            }
        }
    }

    /// The array in the input's element type (float64 is narrowed to float32; nothing else is converted).
    private func converted(_ array: NDArray, for info: TensorInfo, position: Int) throws(RuntimeError) -> NDArray {
        guard let expected = DType(info.type) else {
            throw .badInput("input \(position) '\(info.name)' has type \(info.type), which numpy arrays cannot feed")
        }
        if array.dtype == expected { return array }
        if expected == .float32 && array.dtype == .float64 {
            do { return try NDArray(floats: array.floats(), shape: array.shape) } catch { throw .badInput("\(error)") }
        }
        throw .badInput("input \(position) '\(info.name)' expects \(expected.rawValue), got \(array.dtype.rawValue)")
    }

    /// Samples in `shape` for `info`: equal shapes are one sample; `[N] + rest` with the model's
    /// batch 1 (or dynamic) is N samples; a shape missing the leading 1 is one sample.
    private func batchCount(_ shape: [Int], _ info: TensorInfo) throws(RuntimeError) -> Int {
        let model = info.shape
        if shape == model { return 1 }
        if shape.count == model.count, !model.isEmpty, Array(shape.dropFirst()) == Array(model.dropFirst()),
           model[0] == 1 || info.shapeSignature.first == -1 {
            return shape[0]
        }
        if model.first == 1, shape == Array(model.dropFirst()) { return 1 }
        throw .badInput("input '\(info.name)' expects shape \(model) (or a batch [N, \(model.dropFirst().map(String.init).joined(separator: ", "))]), got \(shape)")
    }

    /// Concatenates per-sample outputs along axis 0 (outputs with a leading 1) or a new axis 0.
    private func stack(_ arrays: [NDArray]) throws(RuntimeError) -> NDArray {
        guard let first = arrays.first else { throw .badInput("no samples") }
        let shape = first.shape.first == 1 ? [arrays.count] + first.shape.dropFirst() : [arrays.count] + first.shape
        do {
            return try NDArray(dtype: first.dtype, shape: shape, data: arrays.flatMap(\.data))
        } catch {
            throw .badInput("\(error)")
        }
    }
}

extension NDArray {
    /// Rows `range` along the first axis, keeping that axis.
    func rows(_ range: Range<Int>) -> NDArray {
        let rowBytes = shape.dropFirst().reduce(dtype.itemSize, *)
        return NDArray(unchecked: dtype, shape: [range.count] + shape.dropFirst(),
                            data: Array(data[range.lowerBound * rowBytes..<range.upperBound * rowBytes]))
    }
}
