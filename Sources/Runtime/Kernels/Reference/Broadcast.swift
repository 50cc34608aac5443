/// NumPy/TFLite broadcasting of two operand shapes (TFLite `CalculateShapeForBroadcast` and the
/// `BroadcastBinaryFunction6DSlow` index walk).
public enum Broadcast {
    /// Largest rank TFLite's broadcasting kernels accept.
    public static let maxRank = 6

    /// The shape of `a ⊕ b`: shapes are aligned at their last dimension, a missing leading
    /// dimension counts as 1, and each pair of dimensions must be equal or contain a 1.
    public static func outputShape(_ a: [Int], _ b: [Int]) throws -> [Int] {
        guard a.count <= maxRank, b.count <= maxRank else {
            throw ShapeError("broadcasting supports rank ≤ \(maxRank), got shapes \(a) and \(b)")
        }
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for axis in 0..<rank {
            let da = dimension(a, axis, rank)
            let db = dimension(b, axis, rank)
            if da == db || db == 1 {
                result[axis] = da
            } else if da == 1 {
                result[axis] = db
            } else {
                throw ShapeError(
                    "cannot broadcast shapes \(a) and \(b): expected equal sizes or 1 at output axis \(axis), got \(da) and \(db)")
            }
        }
        return result
    }

    /// Element strides for reading a row-major tensor of `shape` at the coordinates of a tensor of
    /// shape `target` (which `shape` broadcasts to): 0 along broadcast dimensions.
    public static func strides(of shape: [Int], broadcastTo target: [Int]) -> [Int] {
        let rank = target.count
        var strides = [Int](repeating: 0, count: rank)
        var step = 1
        for axis in stride(from: rank - 1, through: rank - shape.count, by: -1) {
            let size = shape[axis - (rank - shape.count)]
            strides[axis] = size == 1 ? 0 : step
            step *= size
        }
        return strides
    }

    /// Calls `body(outputIndex, aIndex, bIndex)` for every element of `outputShape` in row-major
    /// order, where `aIndex`/`bIndex` are the flat indices of the broadcast operands.
    public static func forEachIndex(
        _ aShape: [Int], _ bShape: [Int], outputShape: [Int], _ body: (Int, Int, Int) -> Void
    ) {
        let rank = outputShape.count
        guard rank > 0 else { return body(0, 0, 0) }
        guard !outputShape.contains(0) else { return }
        let sa = strides(of: aShape, broadcastTo: outputShape)
        let sb = strides(of: bShape, broadcastTo: outputShape)
        let inner = outputShape[rank - 1], innerA = sa[rank - 1], innerB = sb[rank - 1]
        var coordinate = [Int](repeating: 0, count: rank)
        var baseA = 0, baseB = 0, outputIndex = 0
        while true {
            var ia = baseA, ib = baseB
            for _ in 0..<inner {
                body(outputIndex, ia, ib)
                outputIndex += 1
                ia += innerA
                ib += innerB
            }
            // Advance the odometer over the outer dimensions.
            var axis = rank - 2
            while axis >= 0 {
                coordinate[axis] += 1
                baseA += sa[axis]
                baseB += sb[axis]
                if coordinate[axis] < outputShape[axis] { break }
                baseA -= sa[axis] * outputShape[axis]
                baseB -= sb[axis] * outputShape[axis]
                coordinate[axis] = 0
                axis -= 1
            }
            if axis < 0 { return }
        }
    }

    /// Size of `shape` at output axis `axis` of a rank-`rank` result (1 for missing leading axes).
    private static func dimension(_ shape: [Int], _ axis: Int, _ rank: Int) -> Int {
        let offset = rank - shape.count
        return axis < offset ? 1 : shape[axis - offset]
    }
}
