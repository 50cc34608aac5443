/// The element types Edgewise reads and writes in `.npy` files, named as numpy names them.
public enum DType: String, Sendable, CaseIterable {
    case float16, float32, float64
    case int8, uint8, int16, uint16, int32, uint32, int64, uint64
    case bool

    /// Bytes per element.
    public var itemSize: Int {
        switch self {
        case .int8, .uint8, .bool: 1
        case .float16, .int16, .uint16: 2
        case .float32, .int32, .uint32: 4
        case .float64, .int64, .uint64: 8
        }
    }

    /// The little-endian numpy type string written into `.npy` headers, e.g. `<f4` or `|u1`.
    public var descr: String {
        itemSize == 1 ? "|\(kindCode)\(itemSize)" : "<\(kindCode)\(itemSize)"
    }

    /// True for float16, float32 and float64.
    public var isFloatingPoint: Bool { kindCode == "f" }

    var kindCode: Character {
        switch self {
        case .float16, .float32, .float64: "f"
        case .int8, .int16, .int32, .int64: "i"
        case .uint8, .uint16, .uint32, .uint64: "u"
        case .bool: "b"
        }
    }

    /// Parses a numpy type string such as `<f4`, `>i8`, `|b1` or `=u2`.
    /// Returns nil for anything this module does not support.
    static func parse(descr: String) -> (dtype: DType, bigEndian: Bool)? {
        let chars = Array(descr)
        guard chars.count >= 3, let size = Int(String(chars[2...])) else { return nil }
        guard let dtype = allCases.first(where: { $0.kindCode == chars[1] && $0.itemSize == size }) else {
            return nil
        }
        switch chars[0] {
        case "<", "=": return (dtype, false)
        case ">": return (dtype, size > 1)
        case "|": return size == 1 ? (dtype, false) : nil
        default: return nil
        }
    }
}
