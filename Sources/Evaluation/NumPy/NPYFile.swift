/// A `.npy` file opened for reading: the header is parsed at once, data only on request,
/// whole or a range of rows along the first axis (e.g. a batch of images).
public final class NPYFile: Sendable {
    public let path: String
    public let header: NPYHeader
    private let file: RandomAccessFile

    /// Opens `path` and checks its header and length.
    public init(path: String) throws(NumPyError) {
        let file = try RandomAccessFile(path: path)
        header = try NPYHeader.read(size: file.size, source: path) { (offset, count) throws(NumPyError) in
            try file.read(offset: offset, count: count)
        }
        try header.checkDataLength(file.size - header.dataOffset, source: path)
        self.path = path
        self.file = file
    }

    /// The whole array.
    public func read() throws(NumPyError) -> NDArray {
        try read(rows: 0..<(header.shape.first ?? 1))
    }

    /// Rows `rows` along the first axis, shape `[rows.count] + shape.dropFirst()`.
    /// For a 0-d array the only valid range is `0..<1`, which returns the scalar.
    public func read(rows: Range<Int>) throws(NumPyError) -> NDArray {
        let slice = try RowSlice(shape: header.shape, dtype: header.dtype, rows: rows, source: path)
        let data = try file.read(offset: header.dataOffset + slice.byteRange.lowerBound, count: slice.byteRange.count)
        return header.array(shape: slice.shape, data: data)
    }
}
