/// Element-wise binary and unary math kernels (TFLite ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM,
/// SQUARED_DIFFERENCE, EXP, SQRT, RSQRT, ABS, NEG, SQUARE).
public enum Elementwise {}

/// A broadcasting binary operator on float tensors.
public enum BinaryOperator: Sendable, Equatable {
    case add, sub, mul, div, maximum, minimum, squaredDifference
}

/// The binary operators TFLite models use on int32 tensors (shape arithmetic).
public enum IntegerBinaryOperator: Sendable, Equatable {
    case add, sub, mul, maximum, minimum
}

extension Elementwise {
    /// Output shape of any binary operator: the NumPy broadcast of the operand shapes.
    public static func binaryOutputShape(_ a: [Int], _ b: [Int]) throws -> [Int] {
        try Broadcast.outputShape(a, b)
    }

    /// `output = activation(a op b)` with broadcasting. As in TFLite, the fused activation of
    /// add/sub/mul/div is a clamp to `activation.floatRange` (so `.none` maps ±∞ to
    /// ±greatestFiniteMagnitude and a fused `.tanh` clamps nothing). MAXIMUM, MINIMUM and
    /// SQUARED_DIFFERENCE have no fused activation in TFLite: `activation` is ignored for them.
    public static func binary(
        _ op: BinaryOperator, _ a: TensorView<Float>, _ b: TensorView<Float>,
        activation: FusedActivation = .none, into output: MutableTensorView<Float>
    ) {
        let (low, high) = activation.floatRange
        switch op {
        case .add: apply(a, b, output) { clamp($0 + $1, low, high) }
        case .sub: apply(a, b, output) { clamp($0 - $1, low, high) }
        case .mul: apply(a, b, output) { clamp($0 * $1, low, high) }
        case .div: apply(a, b, output) { clamp($0 / $1, low, high) }
        case .maximum: apply(a, b, output) { $0 > $1 ? $0 : $1 }
        case .minimum: apply(a, b, output) { $0 < $1 ? $0 : $1 }
        case .squaredDifference:
            apply(a, b, output) { x, y in
                let difference = x - y
                return difference * difference
            }
        }
    }

    /// Int32 `output = activation(a op b)` with broadcasting; overflow wraps (two's complement).
    /// For add/sub/mul the activation clamps to TFLite's int32 range; max/min ignore it.
    public static func binary(
        _ op: IntegerBinaryOperator, _ a: TensorView<Int32>, _ b: TensorView<Int32>,
        activation: FusedActivation = .none, into output: MutableTensorView<Int32>
    ) {
        let (low, high) = int32Range(activation)
        switch op {
        case .add: apply(a, b, output) { clamp($0 &+ $1, low, high) }
        case .sub: apply(a, b, output) { clamp($0 &- $1, low, high) }
        case .mul: apply(a, b, output) { clamp($0 &* $1, low, high) }
        case .maximum: apply(a, b, output) { $0 > $1 ? $0 : $1 }
        case .minimum: apply(a, b, output) { $0 < $1 ? $0 : $1 }
        }
    }

    /// Shared broadcasting loop: a flat loop when the shapes match, else a strided walk.
    @inline(__always)
    static func apply<T>(
        _ a: TensorView<T>, _ b: TensorView<T>, _ output: MutableTensorView<T>, _ f: (T, T) -> T
    ) {
        if a.shape == b.shape {
            precondition(output.count == a.count, "binary output must have \(a.count) elements")
            for i in 0..<a.count { output[i] = f(a[i], b[i]) }
        } else {
            Broadcast.forEachIndex(a.shape, b.shape, outputShape: output.shape) { o, i, j in
                output[o] = f(a[i], b[j])
            }
        }
    }

    /// TFLite's `ActivationFunctionWithMinMax`: `min(max(x, low), high)` with C++ `std::min`/
    /// `std::max` argument order, so NaN passes through.
    @inline(__always)
    static func clamp<T: Comparable>(_ x: T, _ low: T, _ high: T) -> T {
        let raised = x < low ? low : x
        return high < raised ? high : raised
    }

    /// TFLite's `CalculateActivationRange<int32_t>`.
    private static func int32Range(_ activation: FusedActivation) -> (Int32, Int32) {
        switch activation {
        case .relu: return (0, .max)
        case .relu6: return (0, 6)
        case .reluN1To1: return (-1, 1)
        case .none, .tanh: return (.min, .max)
        }
    }
}
