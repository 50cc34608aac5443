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

extension ConvGeometry {
    /// One image of this geometry as the hybrid C kernels' window.
    var hybridWindow: ck_hyb_window {
        ck_hyb_window(in_h: inHeight, in_w: inWidth, in_c: inChannels, out_h: outHeight, out_w: outWidth,
                      k_h: kernelHeight, k_w: kernelWidth, stride_h: strideHeight, stride_w: strideWidth,
                      dil_h: dilationHeight, dil_w: dilationWidth, pad_top: padTop, pad_left: padLeft)
    }
}

/// Per-worker success flags for C kernels that may fail to get scratch memory.
struct HybridWorkerStatus: ~Copyable {
    private let flags: UnsafeMutableBufferPointer<Bool>

    init(workers: Int) { flags = .allocate(capacity: max(1, workers)); flags.initialize(repeating: true) }
    deinit { flags.deallocate() }

    /// Records a C kernel's result (0 for failure) for `worker`.
    func record(_ result: Int32, worker: Int) { if result == 0 { flags[worker] = false } }

    /// Throws if any worker's kernel failed.
    func check(_ op: String) throws {
        guard flags.allSatisfy({ $0 }) else { throw ShapeError("\(op): out of scratch memory") }
    }
}
