extension Slicing {
    /// STRIDED_SLICE options (TFLite `StridedSliceOptions`); bit `i` of a mask refers to entry `i`
    /// of the begin/end/strides vectors.
    public struct StridedSliceOptions: Sendable, Equatable {
        public var beginMask: Int
        public var endMask: Int
        public var ellipsisMask: Int
        public var newAxisMask: Int
        public var shrinkAxisMask: Int
        /// When set, `end` is a length measured from the (resolved) begin.
        public var offset: Bool

        public init(beginMask: Int = 0, endMask: Int = 0, ellipsisMask: Int = 0, newAxisMask: Int = 0,
                    shrinkAxisMask: Int = 0, offset: Bool = false) {
            self.beginMask = beginMask
            self.endMask = endMask
            self.ellipsisMask = ellipsisMask
            self.newAxisMask = newAxisMask
            self.shrinkAxisMask = shrinkAxisMask
            self.offset = offset
        }
    }

    /// STRIDED_SLICE output shape, following TFLite's `strided_slice.cc`: the ellipsis and new
    /// axes are expanded first, then each axis is resolved with negative-index wrapping, clamping
    /// and the begin/end masks. Throws for a zero stride, for a shrunk axis whose index is outside
    /// the dimension, and for an `offset` length that runs past the input (TFLite leaves such
    /// outputs partly unwritten).
    public static func stridedSliceOutputShape(
        input: [Int], begin: [Int], end: [Int], strides: [Int], options: StridedSliceOptions
    ) throws -> [Int] {
        try StridedSlicePlan(input: input, begin: begin, end: end, strides: strides, options: options).outputShape
    }

    /// STRIDED_SLICE: copies the selected elements into `output`.
    public static func stridedSlice<T>(
        _ input: TensorView<T>, begin: [Int], end: [Int], strides: [Int], options: StridedSliceOptions,
        into output: MutableTensorView<T>
    ) throws {
        let plan = try StridedSlicePlan(input: input.shape, begin: begin, end: end, strides: strides, options: options)
        try Layout.requireShape(output.shape, plan.outputShape, op: "STRIDED_SLICE")
        let elementStrides = Layout.strides(of: plan.effectiveShape)
        let offset = zip(plan.starts, elementStrides).reduce(0) { $0 + $1.0 * $1.1 }
        let steps = plan.axes.indices.map { plan.axes[$0].stride * elementStrides[$0] }
        Layout.copyStrided(from: input.base, offset: offset, counts: plan.counts, steps: steps, to: output.base)
    }
}

/// The resolved per-axis selection of one STRIDED_SLICE over the "effective" input shape (the
/// input with the new axes inserted).
private struct StridedSlicePlan {
    struct Axis {
        var begin = 0, end = 0, stride = 1
        var beginMasked = false, endMasked = false, shrink = false
    }

    var effectiveShape: [Int] = []
    var axes: [Axis] = []
    var starts: [Int] = []
    var counts: [Int] = []
    var outputShape: [Int] = []

    init(input: [Int], begin: [Int], end: [Int], strides: [Int], options: Slicing.StridedSliceOptions) throws {
        try Layout.requireValid(input, op: "STRIDED_SLICE")
        let specCount = begin.count
        guard end.count == specCount, strides.count == specCount else {
            throw ShapeError("STRIDED_SLICE: begin, end and strides must have equal lengths, found \(begin.count), \(end.count), \(strides.count)")
        }
        guard specCount <= 31 else { throw ShapeError("STRIDED_SLICE: at most 31 indices are supported, found \(specCount)") }
        try expand(input: input, begin: begin, end: end, strides: strides, options: options)
        for (i, axis) in axes.enumerated() {
            let (start, count) = try Self.resolve(axis, size: effectiveShape[i], offsetEnd: options.offset, index: i)
            starts.append(start)
            counts.append(count)
            if !axis.shrink { outputShape.append(count) }
        }
    }

    /// Expands the ellipsis and the new axes into one `Axis` per effective input dimension.
    private mutating func expand(input: [Int], begin: [Int], end: [Int], strides: [Int], options: Slicing.StridedSliceOptions) throws {
        func bit(_ mask: Int, _ i: Int) -> Bool { i >= 0 && i < 63 && mask & (1 << i) != 0 }
        let specCount = begin.count
        let addedAxes = (0..<specCount).filter { !bit(options.ellipsisMask, $0) && bit(options.newAxisMask, $0) }.count
        let rank = input.count + addedAxes

        // Which effective dimensions the ellipsis covers and which are new axes.
        var inEllipsis = [Bool](repeating: false, count: rank)
        var isNewAxis = [Bool](repeating: false, count: rank)
        var ellipsisStart = rank, ellipsisExtra = 0
        var i = 0
        while i < rank {
            if bit(options.ellipsisMask, i) {
                ellipsisStart = i
                let ellipsisEnd = max(i + 1, min(i + 1 + addedAxes + input.count - specCount, rank))
                ellipsisExtra = ellipsisEnd - i - 1
                while i < ellipsisEnd { inEllipsis[i] = true; i += 1 }
                continue
            }
            isNewAxis[i] = bit(options.newAxisMask, i - ellipsisExtra)
            i += 1
        }

        var passedEllipsis = 0, passedNewAxes = 0
        for i in 0..<rank {
            var axis = Axis()
            if inEllipsis[i] {
                passedEllipsis = max(0, i - ellipsisStart)
                axis.beginMasked = true
                axis.endMasked = true
            } else if isNewAxis[i] {
                axis.end = 1
                passedNewAxes += 1
                axes.append(axis)
                effectiveShape.append(1)
                continue
            } else if i >= specCount + ellipsisExtra {
                axis.beginMasked = true
                axis.endMasked = true
            } else {
                let spec = i - passedEllipsis
                guard spec >= 0, spec < specCount else {
                    throw ShapeError("STRIDED_SLICE: masks do not fit \(specCount) indices on input \(input)")
                }
                axis.begin = begin[spec]
                axis.end = end[spec]
                axis.stride = strides[spec]
                axis.beginMasked = bit(options.beginMask, spec)
                axis.endMasked = bit(options.endMask, spec)
                axis.shrink = bit(options.shrinkAxisMask, spec)
            }
            let inputDim = i - passedNewAxes
            guard inputDim >= 0, inputDim < input.count else {
                throw ShapeError("STRIDED_SLICE: \(specCount) indices with these masks do not fit input \(input)")
            }
            axes.append(axis)
            effectiveShape.append(input[inputDim])
        }
    }

    /// First index and element count of one axis (TFLite `StartForAxis`/`EndForAxis`).
    private static func resolve(_ axis: Axis, size: Int, offsetEnd: Bool, index: Int) throws -> (start: Int, count: Int) {
        let stride = axis.stride
        guard stride != 0 else { throw ShapeError("STRIDED_SLICE: stride of axis \(index) must be non-zero") }
        func clamp(_ value: Int) -> Int {
            let wrapped = value < 0 ? value + size : value
            return stride > 0 ? min(max(wrapped, 0), size) : min(max(wrapped, -1), size - 1)
        }
        let start = axis.beginMasked ? (stride > 0 ? 0 : size - 1) : clamp(axis.begin)
        if axis.shrink {
            guard start >= 0, start < size else {
                throw ShapeError("STRIDED_SLICE: shrunk axis \(index) index \(axis.begin) is outside dimension \(size)")
            }
            return (start, 1)
        }
        let stop = axis.endMasked ? (stride > 0 ? size : -1) : clamp(offsetEnd ? axis.end + start : axis.end)
        let count = elementCount(from: start, to: stop, stride: stride)
        if offsetEnd, count != elementCount(from: 0, to: axis.end, stride: stride) {
            throw ShapeError("STRIDED_SLICE: offset length \(axis.end) from \(start) runs past dimension \(size) of axis \(index)")
        }
        return (start, count)
    }

    /// Number of indices `start, start+stride, …` before reaching `stop` (0 if none).
    private static func elementCount(from start: Int, to stop: Int, stride: Int) -> Int {
        let distance = stop - start
        if (distance < 0) != (stride < 0) || distance == 0 { return 0 }
        return stride > 0 ? (distance - 1) / stride + 1 : (distance + 1) / stride + 1
    }
}
