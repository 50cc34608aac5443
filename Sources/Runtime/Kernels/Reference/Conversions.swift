/// Type conversions: CAST and DEQUANTIZE.
public enum Conversions {}

/// One element on its way through CAST: a float, an integer (any width up to 64 bits) or a bool.
public enum CastValue: Sendable, Equatable {
    case float(Float)
    case integer(Int64)
    case bool(Bool)
}

/// An element type CAST reads and writes (Float, Int64, Int32, Int16, Int8, UInt8, Bool).
public protocol CastElement {
    var castValue: CastValue { get }
    /// Converts as TFLite's CAST does (see `Conversions.cast`).
    init(castFrom value: CastValue)
}

extension Conversions {
    /// CAST with TFLite semantics: int→int wraps (C++ `static_cast`), int→float rounds to
    /// nearest, anything→bool is `!= 0`, bool→number is 0/1, and float→int truncates toward zero
    /// saturating at the type's bounds with NaN → max (current LiteRT `SaturatingCastFloatingToInteger`).
    public static func cast<Source: CastElement, Destination: CastElement>(
        _ input: TensorView<Source>, into output: MutableTensorView<Destination>
    ) {
        precondition(output.count == input.count, "CAST output must have \(input.count) elements, has \(output.count)")
        for i in 0..<input.count { output[i] = Destination(castFrom: input[i].castValue) }
    }
}

extension Float: CastElement {
    public var castValue: CastValue { .float(self) }
    public init(castFrom value: CastValue) {
        switch value {
        case .float(let x): self = x
        case .integer(let n): self = Float(n)
        case .bool(let b): self = b ? 1 : 0
        }
    }
}

extension Bool: CastElement {
    public var castValue: CastValue { .bool(self) }
    public init(castFrom value: CastValue) {
        switch value {
        case .float(let x): self = x != 0
        case .integer(let n): self = n != 0
        case .bool(let b): self = b
        }
    }
}

/// Shared integer conversions for the fixed-width integer CAST types.
public protocol IntegerCastElement: CastElement, FixedWidthInteger {}

extension IntegerCastElement {
    public var castValue: CastValue { .integer(Int64(self)) }
    public init(castFrom value: CastValue) {
        switch value {
        case .float(let x):
            if x.isNaN {
                self = .max
            } else if x <= Float(Self.min) {
                self = .min
            } else if x >= Float(Self.max) {
                self = .max
            } else {
                self = Self(x)
            }
        case .integer(let n): self = Self(truncatingIfNeeded: n)
        case .bool(let b): self = b ? 1 : 0
        }
    }
}

extension Int64: IntegerCastElement {}
extension Int32: IntegerCastElement {}
extension Int16: IntegerCastElement {}
extension Int8: IntegerCastElement {}
extension UInt8: IntegerCastElement {}
