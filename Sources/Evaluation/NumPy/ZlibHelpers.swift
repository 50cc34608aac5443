import CZlib

/// CRC-32 (the zip / gzip polynomial) of `bytes`, continuing from `crc`.
func crc32Checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
    guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return crc }
    var value = uLong(crc)
    var offset = 0
    while offset < bytes.count {
        let length = min(bytes.count - offset, 1 << 30)
        value = crc32(value, base + offset, uInt(length))
        offset += length
    }
    return UInt32(truncatingIfNeeded: value)
}

/// Inflates a raw deflate stream (no zlib/gzip wrapper, as zip entries store it) that must
/// produce exactly `expectedSize` bytes; anything else is an error naming `source`.
/// With `prefixLength`, stops after that many bytes and returns just them (no end check).
func inflateRaw(
    _ compressed: [UInt8], expectedSize: Int, prefixLength: Int? = nil, source: String
) throws(NumPyError) -> [UInt8] {
    let target = min(prefixLength ?? expectedSize, expectedSize)
    var stream = z_stream()
    guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
        throw NumPyError(.io, "zlib inflateInit2 failed", source: source)
    }
    defer { inflateEnd(&stream) }
    let chunk = 1 << 30
    var status = Z_OK
    let output = [UInt8](unsafeUninitializedCapacity: max(target, 1)) { out, initialized in
        compressed.withUnsafeBufferPointer { input in
            repeat {
                let consumed = Int(stream.total_in)
                let produced = Int(stream.total_out)
                stream.next_in = input.isEmpty ? nil : UnsafeMutablePointer(mutating: input.baseAddress! + consumed)
                stream.avail_in = uInt(min(input.count - consumed, chunk))
                stream.next_out = out.baseAddress! + produced
                stream.avail_out = uInt(min(target - produced, chunk))
                status = inflate(&stream, Z_NO_FLUSH)
            } while status == Z_OK
        }
        initialized = Int(stream.total_out)
    }
    let produced = output.count
    switch status {
    case Z_BUF_ERROR where produced == target && target < expectedSize:
        return output
    case Z_STREAM_END where produced == expectedSize:
        return output
    case Z_STREAM_END:
        throw NumPyError(.badArchive, "inflated to \(produced) bytes, but the directory says \(expectedSize)", source: source)
    case Z_BUF_ERROR where produced == expectedSize:
        throw NumPyError(.badArchive, "inflates to more than the \(expectedSize) bytes the directory says", source: source)
    case Z_BUF_ERROR:
        throw NumPyError(
            .truncated, "compressed data ends after \(compressed.count) bytes, \(produced) of \(expectedSize) inflated",
            source: source, offset: compressed.count)
    default:
        let reason = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
        throw NumPyError(.badArchive, "corrupt deflate data: \(reason)", source: source, offset: Int(stream.total_in))
    }
}
