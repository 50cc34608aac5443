import CKernels

/// int8 weights packed once for the C convolution `ck_i8_conv`: `rows` output channels of `depth`
/// values in the layout of the kernels in use when packed (AVX-512 VNNI quads, else int16
/// pairs), with each row's wrapping sum.
public final class Int8ConvolutionWeights: @unchecked Sendable {
    public let rows: Int
    public let depth: Int
    /// Σ_k w[row][k], wrapping like TFLite's int32 arithmetic.
    public let rowSums: [Int32]
    /// The C kernels' view of the packed weights; valid while `self` lives.
    let descriptor: ck_i8_weights
    private let packed: UnsafeMutableRawPointer
    private let sums: UnsafeMutablePointer<Int32>

    /// Packs `rows` rows of `depth` weights stored contiguously at `weights` (OHWI filters and
    /// `[units, depth]` FC weights are already in this order).
    public init(_ weights: UnsafePointer<Int8>, rows: Int, depth: Int) {
        self.rows = rows
        self.depth = depth
        let layout = ck_i8_preferred_layout()
        packed = .allocate(byteCount: max(ck_i8_weights_bytes(layout, rows, depth), 1), alignment: 64)
        ck_i8_pack_weights(layout, rows, depth, weights, packed)
        let rowSums = (0 ..< rows).map { r in (0 ..< depth).reduce(Int32(0)) { $0 &+ Int32(weights[r * depth + $1]) } }
        sums = .allocate(capacity: max(rows, 1))
        sums.initialize(from: rowSums, count: rows)
        self.rowSums = rowSums
        descriptor = ck_i8_weights(layout: layout, n: rows, k: depth, packed: packed, row_sums: sums)
    }

    /// Whether the AVX-512 VNNI kernel multiplies these weights.
    var usesVNNI: Bool { descriptor.layout == Int32(CK_I8_LAYOUT_QUADS) }

    deinit {
        packed.deallocate()
        sums.deallocate()
    }
}
