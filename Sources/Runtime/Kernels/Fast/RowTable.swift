/// Row pointers for the indirect kernels: entry `(row, tap)` points at the input floats that tap
/// reads for that row, or at a shared zero row where the tap falls into padding. Built once
/// when the input's address is fixed, so runs need no im2col buffer and no packing of inputs.
final class RowTable {
    let rows, taps: Int
    private let entries: UnsafeMutablePointer<UnsafePointer<Float>?>
    private let zeros: UnsafeMutablePointer<Float>

    /// `pointer(row, tap)` gives the entry, nil for padding; `width` floats are read per entry.
    init(rows: Int, taps: Int, width: Int, _ pointer: (_ row: Int, _ tap: Int) -> UnsafePointer<Float>?) {
        self.rows = rows
        self.taps = taps
        zeros = .allocate(capacity: max(width, 1))
        zeros.initialize(repeating: 0, count: max(width, 1))
        entries = .allocate(capacity: max(rows * taps, 1))
        for row in 0 ..< rows {
            for tap in 0 ..< taps { entries[row * taps + tap] = pointer(row, tap) ?? UnsafePointer(zeros) }
        }
    }

    deinit {
        entries.deallocate()
        zeros.deallocate()
    }

    /// The entries of `row` onwards.
    func from(row: Int) -> UnsafePointer<UnsafePointer<Float>?> { UnsafePointer(entries + row * taps) }
}

extension ConvGeometry {
    /// The table over output pixels × kernel taps, each entry at channel `channelOffset` of the
    /// input pixel under the tap.
    func rowTable(input: UnsafePointer<Float>, channelOffset: Int, width: Int) -> RowTable {
        RowTable(rows: batch * outHeight * outWidth, taps: kernelHeight * kernelWidth, width: width) { pixel, tap in
            let ox = pixel % outWidth, oy = (pixel / outWidth) % outHeight, b = pixel / (outWidth * outHeight)
            let iy = oy * strideHeight - padTop + (tap / kernelWidth) * dilationHeight
            let ix = ox * strideWidth - padLeft + (tap % kernelWidth) * dilationWidth
            guard iy >= 0, iy < inHeight, ix >= 0, ix < inWidth else { return nil }
            return input + ((b * inHeight + iy) * inWidth + ix) * inChannels + channelOffset
        }
    }
}
