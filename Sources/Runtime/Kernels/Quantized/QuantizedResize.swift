/// RESIZE_BILINEAR on int8/int16 (TFLite reference_ops::ResizeBilinearInteger): coordinates in
/// 10-bit fixed point, the four taps weighted in int64, rounded half away from zero at 2²⁰.
public enum QuantizedResize {
    public static func bilinear<Q: FixedWidthInteger>(_ input: TensorView<Q>, _ parameters: ResizeParameters,
                                                      into output: MutableTensorView<Q>) {
        let (batches, inHeight, inWidth, depth) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let (outHeight, outWidth) = (parameters.height, parameters.width)
        func scale(_ inSize: Int, _ outSize: Int) -> Int64 {
            parameters.alignCorners && outSize > 1
                ? (Int64(1 << 10) * Int64(inSize - 1) + Int64(outSize - 1) / 2) / Int64(outSize - 1)
                : (Int64(1 << 10) * Int64(inSize) + Int64(outSize / 2)) / Int64(outSize)
        }
        func point(_ index: Int, _ scale10: Int64, _ size: Int) -> (Int64, Int, Int) {
            let scaled = parameters.halfPixelCenters ? Int64(index) * scale10 + scale10 / 2 - (1 << 9) : Int64(index) * scale10
            let lower = max(Int(scaled / (1 << 10)), 0)
            let upper = min(Int((scaled + (1 << 10) - 1) / (1 << 10)), size - 1)
            return (scaled, lower, upper)
        }
        let (heightScale, widthScale) = (scale(inHeight, outHeight), scale(inWidth, outWidth))
        var o = 0
        for b in 0..<batches {
            for y in 0..<outHeight {
                let (sy, y0, y1) = point(y, heightScale, inHeight)
                let dy = sy - Int64(y0) * (1 << 10)
                for x in 0..<outWidth {
                    let (sx, x0, x1) = point(x, widthScale, inWidth)
                    let dx = sx - Int64(x0) * (1 << 10)
                    let row0 = (b * inHeight + y0) * inWidth, row1 = (b * inHeight + y1) * inWidth
                    for c in 0..<depth {
                        let total = Int64(input[(row0 + x0) * depth + c]) * ((1 << 10) - dy) * ((1 << 10) - dx)
                            + Int64(input[(row1 + x0) * depth + c]) * dy * ((1 << 10) - dx)
                            + Int64(input[(row0 + x1) * depth + c]) * ((1 << 10) - dy) * dx
                            + Int64(input[(row1 + x1) * depth + c]) * dy * dx
                        let round: Int64 = total > 0 ? 1 << 19 : -(1 << 19)
                        output[o] = Q(truncatingIfNeeded: (total + round) / (1 << 20))
                        o += 1
                    }
                }
            }
        }
    }
}
