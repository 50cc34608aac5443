extension Layout {
    /// The requested RESHAPE target, chosen as TFLite does: the second input when it is present
    /// and a 1-D int32 vector, otherwise the `new_shape` option, where the legacy option `[0]`
    /// means a scalar. May still contain one `-1`; resolve it with `reshapeOutputShape`.
    /// - Parameters:
    ///   - shapeTensor: the shape input (nil when absent or not int32).
    ///   - newShapeOption: `ReshapeOptions.new_shape` (empty when absent).
    public static func reshapeTarget(shapeTensor: TensorView<Int32>?, newShapeOption: [Int]) -> [Int] {
        if let tensor = shapeTensor, tensor.rank == 1 {
            return tensor.buffer.map(Int.init)
        }
        return newShapeOption == [0] ? [] : newShapeOption
    }

    /// RESHAPE: resolves `target` against `input`. One `-1` takes the remaining size (0 when the
    /// input is empty); zeros in either shape are allowed as in TFLite; the element counts must
    /// then agree.
    public static func reshapeOutputShape(input: [Int], target: [Int]) throws -> [Int] {
        try requireValid(input, op: "RESHAPE")
        let inputCount = input.reduce(1, *)
        let nonZeroInputCount = input.reduce(1) { $1 == 0 ? $0 : $0 * $1 }
        var output = target
        var stretch: Int?
        var outputCount = 1
        var nonZeroOutputCount = 1
        for (i, dim) in target.enumerated() {
            if dim == -1 {
                guard stretch == nil else {
                    throw ShapeError("RESHAPE: new shape \(target) may contain at most one -1")
                }
                stretch = i
                continue
            }
            guard dim >= 0 else {
                throw ShapeError("RESHAPE: new shape \(target) has a negative dimension other than -1")
            }
            if dim != 0 { nonZeroOutputCount *= dim }
            outputCount *= dim
        }
        if let stretch {
            output[stretch] = (inputCount == 0 && outputCount != 0) ? 0 : nonZeroInputCount / nonZeroOutputCount
            outputCount *= output[stretch]
        }
        guard outputCount == inputCount else {
            throw ShapeError("RESHAPE: cannot reshape \(input) (\(inputCount) elements) to \(target)")
        }
        return output
    }

    /// SQUEEZE: removes the listed size-1 dimensions (negative indices allowed, repeats ignored),
    /// or every size-1 dimension when `squeezeDims` is empty.
    public static func squeezeOutputShape(input: [Int], squeezeDims: [Int]) throws -> [Int] {
        try requireValid(input, op: "SQUEEZE")
        var squeezed = [Bool](repeating: false, count: input.count)
        if squeezeDims.isEmpty {
            for (d, dim) in input.enumerated() where dim == 1 { squeezed[d] = true }
        } else {
            for dim in squeezeDims {
                let d = try normalizedAxis(dim, rank: input.count, op: "SQUEEZE")
                guard input[d] == 1 else {
                    throw ShapeError("SQUEEZE: dimension \(dim) of \(input) must be 1, found \(input[d])")
                }
                squeezed[d] = true
            }
        }
        return input.indices.filter { !squeezed[$0] }.map { input[$0] }
    }

    /// EXPAND_DIMS: inserts a 1 at `axis`, which may be negative (`-rank-1...rank`).
    public static func expandDimsOutputShape(input: [Int], axis: Int) throws -> [Int] {
        try requireValid(input, op: "EXPAND_DIMS")
        let position = try normalizedAxis(axis, rank: input.count + 1, op: "EXPAND_DIMS")
        var output = input
        output.insert(1, at: position)
        return output
    }
}
