/// Sizes, strides and padding of one 2-D convolution-like op on an NHWC input, checked.
struct ConvGeometry: Equatable {
    let batch, inHeight, inWidth, inChannels: Int
    let kernelHeight, kernelWidth: Int
    /// Output channels, and input channels each filter reads (the group width).
    let outChannels, groupChannels: Int
    let strideHeight, strideWidth, dilationHeight, dilationWidth: Int
    let outHeight, outWidth, padTop, padLeft: Int

    /// Output channels per group (all of them when the op is not grouped).
    var filtersPerGroup: Int { outChannels / (inChannels / groupChannels) }
    var outputShape: [Int] { [batch, outHeight, outWidth, outChannels] }

    init(input: [Int], kernelHeight: Int, kernelWidth: Int, outChannels: Int, groupChannels: Int,
         padding: Padding, stride: (Int, Int), dilation: (Int, Int), op: String) throws {
        guard input.allSatisfy({ $0 > 0 }), kernelHeight > 0, kernelWidth > 0, outChannels > 0 else {
            throw ShapeError("\(op) needs non-empty input and filter, got input \(input), filter \(kernelHeight)x\(kernelWidth)x\(outChannels)")
        }
        let window: WindowPadding
        do {
            window = try computePadding(padding, inputHeight: input[1], inputWidth: input[2],
                                        filterHeight: kernelHeight, filterWidth: kernelWidth,
                                        strideHeight: stride.0, strideWidth: stride.1,
                                        dilationHeight: dilation.0, dilationWidth: dilation.1)
        } catch let error as ShapeError {
            throw ShapeError("\(op): \(error.message)")
        }
        batch = input[0]; inHeight = input[1]; inWidth = input[2]; inChannels = input[3]
        self.kernelHeight = kernelHeight; self.kernelWidth = kernelWidth
        self.outChannels = outChannels; self.groupChannels = groupChannels
        (strideHeight, strideWidth) = stride
        (dilationHeight, dilationWidth) = dilation
        outHeight = window.outputHeight; outWidth = window.outputWidth
        padTop = window.top; padLeft = window.left
    }

    /// Calls `body(tap, pixel)` for each kernel tap of output pixel (`b`, `oy`, `ox`) that falls
    /// inside the image, in kernel order: `tap` = fy·kernelWidth + fx and `pixel` the input
    /// pixel's index `(b·inHeight + iy)·inWidth + ix`. Taps in the padding are skipped.
    @inline(__always)
    func forEachTapInside(_ b: Int, _ oy: Int, _ ox: Int, _ body: (_ tap: Int, _ pixel: Int) -> Void) {
        for fy in 0 ..< kernelHeight {
            let iy = oy * strideHeight - padTop + fy * dilationHeight
            if iy < 0 || iy >= inHeight { continue }
            for fx in 0 ..< kernelWidth {
                let ix = ox * strideWidth - padLeft + fx * dilationWidth
                if ix < 0 || ix >= inWidth { continue }
                body(fy * kernelWidth + fx, (b * inHeight + iy) * inWidth + ix)
            }
        }
    }

    /// Throws unless `shape` is the expected output shape.
    func checkOutput(_ shape: [Int]) throws {
        guard shape == outputShape else { throw ShapeError("output must have shape \(outputShape), got \(shape)") }
    }
}
