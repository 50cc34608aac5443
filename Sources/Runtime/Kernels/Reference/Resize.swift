import Foundation

/// NHWC spatial resizing (TFLite RESIZE_BILINEAR, RESIZE_NEAREST_NEIGHBOR).
public enum Resize {}

/// Target size and coordinate convention of a resize op.
public struct ResizeParameters: Sendable, Equatable {
    public var height, width: Int
    /// Maps the corner pixel centres of input and output onto each other.
    public var alignCorners: Bool
    /// Samples at pixel centres (`(x + 0.5) · scale − 0.5`).
    public var halfPixelCenters: Bool

    public init(height: Int, width: Int, alignCorners: Bool = false, halfPixelCenters: Bool = false) {
        self.height = height; self.width = width
        self.alignCorners = alignCorners; self.halfPixelCenters = halfPixelCenters
    }
}

extension Resize {
    /// `[batch, height, width, channels]`. Bilinear resizing rejects `alignCorners` together with
    /// `halfPixelCenters`, as TFLite does.
    public static func outputShape(input: [Int], _ parameters: ResizeParameters, bilinear: Bool) throws -> [Int] {
        guard input.count == 4 else { throw ShapeError("resize expects an NHWC input of rank 4, got shape \(input)") }
        guard parameters.height > 0, parameters.width > 0 else {
            throw ShapeError("resize target size must be positive, got \(parameters.height)x\(parameters.width)")
        }
        guard !(bilinear && parameters.alignCorners && parameters.halfPixelCenters) else {
            throw ShapeError("RESIZE_BILINEAR: align_corners and half_pixel_centers cannot both be true")
        }
        return [input[0], parameters.height, parameters.width, input[3]]
    }

    /// Bilinear interpolation with TFLite's float coordinate arithmetic: scale = in/out (or
    /// (in−1)/(out−1) with `alignCorners`), source = y·scale (or (y+0.5)·scale−0.5), neighbours
    /// `max(⌊source⌋, 0)` and `min(⌈source⌉, in−1)`.
    public static func bilinear(_ input: TensorView<Float>, _ parameters: ResizeParameters, into output: MutableTensorView<Float>) {
        let (batches, inHeight, inWidth, depth) = dimensions(input, parameters, output)
        let heightScale = scale(inHeight, parameters.height, parameters.alignCorners)
        let widthScale = scale(inWidth, parameters.width, parameters.alignCorners)
        var o = 0
        for b in 0..<batches {
            for y in 0..<parameters.height {
                let (sy, y0, y1) = interpolationPoint(y, heightScale, parameters.halfPixelCenters, inHeight)
                let dy = sy - Float(y0)
                for x in 0..<parameters.width {
                    let (sx, x0, x1) = interpolationPoint(x, widthScale, parameters.halfPixelCenters, inWidth)
                    let dx = sx - Float(x0)
                    let row0 = (b * inHeight + y0) * inWidth, row1 = (b * inHeight + y1) * inWidth
                    for c in 0..<depth {
                        let topLeft = input[(row0 + x0) * depth + c] * (1 - dy) * (1 - dx)
                        let bottomLeft = input[(row1 + x0) * depth + c] * dy * (1 - dx)
                        let topRight = input[(row0 + x1) * depth + c] * (1 - dy) * dx
                        let bottomRight = input[(row1 + x1) * depth + c] * dy * dx
                        output[o] = topLeft + bottomLeft + topRight + bottomRight
                        o += 1
                    }
                }
            }
        }
    }

    /// Copies the nearest input pixel: index = ⌊(y + offset)·scale⌋, or round-half-away with
    /// `alignCorners`; offset 0.5 with `halfPixelCenters`; clamped to the input as in TFLite.
    public static func nearestNeighbor<Element>(_ input: TensorView<Element>, _ parameters: ResizeParameters, into output: MutableTensorView<Element>) {
        let (batches, inHeight, inWidth, depth) = dimensions(input, parameters, output)
        var o = 0
        for b in 0..<batches {
            for y in 0..<parameters.height {
                let sy = nearest(y, inHeight, parameters.height, parameters)
                for x in 0..<parameters.width {
                    let sx = nearest(x, inWidth, parameters.width, parameters)
                    let source = ((b * inHeight + sy) * inWidth + sx) * depth
                    for c in 0..<depth {
                        output[o] = input[source + c]
                        o += 1
                    }
                }
            }
        }
    }

    /// Checks shapes and returns (batches, input height, input width, channels).
    private static func dimensions<Element>(
        _ input: TensorView<Element>, _ parameters: ResizeParameters, _ output: MutableTensorView<Element>
    ) -> (Int, Int, Int, Int) {
        precondition(input.rank == 4 && output.shape == [input.shape[0], parameters.height, parameters.width, input.shape[3]],
                     "resize output shape mismatch")
        return (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
    }

    private static func scale(_ inSize: Int, _ outSize: Int, _ alignCorners: Bool) -> Float {
        alignCorners && outSize > 1 ? Float(inSize - 1) / Float(outSize - 1) : Float(inSize) / Float(outSize)
    }

    /// TFLite `ComputeInterpolationValues`: source coordinate and its lower/upper neighbours.
    private static func interpolationPoint(_ index: Int, _ scale: Float, _ halfPixelCenters: Bool, _ size: Int) -> (Float, Int, Int) {
        let value = Float(index)
        let source = halfPixelCenters ? (value + 0.5) * scale - 0.5 : value * scale
        return (source, max(Int(source.rounded(.down)), 0), min(Int(source.rounded(.up)), size - 1))
    }

    /// TFLite `GetNearestNeighbor`.
    private static func nearest(_ index: Int, _ inSize: Int, _ outSize: Int, _ parameters: ResizeParameters) -> Int {
        let scale = parameters.alignCorners && outSize > 1
            ? Float(inSize - 1) / Float(outSize - 1) : Float(inSize) / Float(outSize)
        let offset: Float = parameters.halfPixelCenters ? 0.5 : 0
        let source = (Float(index) + offset) * scale
        let rounded = parameters.alignCorners ? source.rounded(.toNearestOrAwayFromZero) : source.rounded(.down)
        let clamped = min(Int(rounded), inSize - 1)
        return parameters.halfPixelCenters ? max(0, clamped) : clamped
    }
}
