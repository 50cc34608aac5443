import CImageCodecs
import Foundation

/// An 8-bit image decoded from a PNG or JPEG file: row-major, channels interleaved.
public struct DecodedImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// 1 (gray) or 3 (RGB).
    public let channels: Int
    public let pixels: [UInt8]

    /// File extensions read as images (lower case).
    public static let fileExtensions: Set<String> = ["png", "jpg", "jpeg"]

    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * channels, "pixel count does not match the size")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// Reads and decodes the PNG or JPEG file at `path` (chosen by its first bytes, not its name)
    /// to gray or RGB. Throws `.unreadable` naming the file.
    public init(contentsOf path: String, grayscale: Bool) throws(DatasetError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DatasetError(.unreadable, "\(path): cannot be read")
        }
        try self.init(encoded: [UInt8](data), grayscale: grayscale, source: path)
    }

    /// Decodes PNG or JPEG bytes; `source` names them in errors.
    public init(encoded bytes: [UInt8], grayscale: Bool, source: String) throws(DatasetError) {
        let isPNG = bytes.starts(with: [0x89, 0x50, 0x4E, 0x47])
        guard isPNG || bytes.starts(with: [0xFF, 0xD8]) else {
            throw DatasetError(.unreadable, "\(source): not a PNG or JPEG image")
        }
        var output: UnsafeMutablePointer<UInt8>?
        var width: Int32 = 0, height: Int32 = 0
        let capacity = 256
        var message = [CChar](repeating: 0, count: capacity)
        let gray: Int32 = grayscale ? 1 : 0
        let status = bytes.withUnsafeBufferPointer { input in
            isPNG
                ? edgewise_decode_png(input.baseAddress, input.count, gray, &output, &width, &height, &message, capacity)
                : edgewise_decode_jpeg(input.baseAddress, input.count, gray, &output, &width, &height, &message, capacity)
        }
        guard status == 1, let output else {
            let text = message.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            throw DatasetError(.unreadable, "\(source): cannot decode image (\(text))")
        }
        defer { free(output) }
        let channels = grayscale ? 1 : 3
        let count = Int(width) * Int(height) * channels
        self.init(width: Int(width), height: Int(height), channels: channels,
                  pixels: Array(UnsafeBufferPointer(start: output, count: count)))
    }
}
