/// int8 weights packed for `IntegerGEMM`: `rows` rows (output channels) of `depth` values widened
/// to Int32 (so the kernel needs no conversions), each zero-padded to `stride` (a multiple of
/// `IntegerGEMM.lanes`), with each row's sum.
public struct PackedInt8Weights: @unchecked Sendable {
    public let rows: Int
    public let depth: Int
    public let stride: Int
    /// Σ_k w[row][k], wrapping like TFLite's int32 arithmetic.
    public let rowSums: [Int32]
    let values: [Int32]

    /// Packs `rows` rows of `depth` weights stored contiguously at `weights` (OHWI filters and
    /// `[units, depth]` FC weights are already in this order).
    public init(_ weights: UnsafePointer<Int8>, rows: Int, depth: Int) {
        self.rows = rows
        self.depth = depth
        stride = IntegerGEMM.paddedDepth(depth)
        var values = [Int32](repeating: 0, count: rows * stride)
        var sums = [Int32](repeating: 0, count: rows)
        for r in 0 ..< rows {
            for k in 0 ..< depth {
                values[r * stride + k] = Int32(weights[r * depth + k])
                sums[r] &+= Int32(weights[r * depth + k])
            }
        }
        self.values = values
        rowSums = sums
    }
}

/// Int8 × int8 → int32 matrix products for the quantized fast kernels: `C[i][j] = Σ_k A[i][k]·W[j][k]`
/// with A rows and weight rows both contiguous, int8 values widened to Int32 and zero-padded to a
/// multiple of 16, computed with 16-lane Int32 SIMD with wrapping arithmetic (so the result equals
/// TFLite's int32 accumulator bit for bit) in 2×2 register tiles.
enum IntegerGEMM {
    static let lanes = 16

    /// `depth` rounded up to a multiple of `lanes` (at least `lanes`).
    static func paddedDepth(_ depth: Int) -> Int { max(lanes, (depth + lanes - 1) / lanes * lanes) }

    /// Writes `C[i·weights.rows + j]` for `i < m`; A row `i` starts at `a + i·weights.stride`.
    static func multiply(a: UnsafePointer<Int32>, m: Int, weights: PackedInt8Weights, c: UnsafeMutablePointer<Int32>) {
        let n = weights.rows, stride = weights.stride
        weights.values.withUnsafeBufferPointer { w in
            let w = w.baseAddress!
            var i = 0
            while i + 1 < m {
                var j = 0
                while j + 1 < n {
                    tile2x2(a + i * stride, a + (i + 1) * stride, w + j * stride, w + (j + 1) * stride, depth: stride,
                            c: c + i * n + j, rowStride: n)
                    j += 2
                }
                if j < n {
                    c[i * n + j] = dot(a + i * stride, w + j * stride, depth: stride)
                    c[(i + 1) * n + j] = dot(a + (i + 1) * stride, w + j * stride, depth: stride)
                }
                i += 2
            }
            if i < m {
                for j in 0 ..< n { c[i * n + j] = dot(a + i * stride, w + j * stride, depth: stride) }
            }
        }
    }

    @inline(__always)
    private static func load(_ p: UnsafePointer<Int32>) -> SIMD16<Int32> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Int32>.self)
    }

    private static func tile2x2(_ a0: UnsafePointer<Int32>, _ a1: UnsafePointer<Int32>, _ w0: UnsafePointer<Int32>,
                                _ w1: UnsafePointer<Int32>, depth: Int, c: UnsafeMutablePointer<Int32>, rowStride: Int) {
        var c00 = SIMD16<Int32>(), c01 = SIMD16<Int32>(), c10 = SIMD16<Int32>(), c11 = SIMD16<Int32>()
        var k = 0
        while k < depth {
            let x0 = load(a0 + k), x1 = load(a1 + k), y0 = load(w0 + k), y1 = load(w1 + k)
            c00 &+= x0 &* y0
            c01 &+= x0 &* y1
            c10 &+= x1 &* y0
            c11 &+= x1 &* y1
            k += lanes
        }
        c[0] = c00.wrappedSum()
        c[1] = c01.wrappedSum()
        c[rowStride] = c10.wrappedSum()
        c[rowStride + 1] = c11.wrappedSum()
    }

    private static func dot(_ a: UnsafePointer<Int32>, _ w: UnsafePointer<Int32>, depth: Int) -> Int32 {
        var total = SIMD16<Int32>()
        var k = 0
        while k < depth {
            total &+= load(a + k) &* load(w + k)
            k += lanes
        }
        return total.wrappedSum()
    }
}
