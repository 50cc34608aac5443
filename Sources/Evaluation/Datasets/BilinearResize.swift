extension DecodedImage {
    /// The pixel values (0…255, not rounded) resized to `width`×`height` by bilinear interpolation
    /// with half-pixel centres (TensorFlow 2's `tf.image.resize` default): output pixel `o` samples
    /// input coordinate `(o + 0.5) · in/out − 0.5`, clamped to the image. Same size: the pixels.
    public func resizedValues(width newWidth: Int, height newHeight: Int) -> [Float] {
        if newWidth == width && newHeight == height { return pixels.map(Float.init) }
        let xs = Self.weights(input: width, output: newWidth)
        let ys = Self.weights(input: height, output: newHeight)
        var result = [Float](repeating: 0, count: newWidth * newHeight * channels)
        for (row, y) in ys.enumerated() {
            for (column, x) in xs.enumerated() {
                for channel in 0..<channels {
                    func at(_ r: Int, _ c: Int) -> Float { Float(pixels[(r * width + c) * channels + channel]) }
                    let top = at(y.lower, x.lower) + (at(y.lower, x.upper) - at(y.lower, x.lower)) * x.fraction
                    let bottom = at(y.upper, x.lower) + (at(y.upper, x.upper) - at(y.upper, x.lower)) * x.fraction
                    result[(row * newWidth + column) * channels + channel] = top + (bottom - top) * y.fraction
                }
            }
        }
        return result
    }

    /// For each output index: the two input indices it lies between and the weight of the upper one.
    private static func weights(input: Int, output: Int) -> [(lower: Int, upper: Int, fraction: Float)] {
        let scale = Float(input) / Float(output)
        return (0..<output).map { o in
            let position = min(max((Float(o) + 0.5) * scale - 0.5, 0), Float(input - 1))
            let lower = Int(position.rounded(.down))
            return (lower, min(lower + 1, input - 1), position - Float(lower))
        }
    }
}
