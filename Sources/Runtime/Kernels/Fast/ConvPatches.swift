/// The rows of an implicit im2col matrix for one group of a convolution: row `p` is output pixel
/// `p` (row-major over batch, y, x), column `(fy·kW + fx)·groupChannels + c` is the input value
/// under tap `(fy, fx)` in channel `channelOffset + c`, or 0 in the padding.
struct ConvPatches {
    let input: UnsafePointer<Float>
    let geometry: ConvGeometry
    let channelOffset: Int

    /// Writes rows `rows` (at most `SGEMM.mr`) for columns `k0..<k0+depth` into `dst` in the
    /// packed layout `dst[column·mr + row]`; missing rows are zero.
    func pack(rows: Range<Int>, k0: Int, depth: Int, into dst: UnsafeMutablePointer<Float>) {
        let mr = SGEMM.mr, g = geometry, width = g.groupChannels
        if rows.count < mr { dst.initialize(repeating: 0, count: depth * mr) }
        for (r, pixel) in rows.enumerated() {
            let ox = pixel % g.outWidth, oy = (pixel / g.outWidth) % g.outHeight
            let b = pixel / (g.outWidth * g.outHeight)
            var tap = k0 / width, c = k0 % width, column = 0
            while column < depth {
                let run = min(width - c, depth - column)
                let iy = oy * g.strideHeight - g.padTop + (tap / g.kernelWidth) * g.dilationHeight
                let ix = ox * g.strideWidth - g.padLeft + (tap % g.kernelWidth) * g.dilationWidth
                let out = dst + column * mr + r
                if iy >= 0, iy < g.inHeight, ix >= 0, ix < g.inWidth {
                    let src = input + ((b * g.inHeight + iy) * g.inWidth + ix) * g.inChannels + channelOffset + c
                    for i in 0 ..< run { out[i * mr] = src[i] }
                } else {
                    for i in 0 ..< run { out[i * mr] = 0 }
                }
                column += run
                c = 0
                tap += 1
            }
        }
    }
}
