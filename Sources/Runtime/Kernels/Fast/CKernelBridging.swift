import CKernels

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
