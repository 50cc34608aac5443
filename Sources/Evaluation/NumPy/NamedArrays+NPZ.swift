extension NamedArrays {
    /// Reads every array of the `.npz` file at `path`.
    public init(npzFile path: String) throws(NumPyError) {
        self = try NPZArchive(path: path).readAll()
    }

    /// An uncompressed `.npz` image (like `np.savez`) holding these arrays in order.
    public func npzBytes() -> [UInt8] {
        let sink = MemorySink()
        do {
            try writeNPZ(to: sink)
        } catch {
            preconditionFailure("writing to memory cannot fail: \(error)")
        }
        return sink.bytes
    }

    /// Writes an uncompressed `.npz` file, atomically (temporary file, then rename).
    public func writeNPZ(to path: String) throws(NumPyError) {
        let writer = try AtomicFileWriter(path: path)
        try writeNPZ(to: writer)
        try writer.commit()
    }

    func writeNPZ(to sink: ByteSink, zip64Threshold: Int = 0xFFFF_FFFF) throws(NumPyError) {
        var zip = ZipWriter(sink: sink, zip64Threshold: zip64Threshold)
        for (name, array) in ordered {
            try zip.addStored(name: name + ".npy", parts: [NPYHeader.encoded(dtype: array.dtype, shape: array.shape), array.data])
        }
        try zip.finish()
    }
}
