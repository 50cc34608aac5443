/// How a sparse constant is stored (TFLite `SparsityParameters`). For a rank-`n` tensor with a
/// `k`-dimensional block there are `n + k` storage levels, listed in traversal order.
public struct SparseFormat: Sendable, Equatable {
    /// One storage level (TFLite `DimensionMetadata`).
    public enum Dimension: Sendable, Equatable {
        /// Every index `0..<size` is stored.
        case dense(size: Int)
        /// Compressed (CSR): for each position of the enclosing levels, `segments[p]..<segments[p+1]`
        /// are the positions in `indices` of the stored indices at this level.
        case sparse(segments: [Int], indices: [Int])
    }

    /// The first `n` entries permute the tensor dimensions `0..<n`; the last `k` permute the
    /// block dimensions `n..<n+k`.
    public var traversalOrder: [Int]
    /// For block dimension `n + j`, the tensor dimension it subdivides (empty: not blocked).
    public var blockMap: [Int]
    /// The storage levels, in traversal order.
    public var dimensions: [Dimension]

    public init(traversalOrder: [Int], blockMap: [Int], dimensions: [Dimension]) {
        self.traversalOrder = traversalOrder
        self.blockMap = blockMap
        self.dimensions = dimensions
    }
}

/// A `SparseFormat` checked against a dense shape: for every storage level its size and the
/// dense-element offset one step along it moves by. Storing every coordinate below its level's
/// size keeps all reads and writes inside the tensors.
struct SparseLayout {
    var levelSizes: [Int]
    var levelOffsets: [Int]

    /// Validates the traversal order, block map and block sizes (used by both directions).
    init(denseShape: [Int], traversalOrder: [Int], blockMap: [Int], blockSizes: [Int]) throws {
        try Layout.requireValid(denseShape, op: "DENSIFY", what: "dense")
        let n = denseShape.count, k = blockMap.count
        guard traversalOrder.count == n + k,
              traversalOrder[..<n].sorted() == Array(0..<n),
              traversalOrder[n...].sorted() == Array(n..<(n + k)) else {
            throw ShapeError("DENSIFY: traversal order \(traversalOrder) must permute 0..<\(n) then \(n)..<\(n + k)")
        }
        guard blockMap.allSatisfy({ (0..<n).contains($0) }), Set(blockMap).count == k, blockSizes.count == k else {
            throw ShapeError("DENSIFY: block map \(blockMap) must name \(k) distinct dimensions of \(denseShape)")
        }
        var blockedShape = denseShape
        var tensorOffsets = Layout.strides(of: denseShape)
        var blockOffsets: [Int] = []
        for (j, dim) in blockMap.enumerated() {
            let size = blockSizes[j]
            guard size > 0, denseShape[dim] % size == 0 else {
                throw ShapeError("DENSIFY: block size \(size) must be positive and divide dimension \(dim) of \(denseShape)")
            }
            blockedShape[dim] /= size
            blockOffsets.append(tensorOffsets[dim])
            tensorOffsets[dim] *= size
        }
        levelSizes = traversalOrder.map { $0 < n ? blockedShape[$0] : blockSizes[$0 - n] }
        levelOffsets = traversalOrder.map { $0 < n ? tensorOffsets[$0] : blockOffsets[$0 - n] }
    }

    /// Validates `format` against `denseShape` and `valueCount` stored values.
    init(format: SparseFormat, denseShape: [Int], valueCount: Int) throws {
        let n = denseShape.count
        guard format.dimensions.count == format.traversalOrder.count else {
            throw ShapeError("DENSIFY: \(format.dimensions.count) dimension metadata entries for a traversal order of \(format.traversalOrder.count)")
        }
        // A block's size is the dense size of the level that traverses it.
        let blockSizes = try format.blockMap.indices.map { j -> Int in
            guard let level = format.traversalOrder.firstIndex(of: n + j),
                  case .dense(let size) = format.dimensions[level] else {
                throw ShapeError("DENSIFY: block dimension \(n + j) must be traversed by a dense level")
            }
            return size
        }
        try self.init(denseShape: denseShape, traversalOrder: format.traversalOrder, blockMap: format.blockMap, blockSizes: blockSizes)
        var positions = 1
        for (level, dimension) in format.dimensions.enumerated() {
            let size = levelSizes[level]
            switch dimension {
            case .dense(let denseSize):
                guard denseSize == size else {
                    throw ShapeError("DENSIFY: level \(level) is dense with size \(denseSize); the shape needs \(size)")
                }
                positions *= size
            case .sparse(let segments, let indices):
                guard segments.count == positions + 1, segments.first == 0, segments.last == indices.count,
                      zip(segments, segments.dropFirst()).allSatisfy({ $0 <= $1 }) else {
                    throw ShapeError("DENSIFY: level \(level) needs \(positions + 1) non-decreasing segments from 0 to \(indices.count), found \(segments.count) (first \(segments.first ?? -1), last \(segments.last ?? -1))")
                }
                if let bad = indices.first(where: { $0 < 0 || $0 >= size }) {
                    throw ShapeError("DENSIFY: level \(level) index \(bad) is outside 0..<\(size)")
                }
                positions = indices.count
            }
        }
        guard positions == valueCount else {
            throw ShapeError("DENSIFY: the format stores \(positions) values, found \(valueCount)")
        }
    }
}
