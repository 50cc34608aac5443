/// GATHER: picks slices of `params` along `axis` by integer indices, with optional leading batch
/// dimensions shared by `params` and `indices`.
public enum Gather {
    /// `params[..<axis] + indices[batchDims...] + params[(axis+1)...]`. `axis` may be negative
    /// (from `params` rank), `batchDims` too (from `indices` rank); `batchDims <= axis`, and the
    /// first `batchDims` dimensions of both tensors must agree.
    public static func outputShape(params: [Int], indices: [Int], axis: Int, batchDims: Int) throws -> [Int] {
        let (axis, batchDims) = try resolve(params: params, indices: indices, axis: axis, batchDims: batchDims)
        return Array(params[..<axis]) + Array(indices[batchDims...]) + Array(params[(axis + 1)...])
    }

    /// Copies the selected slices into `output`. Indices must lie in `0..<params.shape[axis]`
    /// (TFLite rejects negative ones too); all are checked before anything is written.
    public static func gather<T, I: BinaryInteger>(
        _ params: TensorView<T>, indices: TensorView<I>, axis: Int, batchDims: Int, into output: MutableTensorView<T>
    ) throws {
        let expected = try outputShape(params: params.shape, indices: indices.shape, axis: axis, batchDims: batchDims)
        try Layout.requireShape(output.shape, expected, op: "GATHER")
        let (axis, batchDims) = try resolve(params: params.shape, indices: indices.shape, axis: axis, batchDims: batchDims)
        let axisSize = params.shape[axis]
        for index in indices.buffer where index < 0 || index >= axisSize {
            throw ShapeError("GATHER: index \(index) is outside 0..<\(axisSize) of axis \(axis)")
        }
        let batches = Layout.product(params.shape[..<batchDims])
        let outer = Layout.product(params.shape[batchDims..<axis])
        let inner = Layout.product(params.shape[(axis + 1)...])
        let picks = Layout.product(indices.shape[batchDims...])
        var out = output.base
        for batch in 0..<batches {
            for row in 0..<outer {
                let slab = params.base + (batch * outer + row) * axisSize * inner
                for pick in 0..<picks {
                    let index = Int(indices[batch * picks + pick])
                    out.update(from: slab + index * inner, count: inner)
                    out += inner
                }
            }
        }
    }

    private static func resolve(params: [Int], indices: [Int], axis: Int, batchDims: Int) throws -> (axis: Int, batchDims: Int) {
        try Layout.requireValid(params, op: "GATHER", what: "params")
        try Layout.requireValid(indices, op: "GATHER", what: "indices")
        let axis = try Layout.normalizedAxis(axis, rank: params.count, op: "GATHER")
        let batch = batchDims < 0 ? batchDims + indices.count : batchDims
        guard batch >= 0, batch <= axis, batch <= indices.count else {
            throw ShapeError("GATHER: batch_dims \(batchDims) must be in 0...\(min(axis, indices.count)) (axis \(axis), indices rank \(indices.count))")
        }
        guard params[..<batch] == indices[..<batch] else {
            throw ShapeError("GATHER: the first \(batch) dimensions of params \(params) and indices \(indices) must agree")
        }
        return (axis, batch)
    }
}
