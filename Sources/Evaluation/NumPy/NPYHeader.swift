/// What a `.npy` header says: element type, shape and where the data starts.
public struct NPYHeader: Equatable, Sendable {
    public let dtype: DType
    public let shape: [Int]
    /// Offset of the first data byte from the start of the `.npy` image.
    public let dataOffset: Int
    /// Format major version: 1, 2 or 3.
    public let version: Int
    /// True when the file stores multi-byte elements big-endian (readers convert them).
    public let isBigEndian: Bool
    /// Size of the data in bytes.
    public let byteCount: Int

    /// Number of elements.
    public var count: Int { shape.reduce(1, *) }

    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // "\x93NUMPY"
    static let maxHeaderLength = 1 << 20

    /// Reads and checks the header of a `.npy` image of `size` bytes through `read(offset, count)`.
    static func read(
        size: Int, source: String, using read: (Int, Int) throws(NumPyError) -> [UInt8]
    ) throws(NumPyError) -> NPYHeader {
        guard size >= 10 else {
            throw NumPyError(.truncated, "file of \(size) bytes is too short for a .npy header", source: source, offset: size)
        }
        let preamble = try read(0, 8)
        guard Array(preamble[0..<6]) == magic else {
            throw NumPyError(.badMagic, "not a .npy file: it does not start with \\x93NUMPY", source: source, offset: 0)
        }
        let version = Int(preamble[6])
        guard [1, 2, 3].contains(version), preamble[7] == 0 else {
            throw NumPyError(.badHeader, "unsupported .npy format version \(preamble[6]).\(preamble[7])", source: source, offset: 6)
        }
        let lengthSize = version == 1 ? 2 : 4
        let lengthBytes = try read(8, lengthSize)
        let headerLength = lengthBytes.reversed().reduce(0) { $0 << 8 | Int($1) }
        let headerStart = 8 + lengthSize
        guard headerLength <= maxHeaderLength else {
            throw NumPyError(.badHeader, "header length \(headerLength) is implausibly large", source: source, offset: 8)
        }
        guard headerStart + headerLength <= size else {
            throw NumPyError(
                .truncated, "header of \(headerLength) bytes runs past the end of the \(size)-byte file",
                source: source, offset: size)
        }
        let headerBytes = try read(headerStart, headerLength)
        let text: String
        if version == 3 {
            guard let utf8 = String(validating: headerBytes, as: UTF8.self) else {
                throw NumPyError(.badHeader, "version 3 header is not valid UTF-8", source: source, offset: headerStart)
            }
            text = utf8
        } else {
            text = String(String.UnicodeScalarView(headerBytes.map { Unicode.Scalar($0) }))  // latin-1
        }
        let fields = try parseFields(text, source: source, offset: headerStart)
        let byteCount = try NDArray.byteCount(dtype: fields.dtype, shape: fields.shape, source: source, offset: headerStart)
        return NPYHeader(
            dtype: fields.dtype, shape: fields.shape, dataOffset: headerStart + headerLength, version: version,
            isBigEndian: fields.bigEndian, byteCount: byteCount)
    }

    private static func parseFields(
        _ text: String, source: String, offset: Int
    ) throws(NumPyError) -> (dtype: DType, shape: [Int], bigEndian: Bool) {
        let shown = text.trimmingSuffixWhitespace()
        func bad(_ message: String, _ kind: NumPyError.Kind = .badHeader) -> NumPyError {
            NumPyError(kind, "\(message) in header \(shown)", source: source, offset: offset)
        }
        let literal: PythonLiteral
        do {
            literal = try PythonLiteral.parse(text)
        } catch {
            throw NumPyError(
                .badHeader, "header is not a Python dict literal (\(error.message) at character \(error.position)): \(shown)",
                source: source, offset: offset + error.position)
        }
        guard case .dict(let entries) = literal else { throw bad("expected a dict") }
        let keys = entries.map(\.key)
        guard keys.sorted() == ["descr", "fortran_order", "shape"] else {
            throw bad("expected exactly the keys 'descr', 'fortran_order', 'shape', found \(keys)")
        }
        let values = Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.value) })

        guard case .string(let descr)? = values["descr"] else {
            throw bad("structured dtypes are not supported", .unsupportedDType)
        }
        guard let (dtype, bigEndian) = DType.parse(descr: descr) else {
            let supported = DType.allCases.map(\.descr).joined(separator: " ")
            throw bad("dtype '\(descr)' is not supported (supported: \(supported), or '>' big-endian)", .unsupportedDType)
        }
        guard case .tuple(let dims)? = values["shape"] else { throw bad("'shape' is not a tuple") }
        var shape: [Int] = []
        for dim in dims {
            guard case .integer(let value) = dim, value >= 0 else { throw bad("'shape' must hold non-negative integers") }
            shape.append(value)
        }
        guard case .boolean(let fortranOrder)? = values["fortran_order"] else {
            throw bad("'fortran_order' is not True or False")
        }
        // Fortran and C order are the same layout for 0-d and 1-d arrays.
        guard !fortranOrder || shape.count <= 1 else {
            throw bad("Fortran-order arrays are not supported; save with np.ascontiguousarray", .unsupportedLayout)
        }
        return (dtype, shape, bigEndian)
    }

    /// The header numpy writes for this dtype and shape: format 1.0 when its length fits in
    /// 16 bits, else 2.0; the dict padded with spaces and a newline to a multiple of 64 bytes.
    static func encoded(dtype: DType, shape: [Int]) -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var dict = "{'descr': '\(dtype.descr)', 'fortran_order': False, 'shape': \(shapeText), }"
        // numpy leaves room to grow the first axis in place (21 = digits of the largest count).
        if let first = shape.first { dict += String(repeating: " ", count: max(0, 21 - String(first).count)) }
        let textLength = dict.utf8.count + 1  // + the final newline
        func paddingAfter(prefixLength: Int) -> Int { 64 - (prefixLength + textLength) % 64 }
        let version = textLength + paddingAfter(prefixLength: 10) <= 0xFFFF ? 1 : 2
        let padding = paddingAfter(prefixLength: version == 1 ? 10 : 12)
        let headerLength = textLength + padding
        var bytes = magic + [UInt8(version), 0]
        let lengthSize = version == 1 ? 2 : 4
        for index in 0..<lengthSize { bytes.append(UInt8(truncatingIfNeeded: headerLength >> (8 * index))) }
        bytes += Array(dict.utf8)
        bytes += [UInt8](repeating: 0x20, count: padding)
        bytes.append(0x0A)
        return bytes
    }
}

extension String {
    fileprivate func trimmingSuffixWhitespace() -> String {
        String(reversed().drop(while: \.isWhitespace).reversed())
    }
}
