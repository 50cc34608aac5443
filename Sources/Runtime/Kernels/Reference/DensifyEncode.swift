extension Densify {
    /// The inverse of `densify`, as TFLite's `FormatConverter::DenseToSparse` encodes: the tensor
    /// dimensions listed in `sparseDimensions` are stored compressed (CSR), all others and all
    /// block dimensions dense. A compressed level keeps only the indices whose sub-block holds a
    /// non-zero; zeros inside a kept sub-block are stored when the last level is dense.
    /// - Parameters:
    ///   - traversalOrder: as in `SparseFormat` (`n + k` entries).
    ///   - blockMap: the tensor dimension each block dimension subdivides.
    ///   - blockSizes: the size of each block dimension; it must divide its tensor dimension.
    ///   - sparseDimensions: tensor dimensions (`0..<n`) to compress.
    public static func sparsify<T: AdditiveArithmetic>(
        _ dense: TensorView<T>, traversalOrder: [Int], blockMap: [Int] = [], blockSizes: [Int] = [],
        sparseDimensions: Set<Int>
    ) throws -> (values: [T], format: SparseFormat) {
        let layout = try SparseLayout(denseShape: dense.shape, traversalOrder: traversalOrder, blockMap: blockMap, blockSizes: blockSizes)
        guard sparseDimensions.allSatisfy({ (0..<dense.rank).contains($0) }) else {
            throw ShapeError("DENSIFY: sparse dimensions \(sparseDimensions.sorted()) must lie in 0..<\(dense.rank)")
        }
        let levelCount = traversalOrder.count
        let isSparse = traversalOrder.map { sparseDimensions.contains($0) }
        let keepZeros = isSparse.last != true
        var values: [T] = []
        var segments = [[Int]](repeating: [0], count: levelCount)
        var indices = [[Int]](repeating: [], count: levelCount)

        /// Emits the sub-tree at `level`; returns whether it holds a non-zero.
        func visit(level: Int, offset: Int) -> Bool {
            if level == levelCount {
                let value = dense[offset]
                if value != .zero || keepZeros { values.append(value) }
                return value != .zero
            }
            let step = layout.levelOffsets[level]
            var found = false
            for i in 0..<layout.levelSizes[level] {
                guard isSparse[level] else {
                    found = visit(level: level + 1, offset: offset + i * step) || found
                    continue
                }
                let mark = (values: values.count, segments: segments.map(\.count), indices: indices.map(\.count))
                if visit(level: level + 1, offset: offset + i * step) {
                    indices[level].append(i)
                    found = true
                } else {
                    values.removeLast(values.count - mark.values)
                    for deeper in (level + 1)..<levelCount {
                        segments[deeper].removeLast(segments[deeper].count - mark.segments[deeper])
                        indices[deeper].removeLast(indices[deeper].count - mark.indices[deeper])
                    }
                }
            }
            if isSparse[level] { segments[level].append(indices[level].count) }
            return found
        }
        _ = visit(level: 0, offset: 0)

        let dimensions = (0..<levelCount).map { level -> SparseFormat.Dimension in
            isSparse[level] ? .sparse(segments: segments[level], indices: indices[level]) : .dense(size: layout.levelSizes[level])
        }
        return (values, SparseFormat(traversalOrder: traversalOrder, blockMap: blockMap, dimensions: dimensions))
    }
}
