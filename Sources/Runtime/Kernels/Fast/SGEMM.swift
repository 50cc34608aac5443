/// Packed, cache-blocked float32 matrix product `C = A·B`, then per-column bias and a clamp,
/// with the work split over a `ParallelRunner`.
///
/// Used by BATCH_MATMUL, whose operands are both activations. B (`k×n`) is packed per call into
/// 16-column panels; each worker packs 6-row micro-panels of its share of A (`m×k`, strided) per
/// 256-deep block of k and runs a 6×16 `SIMD8` register-blocked micro-kernel over them.
enum SGEMM {
    static let mr = 6, nr = 16, kc = 256, mc = 120
    /// Multiply-adds below which one more worker costs more than it saves.
    static let workPerWorker = 1 << 18

    /// A strided matrix: element `(row, column)` at `base[row·rowStride + column·columnStride]`.
    struct Matrix {
        let base: UnsafePointer<Float>
        let rowStride: Int
        let columnStride: Int
        @inline(__always) subscript(row: Int, column: Int) -> Float { base[row * rowStride + column * columnStride] }
    }

    /// The row-major output and what happens to each finished element.
    struct Output {
        let base: UnsafeMutablePointer<Float>
        let rowStride: Int
        /// Per-column bias (`n` values) or nil.
        let bias: UnsafePointer<Float>?
        let low: Float
        let high: Float
    }

    /// Floats of scratch `multiply` needs for these sizes with up to `threads` workers.
    static func scratchFloats(m: Int, n: Int, k: Int, threads: Int) -> Int {
        let panels = (n + nr - 1) / nr
        let aBlock = roundUp(min(mc, m), mr) * min(kc, k)
        return panels * nr * k + max(1, threads) * aBlock
    }

    /// Computes `output = clamp(A·B + bias)` for `A: m×k`, `B: k×n`; `scratch` holds at least
    /// `scratchFloats(...)` floats, 64-byte aligned.
    static func multiply(m: Int, n: Int, k: Int, lhs: Matrix, rhs: Matrix, output: Output,
                         runner: ParallelRunner, scratch: UnsafeMutablePointer<Float>) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            fill(m: m, n: n, output: output)
            return
        }
        let runner = ParallelRunner(threadCount: min(runner.threadCount, max(1, m * n * k / workPerWorker)))
        if m < mr, lhs.columnStride == 1, rhs.rowStride == 1 {
            dotProducts(m: m, n: n, k: k, a: lhs, b: rhs, output: output, runner: runner)
            return
        }
        let panels = (n + nr - 1) / nr
        let packedB = scratch
        runner.forEachChunk(of: panels) { _, range in
            for panel in range { packB(rhs, n: n, k: k, panel: panel, panels: panels, into: packedB) }
        }
        let aBlock = roundUp(min(mc, m), mr) * min(kc, k)
        let aBuffers = packedB + panels * nr * k
        let threads = runner.threadCount
        let rowsPerTile = min(mc, roundUp((m + threads - 1) / threads, mr))
        let rowTiles = (m + rowsPerTile - 1) / rowsPerTile
        let columnChunks = rowTiles >= threads ? 1 : min(panels, (threads + rowTiles - 1) / rowTiles)
        let tasks = rowTiles * columnChunks
        let workers = min(tasks, threads)
        runner.run(workers: workers) { worker in
            var task = worker
            while task < tasks {
                let rows = (task / columnChunks) * rowsPerTile ..< min(m, (task / columnChunks + 1) * rowsPerTile)
                let chunk = ParallelRunner.chunk(task % columnChunks, of: columnChunks, splitting: panels)
                tile(rows: rows, panels: chunk, n: n, k: k, lhs: lhs, packedB: packedB, panelCount: panels,
                     aBuffer: aBuffers + worker * aBlock, output: output)
                task += workers
            }
        }
    }

    /// One worker's block of rows × panels, over all blocks of k.
    private static func tile(rows: Range<Int>, panels: Range<Int>, n: Int, k: Int, lhs: Matrix,
                             packedB: UnsafeMutablePointer<Float>, panelCount: Int,
                             aBuffer: UnsafeMutablePointer<Float>, output: Output) {
        var k0 = 0
        while k0 < k {
            let depth = min(kc, k - k0)
            let microPanels = (rows.count + mr - 1) / mr
            for micro in 0 ..< microPanels {
                let first = rows.lowerBound + micro * mr
                let dst = aBuffer + micro * mr * depth
                packA(lhs, rows: first ..< min(rows.upperBound, first + mr), k0: k0, depth: depth, into: dst)
            }
            let isLast = k0 + depth == k
            for panel in panels {
                let bPanel = packedB + k0 * panelCount * nr + panel * depth * nr
                let column = panel * nr
                for micro in 0 ..< microPanels {
                    let row = rows.lowerBound + micro * mr
                    microKernel(depth: depth, a: aBuffer + micro * mr * depth, b: bPanel,
                                c: output.base + row * output.rowStride + column, ldc: output.rowStride,
                                rows: min(mr, rows.upperBound - row), columns: min(nr, n - column),
                                accumulate: k0 > 0, finish: isLast, output: output, column: column)
                }
            }
            k0 += depth
        }
    }

    private typealias V = SIMD8<Float>

    @inline(__always) private static func load(_ p: UnsafePointer<Float>) -> V {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }

    @inline(__always) private static func store(_ v: V, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
    }

    /// `C[0..<rows, 0..<columns] (+)= Apanel·Bpanel`, then bias and clamp when `finish`.
    @inline(__always)
    private static func microKernel(depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                                    c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, columns: Int,
                                    accumulate: Bool, finish: Bool, output: Output, column: Int) {
        var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V()
        var c30 = V(), c31 = V(), c40 = V(), c41 = V(), c50 = V(), c51 = V()
        var ap = a, bp = b
        for _ in 0 ..< depth {
            let b0 = load(bp), b1 = load(bp + 8)
            var av = V(repeating: ap[0])
            c00.addProduct(av, b0); c01.addProduct(av, b1)
            av = V(repeating: ap[1]); c10.addProduct(av, b0); c11.addProduct(av, b1)
            av = V(repeating: ap[2]); c20.addProduct(av, b0); c21.addProduct(av, b1)
            av = V(repeating: ap[3]); c30.addProduct(av, b0); c31.addProduct(av, b1)
            av = V(repeating: ap[4]); c40.addProduct(av, b0); c41.addProduct(av, b1)
            av = V(repeating: ap[5]); c50.addProduct(av, b0); c51.addProduct(av, b1)
            ap += mr
            bp += nr
        }
        let tile = Tile(c: c, ldc: ldc, columns: columns, accumulate: accumulate, finish: finish,
                        bias: output.bias.map { $0 + column }, low: output.low, high: output.high)
        tile.emit(c00, c01, row: 0)
        if rows > 1 { tile.emit(c10, c11, row: 1) }
        if rows > 2 { tile.emit(c20, c21, row: 2) }
        if rows > 3 { tile.emit(c30, c31, row: 3) }
        if rows > 4 { tile.emit(c40, c41, row: 4) }
        if rows > 5 { tile.emit(c50, c51, row: 5) }
    }

    /// Writes one 16-wide accumulator row into C.
    private struct Tile {
        let c: UnsafeMutablePointer<Float>
        let ldc, columns: Int
        let accumulate, finish: Bool
        let bias: UnsafePointer<Float>?
        let low, high: Float

        @inline(__always) func emit(_ lo: V, _ hi: V, row: Int) {
            let p = c + row * ldc
            if columns == nr {
                var lo = lo, hi = hi
                if accumulate { lo += load(p); hi += load(p + 8) }
                if finish {
                    if let bias { lo += load(bias); hi += load(bias + 8) }
                    let l = V(repeating: low), h = V(repeating: high)
                    lo = pointwiseMin(pointwiseMax(lo, l), h)
                    hi = pointwiseMin(pointwiseMax(hi, l), h)
                }
                store(lo, p)
                store(hi, p + 8)
            } else {
                var first = 0
                if columns >= 8 {
                    var lo = lo
                    if accumulate { lo += load(p) }
                    if finish {
                        if let bias { lo += load(bias) }
                        lo = pointwiseMin(pointwiseMax(lo, V(repeating: low)), V(repeating: high))
                    }
                    store(lo, p)
                    first = 8
                }
                for j in first ..< columns {
                    var v = j < 8 ? lo[j] : hi[j - 8]
                    if accumulate { v += p[j] }
                    if finish { v = min(max(v + (bias?[j] ?? 0), low), high) }
                    p[j] = v
                }
            }
        }
    }

    /// Packs B's `panel`-th 16 columns for every block of k; columns past `n` are zero.
    private static func packB(_ b: Matrix, n: Int, k: Int, panel: Int, panels: Int, into packed: UnsafeMutablePointer<Float>) {
        let first = panel * nr, width = min(nr, n - first)
        var k0 = 0
        while k0 < k {
            let depth = min(kc, k - k0)
            let dst = packed + k0 * panels * nr + panel * depth * nr
            if width < nr { dst.initialize(repeating: 0, count: depth * nr) }
            for j in 0 ..< width {
                for kk in 0 ..< depth { dst[kk * nr + j] = b[k0 + kk, first + j] }
            }
            k0 += depth
        }
    }

    /// Packs rows `rows` (at most `mr`) of A for k in `k0..<k0+depth`; missing rows are zero.
    private static func packA(_ a: Matrix, rows: Range<Int>, k0: Int, depth: Int, into dst: UnsafeMutablePointer<Float>) {
        if rows.count < mr { dst.initialize(repeating: 0, count: depth * mr) }
        for (r, row) in rows.enumerated() {
            for kk in 0 ..< depth { dst[kk * mr + r] = a[row, k0 + kk] }
        }
    }

    /// Few rows of A against k-contiguous columns of B: plain dot products, no packing.
    private static func dotProducts(m: Int, n: Int, k: Int, a: Matrix, b: Matrix, output: Output, runner: ParallelRunner) {
        runner.forEachChunk(of: n) { _, columns in
            for j in columns {
                for i in 0 ..< m {
                    let total = dot(a.base + i * a.rowStride, b.base + j * b.columnStride, k)
                    output.base[i * output.rowStride + j] = min(max(total + (output.bias?[j] ?? 0), output.low), output.high)
                }
            }
        }
    }

    /// Σ x[i]·y[i] over `count` contiguous floats.
    private static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ count: Int) -> Float {
        var s0 = V(), s1 = V(), s2 = V(), s3 = V()
        var i = 0
        while i + 32 <= count {
            s0.addProduct(load(x + i), load(y + i))
            s1.addProduct(load(x + i + 8), load(y + i + 8))
            s2.addProduct(load(x + i + 16), load(y + i + 16))
            s3.addProduct(load(x + i + 24), load(y + i + 24))
            i += 32
        }
        while i + 8 <= count {
            s0.addProduct(load(x + i), load(y + i))
            i += 8
        }
        var total = ((s0 + s1) + (s2 + s3)).sum()
        while i < count {
            total += x[i] * y[i]
            i += 1
        }
        return total
    }

    /// `k == 0`: every element is clamp(bias).
    private static func fill(m: Int, n: Int, output: Output) {
        for i in 0 ..< m {
            for j in 0 ..< n { output.base[i * output.rowStride + j] = min(max(output.bias?[j] ?? 0, output.low), output.high) }
        }
    }

    static func roundUp(_ x: Int, _ multiple: Int) -> Int { (x + multiple - 1) / multiple * multiple }
}
