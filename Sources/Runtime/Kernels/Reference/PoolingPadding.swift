/// TFLite's SAME/VALID padding of a sliding-window op (conv, depthwise, transpose conv, pooling);
/// sizes and offsets come from `computePadding` below.
public enum Padding: Sendable, Equatable {
    case same, valid
}

/// Padding and output size of a 2-D sliding window (pooling, convolution), computed as TFLite's
/// `ComputePaddingHeightWidth` does (tensorflow/lite/kernels/padding.h):
///
/// - effective filter `f = (filter − 1) · dilation + 1`;
/// - output size: SAME `⌈input / stride⌉`, VALID `⌊(input − f) / stride⌋ + 1` (C division);
/// - total padding `max(0, (output − 1) · stride + f − input)`; `before = total / 2` and
///   `after = before + total % 2` (the odd extra row/column goes after).
///
/// Kernels only use `top`/`left`; taps beyond the input are skipped.
public struct WindowPadding: Sendable, Equatable {
    public let top, bottom, left, right: Int
    public let outputHeight, outputWidth: Int

    public init(top: Int, bottom: Int, left: Int, right: Int, outputHeight: Int, outputWidth: Int) {
        self.top = top; self.bottom = bottom; self.left = left; self.right = right
        self.outputHeight = outputHeight; self.outputWidth = outputWidth
    }
}

/// Computes `WindowPadding` for an `inputHeight × inputWidth` image (see `WindowPadding`).
/// Throws when a filter, stride or dilation is not positive, or when no output position fits.
public func computePadding(
    _ padding: Padding, inputHeight: Int, inputWidth: Int, filterHeight: Int, filterWidth: Int,
    strideHeight: Int, strideWidth: Int, dilationHeight: Int = 1, dilationWidth: Int = 1
) throws -> WindowPadding {
    guard filterHeight > 0, filterWidth > 0, strideHeight > 0, strideWidth > 0, dilationHeight > 0, dilationWidth > 0 else {
        throw ShapeError(
            "window filter, stride and dilation must be positive, got filter \(filterHeight)x\(filterWidth), stride \(strideHeight)x\(strideWidth), dilation \(dilationHeight)x\(dilationWidth)")
    }
    let height = windowAxis(padding, inputHeight, filterHeight, strideHeight, dilationHeight)
    let width = windowAxis(padding, inputWidth, filterWidth, strideWidth, dilationWidth)
    guard height.output > 0, width.output > 0 else {
        throw ShapeError(
            "window \(filterHeight)x\(filterWidth) (dilation \(dilationHeight)x\(dilationWidth)) with \(padding) padding leaves no output for input \(inputHeight)x\(inputWidth)")
    }
    return WindowPadding(
        top: height.before, bottom: height.after, left: width.before, right: width.after,
        outputHeight: height.output, outputWidth: width.output)
}

/// TFLite `ComputeOutSize` and `ComputePaddingWithOffset` along one axis.
private func windowAxis(_ padding: Padding, _ input: Int, _ filter: Int, _ stride: Int, _ dilation: Int)
    -> (before: Int, after: Int, output: Int)
{
    let effectiveFilter = (filter - 1) * dilation + 1
    let output = switch padding {
    case .same: (input + stride - 1) / stride
    case .valid: (input + stride - effectiveFilter) / stride
    }
    let total = max(0, (output - 1) * stride + effectiveFilter - input)
    return (total / 2, total / 2 + total % 2, output)
}
