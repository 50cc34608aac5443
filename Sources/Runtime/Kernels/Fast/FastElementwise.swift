/// Float ADD / SUB / MUL of two same-shape operands as one flat, vectorisable loop over raw
/// pointers, with the fused-activation clamp of `Elementwise.binary` (same operations and order,
/// so results are bit-identical to the reference kernel).
enum FastElementwise {
    /// True when `op` has a flat same-shape fast path.
    static func handles(_ op: BinaryOperator) -> Bool { op == .add || op == .sub || op == .mul }

    /// `output[i] = clamp(a[i] op b[i], low, high)` for `count` elements, where `(low, high)` is
    /// `activation.floatRange`. `op` must satisfy `handles(_:)`.
    static func binary(
        _ op: BinaryOperator, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int,
        activation: FusedActivation, into output: UnsafeMutablePointer<Float>
    ) {
        let (low, high) = activation.floatRange
        switch op {
        case .add: for i in 0..<count { output[i] = Elementwise.clamp(a[i] + b[i], low, high) }
        case .sub: for i in 0..<count { output[i] = Elementwise.clamp(a[i] - b[i], low, high) }
        case .mul: for i in 0..<count { output[i] = Elementwise.clamp(a[i] * b[i], low, high) }
        default: preconditionFailure("FastElementwise has no fast path for \(op)")
        }
    }
}
