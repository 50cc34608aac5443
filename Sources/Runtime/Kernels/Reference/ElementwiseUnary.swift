import Foundation

/// A one-input float math operator (output has the input's shape).
public enum UnaryOperator: Sendable, Equatable {
    case exp, sqrt, rsqrt, abs, neg, square
}

extension Elementwise {
    /// Applies `op` to every element, as TFLite's float kernels do (`std::exp`, `std::sqrt`,
    /// `1 / std::sqrt`, `std::abs`, negation, `x * x`).
    public static func unary(_ op: UnaryOperator, _ input: TensorView<Float>, into output: MutableTensorView<Float>) {
        switch op {
        case .exp: map(input, output) { Foundation.exp($0) }
        case .sqrt: map(input, output) { $0.squareRoot() }
        case .rsqrt: map(input, output) { 1 / $0.squareRoot() }
        case .abs: map(input, output) { Swift.abs($0) }
        case .neg: map(input, output) { -$0 }
        case .square: map(input, output) { $0 * $0 }
        }
    }

    /// `output[i] = f(input[i])` over same-sized tensors.
    @inline(__always)
    static func map(_ input: TensorView<Float>, _ output: MutableTensorView<Float>, _ f: (Float) -> Float) {
        precondition(output.count == input.count, "output must have \(input.count) elements, has \(output.count)")
        for i in 0..<input.count { output[i] = f(input[i]) }
    }
}
