/// TRANSPOSE_CONV on float32 NHWC tensors (TFLite reference_ops::TransposeConv semantics).
///
/// Inputs: the requested output shape (TFLite input 0, int32 `[4]`), weights OHWI
/// `[outC, kH, kW, inC]`, the data input `[batch, H, W, inC]` and an optional bias `[outC]`
/// (input 3 in newer versions). Each input pixel scatters `input · weights` into the output
/// window starting at `in·stride − pad`, where the padding is TFLite's SAME/VALID padding
/// computed with the *output* size as the input size (`computePadding`).
public enum TransposeConvolution {
    /// TRANSPOSE_CONV options.
    public struct Parameters: Sendable, Equatable {
        public var padding: Padding
        public var strideHeight: Int
        public var strideWidth: Int
        /// Applied as a clamp to `activation.floatRange` after the bias (newer TFLite versions).
        public var activation: FusedActivation

        public init(padding: Padding, strideHeight: Int = 1, strideWidth: Int = 1, activation: FusedActivation = .none) {
            self.padding = padding
            self.strideHeight = strideHeight
            self.strideWidth = strideWidth
            self.activation = activation
        }
    }

    /// The requested `outputShapeValues` after checking it against the other shapes.
    public static func outputShape(outputShapeValues: [Int], weights: [Int], input: [Int], bias: [Int]?,
                                   parameters: Parameters) throws -> [Int] {
        guard outputShapeValues.count == 4, outputShapeValues.allSatisfy({ $0 > 0 }) else {
            throw ShapeError("TRANSPOSE_CONV output shape must be 4 positive sizes, got \(outputShapeValues)")
        }
        guard input.count == 4, weights.count == 4 else {
            throw ShapeError("TRANSPOSE_CONV input and weights must have rank 4, got \(input) and \(weights)")
        }
        guard input[3] == weights[3] else {
            throw ShapeError("TRANSPOSE_CONV input channels \(input[3]) must equal weights input channels \(weights[3])")
        }
        guard outputShapeValues[0] == input[0], outputShapeValues[3] == weights[0] else {
            throw ShapeError("TRANSPOSE_CONV output shape \(outputShapeValues) must have batch \(input[0]) and \(weights[0]) channels")
        }
        if let bias, bias.reduce(1, *) != weights[0] {
            throw ShapeError("TRANSPOSE_CONV bias must have \(weights[0]) elements, got shape \(bias)")
        }
        _ = try padding(outputHeight: outputShapeValues[1], outputWidth: outputShapeValues[2],
                        kernelHeight: weights[1], kernelWidth: weights[2], parameters: parameters)
        return outputShapeValues
    }

    /// TFLite pads a transposed convolution as the forward convolution over the *output* size.
    static func padding(outputHeight: Int, outputWidth: Int, kernelHeight: Int, kernelWidth: Int,
                        parameters p: Parameters) throws -> (top: Int, left: Int) {
        do {
            let window = try computePadding(p.padding, inputHeight: outputHeight, inputWidth: outputWidth,
                                            filterHeight: kernelHeight, filterWidth: kernelWidth,
                                            strideHeight: p.strideHeight, strideWidth: p.strideWidth)
            return (window.top, window.left)
        } catch let error as ShapeError {
            throw ShapeError("TRANSPOSE_CONV: \(error.message)")
        }
    }

    /// Reference transposed convolution into `output`, whose shape is the requested output shape.
    public static func compute(weights: TensorView<Float>, input: TensorView<Float>, bias: TensorView<Float>?,
                               output: MutableTensorView<Float>, parameters p: Parameters) throws {
        _ = try outputShape(outputShapeValues: output.shape, weights: weights.shape, input: input.shape,
                            bias: bias?.shape, parameters: p)
        let (batch, inH, inW, inC) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let (outH, outW, outC) = (output.shape[1], output.shape[2], output.shape[3])
        let (kH, kW) = (weights.shape[1], weights.shape[2])
        let (padTop, padLeft) = try padding(outputHeight: outH, outputWidth: outW, kernelHeight: kH, kernelWidth: kW, parameters: p)
        output.buffer.update(repeating: 0)
        for b in 0 ..< batch {
            for iy in 0 ..< inH {
                for ix in 0 ..< inW {
                    for ic in 0 ..< inC {
                        let value = input[((b * inH + iy) * inW + ix) * inC + ic]
                        for fy in 0 ..< kH {
                            let oy = iy * p.strideHeight - padTop + fy
                            if oy < 0 || oy >= outH { continue }
                            for fx in 0 ..< kW {
                                let ox = ix * p.strideWidth - padLeft + fx
                                if ox < 0 || ox >= outW { continue }
                                let outBase = ((b * outH + oy) * outW + ox) * outC
                                for oc in 0 ..< outC {
                                    output[outBase + oc] += value * weights[((oc * kH + fy) * kW + fx) * inC + ic]
                                }
                            }
                        }
                    }
                }
            }
        }
        let (low, high) = p.activation.floatRange
        for i in 0 ..< output.count {
            output[i] = min(max(output[i] + (bias.map { $0[i % outC] } ?? 0), low), high)
        }
    }
}
