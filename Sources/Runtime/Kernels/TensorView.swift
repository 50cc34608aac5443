import Foundation

/// Read-only view of a dense row-major tensor: a shape and a pointer to `shape.product` elements.
/// Views do not own memory; the interpreter's arena or a constant buffer does.
public struct TensorView<Element>: @unchecked Sendable {
    public let shape: [Int]
    public let base: UnsafePointer<Element>

    public init(shape: [Int], base: UnsafePointer<Element>) {
        self.shape = shape
        self.base = base
    }

    /// Number of elements.
    public var count: Int { shape.reduce(1, *) }
    public var rank: Int { shape.count }

    @inline(__always) public subscript(index: Int) -> Element { base[index] }

    public var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }
}

/// Writable view of a dense row-major tensor.
public struct MutableTensorView<Element>: @unchecked Sendable {
    public let shape: [Int]
    public let base: UnsafeMutablePointer<Element>

    public init(shape: [Int], base: UnsafeMutablePointer<Element>) {
        self.shape = shape
        self.base = base
    }

    public var count: Int { shape.reduce(1, *) }
    public var rank: Int { shape.count }

    @inline(__always) public subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }

    public var buffer: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: base, count: count) }

    /// The same memory seen read-only.
    public var readOnly: TensorView<Element> { TensorView(shape: shape, base: UnsafePointer(base)) }
}

/// An activation fused into an op's output (TFLite `ActivationFunctionType`; SIGN_BIT is not
/// supported by TFLite's kernels and is rejected at prepare time).
public enum FusedActivation: Sendable, Equatable {
    case none, relu, reluN1To1, relu6, tanh

    /// Applies the activation to one float value, as TFLite's `ActivationFunctionWithMinMax` does.
    @inline(__always)
    public func apply(_ x: Float) -> Float {
        switch self {
        case .none: return x
        case .relu: return max(x, 0)
        case .reluN1To1: return min(max(x, -1), 1)
        case .relu6: return min(max(x, 0), 6)
        case .tanh: return Foundation.tanh(x)
        }
    }

    /// Clamp range of the min/max activations; unbounded for `.none` and `.tanh`.
    public var floatRange: (min: Float, max: Float) {
        switch self {
        case .relu: return (0, .greatestFiniteMagnitude)
        case .reluN1To1: return (-1, 1)
        case .relu6: return (0, 6)
        case .none, .tanh: return (-.greatestFiniteMagnitude, .greatestFiniteMagnitude)
        }
    }
}
