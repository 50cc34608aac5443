extension NDArray {
    /// Decodes a complete `.npy` file image. `source` names it in errors.
    /// Throws on bad magic, a bad or unsupported header, or data of the wrong length.
    public init(npyBytes bytes: consuming [UInt8], source: String = "<memory>") throws(NumPyError) {
        let size = bytes.count
        let header = try NPYHeader.read(size: size, source: source) { [bytes] (offset, count) throws(NumPyError) in
            guard offset + count <= size else {
                throw NumPyError(.truncated, "file ended inside the header", source: source, offset: size)
            }
            return Array(bytes[offset..<offset + count])
        }
        try header.checkDataLength(size - header.dataOffset, source: source)
        bytes.removeFirst(header.dataOffset)
        self = header.array(shape: header.shape, data: bytes)
    }

    /// Reads a `.npy` file.
    public init(npyFile path: String) throws(NumPyError) {
        self = try NPYFile(path: path).read()
    }

    /// The `.npy` image numpy's `np.save` writes for this array (format 1.0 unless the
    /// header needs 2.0), byte for byte.
    public func npyBytes() -> [UInt8] {
        NPYHeader.encoded(dtype: dtype, shape: shape) + data
    }

    /// Writes this array as a `.npy` file, atomically (temporary file, then rename).
    public func writeNPY(to path: String) throws(NumPyError) {
        let writer = try AtomicFileWriter(path: path)
        try writer.append(NPYHeader.encoded(dtype: dtype, shape: shape))
        try writer.append(data)
        try writer.commit()
    }

    /// This array with each multi-byte element's bytes reversed (big ↔ little endian).
    func byteSwapped() -> NDArray {
        let size = dtype.itemSize
        guard size > 1 else { return self }
        var swapped = data
        for start in stride(from: 0, to: swapped.count, by: size) {
            swapped[start..<start + size].reverse()
        }
        return NDArray(unchecked: dtype, shape: shape, data: swapped)
    }
}

extension NPYHeader {
    /// An array of this header's dtype from file bytes, converted to little-endian if needed.
    func array(shape: [Int], data: [UInt8]) -> NDArray {
        let array = NDArray(unchecked: dtype, shape: shape, data: data)
        return isBigEndian ? array.byteSwapped() : array
    }

    /// Checks that `available` bytes follow the header: exactly `byteCount`.
    func checkDataLength(_ available: Int, source: String) throws(NumPyError) {
        if available < byteCount {
            throw NumPyError(
                .truncated,
                "\(dtype.rawValue) shape \(shape) needs \(byteCount) data bytes but only \(available) follow the header",
                source: source, offset: dataOffset + available)
        }
        if available > byteCount {
            throw NumPyError(
                .shapeMismatch,
                "\(available - byteCount) unexpected bytes after the \(byteCount) data bytes of \(dtype.rawValue) shape \(shape)",
                source: source, offset: dataOffset + byteCount)
        }
    }
}
