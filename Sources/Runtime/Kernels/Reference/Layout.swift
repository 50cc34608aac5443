/// Shape-only ops (RESHAPE, SQUEEZE, EXPAND_DIMS, SHAPE) and the row-major layout helpers the
/// data-movement kernels share. The element data of a reshape-like op is copied unchanged.
public enum Layout {
    /// Copies `input` into `output` unchanged (RESHAPE, SQUEEZE, EXPAND_DIMS); a no-op when both
    /// views share memory. Throws when the element counts differ.
    public static func copy<T>(_ input: TensorView<T>, into output: MutableTensorView<T>) throws {
        guard input.count == output.count else {
            throw ShapeError("reshape copy: output \(output.shape) must hold \(input.count) elements like input \(input.shape), found \(output.count)")
        }
        if UnsafePointer(output.base) != input.base {
            output.base.update(from: input.base, count: input.count)
        }
    }

    /// SHAPE: the output is a vector holding the input's rank.
    public static func shapeOutputShape(input: [Int]) -> [Int] { [input.count] }

    /// SHAPE: writes `input`'s dimensions into an int32 or int64 vector.
    public static func shape<I: FixedWidthInteger>(of input: [Int], into output: MutableTensorView<I>) throws {
        try requireShape(output.shape, [input.count], op: "SHAPE")
        for (i, dim) in input.enumerated() {
            guard let value = I(exactly: dim) else {
                throw ShapeError("SHAPE: dimension \(dim) does not fit the output type \(I.self)")
            }
            output[i] = value
        }
    }

    // MARK: - Helpers shared by the data-movement kernels

    /// Row-major element strides of `shape` (the last dimension has stride 1).
    static func strides(of shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for d in shape.indices.reversed() {
            strides[d] = step
            step *= shape[d]
        }
        return strides
    }

    /// Product of `shape[range]` (1 for an empty range).
    static func product(_ shape: ArraySlice<Int>) -> Int { shape.reduce(1, *) }

    /// Resolves a possibly negative `axis` against `rank` (valid: `-rank..<rank`).
    static func normalizedAxis(_ axis: Int, rank: Int, op: String) throws -> Int {
        let resolved = axis < 0 ? axis + rank : axis
        guard resolved >= 0, resolved < rank else {
            throw ShapeError("\(op): axis \(axis) must be in \(-rank)..<\(rank) for rank \(rank)")
        }
        return resolved
    }

    /// Throws unless a shape is non-negative in every dimension.
    static func requireValid(_ shape: [Int], op: String, what: String = "input") throws {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw ShapeError("\(op): \(what) shape \(shape) has a negative dimension")
        }
    }

    /// Throws unless a caller-allocated tensor has the shape the op produces.
    static func requireShape(_ actual: [Int], _ expected: [Int], op: String, what: String = "output") throws {
        guard actual == expected else {
            throw ShapeError("\(op): \(what) shape must be \(expected), found \(actual)")
        }
    }

    /// Writes `source[offset + Σ i_d·steps[d]]` for every index `i` of `counts`, in row-major
    /// order, to consecutive elements of `destination`. Dimensions that are contiguous in the
    /// source are merged so the innermost run is copied with one `update(from:count:)`.
    static func copyStrided<T>(
        from source: UnsafePointer<T>, offset: Int, counts: [Int], steps: [Int],
        to destination: UnsafeMutablePointer<T>
    ) {
        if counts.contains(0) { return }
        var mergedCounts: [Int] = []
        var mergedSteps: [Int] = []
        for (count, step) in zip(counts, steps) where count != 1 {
            if let lastCount = mergedCounts.last, let lastStep = mergedSteps.last, lastStep == step * count {
                mergedCounts[mergedCounts.count - 1] = lastCount * count
                mergedSteps[mergedSteps.count - 1] = step
            } else {
                mergedCounts.append(count)
                mergedSteps.append(step)
            }
        }
        guard let innerCount = mergedCounts.last, let innerStep = mergedSteps.last else {
            destination[0] = source[offset]
            return
        }
        let outerRank = mergedCounts.count - 1
        var index = [Int](repeating: 0, count: outerRank)
        var sourceOffset = offset
        var out = destination
        while true {
            if innerStep == 1 {
                out.update(from: source + sourceOffset, count: innerCount)
            } else {
                for j in 0..<innerCount { out[j] = source[sourceOffset + j * innerStep] }
            }
            out += innerCount
            var d = outerRank - 1
            while d >= 0 {
                index[d] += 1
                sourceOffset += mergedSteps[d]
                if index[d] < mergedCounts[d] { break }
                sourceOffset -= mergedSteps[d] * mergedCounts[d]
                index[d] = 0
                d -= 1
            }
            if d < 0 { return }
        }
    }
}
