import Foundation

/// Float activation kernels (TFLite LOGISTIC, TANH, RELU, RELU6, RELU_N1_TO_1, LEAKY_RELU,
/// HARD_SWISH, GELU, PRELU). Unary activations produce the input's shape.
public enum Activations {}

/// A one-input activation op and its parameters.
public enum ActivationFunction: Sendable, Equatable {
    case logistic, tanh, relu, relu6, reluN1To1, hardSwish
    /// `x > 0 ? x : alpha · x`.
    case leakyRelu(alpha: Float)
    /// `approximate` uses the tanh formula, otherwise the exact erf form.
    case gelu(approximate: Bool)
}

extension Activations {
    /// Applies `function` element-wise with TFLite's float formulas.
    public static func apply(_ function: ActivationFunction, _ input: TensorView<Float>, into output: MutableTensorView<Float>) {
        switch function {
        case .logistic: Elementwise.map(input, output, logistic)
        case .tanh: Elementwise.map(input, output) { Foundation.tanh($0) }
        case .relu: Elementwise.map(input, output) { $0 < 0 ? 0 : $0 }
        case .relu6: Elementwise.map(input, output) { $0 < 0 ? 0 : ($0 > 6 ? 6 : $0) }
        case .reluN1To1: Elementwise.map(input, output) { $0 > 1 ? 1 : ($0 < -1 ? -1 : $0) }
        case .hardSwish: Elementwise.map(input, output, hardSwish)
        case .leakyRelu(let alpha): Elementwise.map(input, output) { $0 > 0 ? $0 : $0 * alpha }
        case .gelu(let approximate): Elementwise.map(input, output, approximate ? geluTanh : geluErf)
        }
    }

    /// TFLite reference LOGISTIC: the input is clamped to ±100 (NaN kept), then 1 / (1 + e^−x).
    static func logistic(_ x: Float) -> Float {
        let clamped = x.isNaN ? x : Swift.max(-100, Swift.min(100, x))
        return 1 / (1 + Foundation.exp(-clamped))
    }

    /// `x · min(6, max(0, x + 3)) / 6`, multiplied before dividing as TFLite does.
    static func hardSwish(_ x: Float) -> Float {
        let shifted = x + 3
        let relu = 0 < shifted ? shifted : 0
        let relu6: Float = relu < 6 ? relu : 6
        return x * relu6 / 6
    }

    /// `0.5 · x · erfc(−x / √2)`: TFLite's exact GELU, written with erfc to avoid cancellation.
    static func geluErf(_ x: Float) -> Float {
        let negativeInverseSqrt2 = Float(-0.5.squareRoot())
        return 0.5 * x * erfc(x * negativeInverseSqrt2)
    }

    /// `0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³)))`, TFLite's approximate GELU.
    static func geluTanh(_ x: Float) -> Float {
        let sqrtTwoOverPi = Float((2 / Double.pi).squareRoot())
        let cube = x * x * x
        return 0.5 * x * (1 + Foundation.tanh(sqrtTwoOverPi * (x + 0.044715 * cube)))
    }
}
