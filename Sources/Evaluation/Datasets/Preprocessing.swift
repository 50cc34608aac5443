/// How decoded 8-bit images become model input values: resize, colour, value range, normalisation.
public struct Preprocessing: Equatable, Sendable {
    /// The values pixel 0…255 maps to, linearly.
    public enum PixelRange: String, Sendable, CaseIterable {
        case unit = "0,1"
        case symmetric = "-1,1"
        case bytes = "0,255"

        /// Pixel value `p` (0…255) in this range.
        func map(_ p: Float) -> Float {
            switch self {
            case .unit: p / 255
            case .symmetric: p / 127.5 - 1
            case .bytes: p
            }
        }
    }

    /// Colour of the decoded image; `auto` follows the model input's channel count (1 gray, 3 RGB).
    public enum ColorMode: String, Sendable, CaseIterable {
        case auto, rgb, gray
    }

    public var range: PixelRange
    /// Subtracted per channel after `range` (one value for all channels, or one per channel).
    public var mean: [Float]
    /// Divides per channel after subtracting `mean` (one value, or one per channel).
    public var std: [Float]
    public var color: ColorMode

    public init(range: PixelRange = .unit, mean: [Float] = [], std: [Float] = [], color: ColorMode = .auto) {
        self.range = range
        self.mean = mean
        self.std = std
        self.color = color
    }

    /// Checks mean/std against the model's channel count.
    func validate(channels: Int) throws(DatasetError) {
        for (name, values) in [("mean", mean), ("std", std)] where !(values.isEmpty || values.count == 1 || values.count == channels) {
            throw DatasetError(.badOption, "--\(name) has \(values.count) values; the model input has \(channels) channels (give 1 or \(channels))")
        }
        if std.contains(0) { throw DatasetError(.badOption, "--std must not be 0") }
        if color == .rgb && channels != 3 {
            throw DatasetError(.badOption, "--color rgb needs a 3-channel input; the model input has \(channels) channel(s)")
        }
    }

    /// Model-input values from pixel values (0…255, `sourceChannels` interleaved, already at the
    /// model's size): range, then (x − mean) / std. A gray source fills every model channel.
    func values(of pixels: [Float], sourceChannels: Int, channels: Int) -> [Float] {
        let count = pixels.count / sourceChannels
        var result = [Float](repeating: 0, count: count * channels)
        for pixel in 0..<count {
            for channel in 0..<channels {
                let source = sourceChannels == 1 ? pixels[pixel] : pixels[pixel * sourceChannels + channel]
                var value = range.map(source)
                if !mean.isEmpty { value -= mean[mean.count == 1 ? 0 : channel] }
                if !std.isEmpty { value /= std[std.count == 1 ? 0 : channel] }
                result[pixel * channels + channel] = value
            }
        }
        return result
    }
}
