import CKernels

/// `output = clamp(A·W + bias)` for a fixed `RowTable` A (row `r` is `channels` floats at each
/// of its taps) and weights packed with their bias into 16-column panels at creation (and again
/// before each run when they are not constants). Runs allocate nothing; the micro-kernels are C
/// (AVX2+FMA when the CPU has it, portable otherwise).
final class IndirectGEMM: @unchecked Sendable {
    /// W (`k×n`) with element `(kk, j)` at `base[j·columnStride + kk·depthStride]`, and a bias.
    struct Weights {
        let base: UnsafePointer<Float>
        let columnStride, depthStride: Int
        let bias: UnsafePointer<Float>?
    }

    private static let panel = Int(CK_PANEL), microRows = 6
    private let table: RowTable
    private let channels, n, k: Int
    private let weights: Weights
    private let packed: UnsafeMutablePointer<Float>
    private let output: UnsafeMutablePointer<Float>
    private let outputStride: Int
    private let low, high: Float
    private let repacks: Bool

    init(table: RowTable, channels: Int, n: Int, weights: Weights, output: UnsafeMutablePointer<Float>,
         outputStride: Int, low: Float, high: Float, repacks: Bool) {
        self.table = table
        self.channels = channels
        self.n = n
        k = table.taps * channels
        self.weights = weights
        self.output = output
        self.outputStride = outputStride
        (self.low, self.high) = (low, high)
        self.repacks = repacks
        packed = .allocate(capacity: max(ck_f32_packed_floats(n, k), 1))
        pack()
    }

    deinit { packed.deallocate() }

    private func pack() {
        ck_f32_pack(n, k, weights.base, weights.columnStride, weights.depthStride, weights.bias, packed)
    }

    /// Computes the product, split over rows (or column panels when rows are few) on `runner`.
    func run(_ runner: ParallelRunner) {
        if repacks { pack() }
        let m = table.rows, panels = (n + Self.panel - 1) / Self.panel
        let threads = min(runner.threadCount, max(1, m * n * k / SGEMM.workPerWorker))
        if threads == 1 {
            multiply(rows: 0 ..< m, panels: 0 ..< panels)
            return
        }
        let blocks = (m + Self.microRows - 1) / Self.microRows
        ParallelRunner(threadCount: threads).run(workers: threads) { worker in
            if blocks >= threads {
                let share = ParallelRunner.chunk(worker, of: threads, splitting: blocks)
                multiply(rows: share.lowerBound * Self.microRows ..< min(m, share.upperBound * Self.microRows), panels: 0 ..< panels)
            } else {
                multiply(rows: 0 ..< m, panels: ParallelRunner.chunk(worker, of: threads, splitting: panels))
            }
        }
    }

    private func multiply(rows: Range<Int>, panels: Range<Int>) {
        guard !rows.isEmpty, !panels.isEmpty else { return }
        let column = panels.lowerBound * Self.panel
        ck_f32_igemm(rows.count, min(n, panels.upperBound * Self.panel) - column, table.taps, channels,
                     table.from(row: rows.lowerBound), packed + panels.lowerBound * Self.panel * (k + 1),
                     output + rows.lowerBound * outputStride + column, outputStride, low, high)
    }
}
