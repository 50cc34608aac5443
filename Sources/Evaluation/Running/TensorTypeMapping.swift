import LiteModel

extension DType {
    /// The numpy dtype holding elements of a TFLite tensor type, if there is one.
    public init?(_ type: TensorType) {
        switch type {
        case .float16: self = .float16
        case .float32: self = .float32
        case .float64: self = .float64
        case .int8: self = .int8
        case .uint8: self = .uint8
        case .int16: self = .int16
        case .uint16: self = .uint16
        case .int32: self = .int32
        case .uint32: self = .uint32
        case .int64: self = .int64
        case .uint64: self = .uint64
        case .bool: self = .bool
        default: return nil
        }
    }
}
