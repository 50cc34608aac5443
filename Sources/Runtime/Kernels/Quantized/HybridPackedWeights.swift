import CKernels

/// int8 weight rows packed once for the hybrid C kernels (`ck_hyb_pack`), with each row's
/// wrapping sum for the zero-point correction.
struct HybridPackedWeights: Sendable {
    let rows: Int
    let depth: Int
    let packed: [Int16]
    let rowSums: [Int32]

    /// Packs `rows` rows of `depth` values, row `j` at `weights + j·depth`.
    init(_ weights: UnsafePointer<Int8>, rows: Int, depth: Int) {
        self.rows = rows
        self.depth = depth
        var sums = [Int32](repeating: 0, count: max(1, ck_hyb_padded_rows(rows)))
        var packed = [Int16](repeating: 0, count: max(1, ck_hyb_packed_count(rows, depth)))
        packed.withUnsafeMutableBufferPointer { p in
            sums.withUnsafeMutableBufferPointer { ck_hyb_pack(rows, depth, weights, p.baseAddress!, $0.baseAddress!) }
        }
        self.packed = packed
        rowSums = sums
    }
}
