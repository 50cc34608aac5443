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

extension ConvGeometry {
    /// The window in the C kernels' form.
    var window: ck_window {
        ck_window(batch: batch, in_h: inHeight, in_w: inWidth, in_c: inChannels, out_h: outHeight, out_w: outWidth,
                  k_h: kernelHeight, k_w: kernelWidth, stride_h: strideHeight, stride_w: strideWidth,
                  dil_h: dilationHeight, dil_w: dilationWidth, pad_top: padTop, pad_left: padLeft)
    }
}

extension ck_window {
    /// `rows` independent rows of `depth` values: a fully-connected layer as a 1×1 convolution.
    static func rows(_ rows: Int, depth: Int) -> ck_window {
        ck_window(batch: rows, in_h: 1, in_w: 1, in_c: depth, out_h: 1, out_w: 1, k_h: 1, k_w: 1, stride_h: 1, stride_w: 1,
                  dil_h: 1, dil_w: 1, pad_top: 0, pad_left: 0)
    }
}

extension ParallelRunner {
    /// Runs `kernel(range)` over contiguous chunks of `0..<count` on at most `workers` threads;
    /// throws when a chunk reports failure (the C kernels' scratch allocation).
    func runKernel(over count: Int, workers: Int, op: String, _ kernel: (Range<Int>) -> Int32) throws {
        let runner = ParallelRunner(threadCount: max(1, min(workers, threadCount)))
        let failures = withUnsafeTemporaryAllocation(of: Int32.self, capacity: runner.threadCount) { status in
            status.initialize(repeating: 1)
            runner.forEachChunk(of: count) { worker, range in status[worker] = kernel(range) }
            return status.filter { $0 == 0 }.count
        }
        if failures > 0 { throw ShapeError("\(op): out of memory for the kernel's scratch space") }
    }
}
