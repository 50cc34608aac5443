/// BATCH_MATMUL on float32 tensors of rank 2...5 (TFLite reference_ops::BatchMatMul semantics).
///
/// The last two dimensions are matrices (transposed first when `adjointLHS`/`adjointRHS`); the
/// leading "batch" dimensions broadcast NumPy-style after both shapes are left-padded with 1s.
public enum BatchMatMul {
    /// BATCH_MATMUL options.
    public struct Parameters: Sendable, Equatable {
        /// TFLite `adj_x`: use the transpose of each LHS matrix.
        public var adjointLHS: Bool
        /// TFLite `adj_y`: use the transpose of each RHS matrix.
        public var adjointRHS: Bool

        public init(adjointLHS: Bool = false, adjointRHS: Bool = false) {
            self.adjointLHS = adjointLHS
            self.adjointRHS = adjointRHS
        }
    }

    /// `[broadcast batch dims..., rows, columns]`; throws when ranks, inner dimensions or batch
    /// dimensions do not fit.
    public static func outputShape(lhs: [Int], rhs: [Int], parameters: Parameters) throws -> [Int] {
        try Plan(lhs: lhs, rhs: rhs, parameters: parameters).outputShape
    }

    /// Reference batched matrix product into `output` (shape from `outputShape`).
    public static func compute(lhs: TensorView<Float>, rhs: TensorView<Float>, output: MutableTensorView<Float>,
                               parameters: Parameters) throws {
        let plan = try Plan(lhs: lhs.shape, rhs: rhs.shape, parameters: parameters)
        try plan.checkOutput(output.shape)
        for batch in 0 ..< plan.batchCount {
            let a = plan.lhsOffsets[batch], b = plan.rhsOffsets[batch], c = batch * plan.m * plan.n
            for i in 0 ..< plan.m {
                for j in 0 ..< plan.n {
                    var total: Float = 0
                    for k in 0 ..< plan.k {
                        total += lhs[a + i * plan.lhsRowStride + k * plan.lhsDepthStride]
                            * rhs[b + k * plan.rhsDepthStride + j * plan.rhsColumnStride]
                    }
                    output[c + i * plan.n + j] = total
                }
            }
        }
    }

    /// Checked shapes seen as `batchCount` products of an `m×k` by a `k×n` matrix with strides.
    struct Plan {
        let outputShape: [Int]
        let m, n, k: Int
        /// Element offsets of each output batch's LHS and RHS matrices.
        let lhsOffsets, rhsOffsets: [Int]
        let lhsRowStride, lhsDepthStride, rhsDepthStride, rhsColumnStride: Int
        var batchCount: Int { lhsOffsets.count }

        init(lhs: [Int], rhs: [Int], parameters: Parameters) throws {
            guard (2 ... 5).contains(lhs.count), (2 ... 5).contains(rhs.count) else {
                throw ShapeError("BATCH_MATMUL operands must have rank 2...5, got \(lhs) and \(rhs)")
            }
            let (lr, lc) = (lhs[lhs.count - 2], lhs[lhs.count - 1])
            let (rr, rc) = (rhs[rhs.count - 2], rhs[rhs.count - 1])
            m = parameters.adjointLHS ? lc : lr
            k = parameters.adjointLHS ? lr : lc
            let rhsDepth = parameters.adjointRHS ? rc : rr
            n = parameters.adjointRHS ? rr : rc
            guard k == rhsDepth else {
                throw ShapeError("BATCH_MATMUL inner dimensions differ: LHS \(lhs) gives \(k), RHS \(rhs) gives \(rhsDepth)")
            }
            (lhsRowStride, lhsDepthStride) = parameters.adjointLHS ? (1, lc) : (lc, 1)
            (rhsDepthStride, rhsColumnStride) = parameters.adjointRHS ? (1, rc) : (rc, 1)

            let rank = max(lhs.count, rhs.count)
            let lhsBatch = Array(repeating: 1, count: rank - lhs.count) + lhs.dropLast(2)
            let rhsBatch = Array(repeating: 1, count: rank - rhs.count) + rhs.dropLast(2)
            var batch: [Int] = []
            for (l, r) in zip(lhsBatch, rhsBatch) {
                guard l == r || l == 1 || r == 1 else {
                    throw ShapeError("BATCH_MATMUL batch dimensions do not broadcast: \(lhs) and \(rhs)")
                }
                batch.append(l == 1 ? r : l)
            }
            outputShape = batch + [m, n]
            lhsOffsets = Self.offsets(batch: batch, operand: lhsBatch, matrixSize: lr * lc)
            rhsOffsets = Self.offsets(batch: batch, operand: rhsBatch, matrixSize: rr * rc)
        }

        func checkOutput(_ shape: [Int]) throws {
            guard shape == outputShape else { throw ShapeError("BATCH_MATMUL output must have shape \(outputShape), got \(shape)") }
        }

        /// For each output batch index (row-major over `batch`), the element offset of the
        /// operand's matrix, where the operand's size-1 dimensions repeat.
        private static func offsets(batch: [Int], operand: [Int], matrixSize: Int) -> [Int] {
            var offsets = [0]
            var stride = matrixSize
            for axis in batch.indices.reversed() {
                let step = operand[axis] == 1 ? 0 : stride
                offsets = (0 ..< batch[axis]).flatMap { i in offsets.map { $0 + i * step } }
                stride *= operand[axis]
            }
            return offsets
        }
    }
}
