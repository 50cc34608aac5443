import CKernels

/// Affine quantization of one tensor: `real = scale · (q − zeroPoint)`.
public struct AffineQuantization: Sendable, Equatable {
    public var scale: Float
    public var zeroPoint: Int32

    public init(scale: Float, zeroPoint: Int32) {
        self.scale = scale
        self.zeroPoint = zeroPoint
    }

    /// TFLite `CalculateActivationRangeQuantized`: the fused activation's float bounds quantized
    /// with `zeroPoint + round(f / scale)` in float32, intersected with the range of `Q`; throws,
    /// as TFLite's Prepare fails, when a bound overflows int32 (a tiny output scale).
    public func activationRange<Q: FixedWidthInteger>(_ activation: FusedActivation, _ type: Q.Type) throws -> ClosedRange<Int32> {
        let (low, high) = try QuantizedOutput.activationRange(activation, scale: scale, zeroPoint: zeroPoint,
                                                              typeRange: Int32(Q.min) ... Int32(Q.max))
        return low ... max(low, high)
    }
}

/// Parameters of quantized ADD/SUB as TFLite's `add.cc`/`sub.cc` Prepare computes them for the
/// general (non power-of-two) path: both inputs rescaled to `2·max(s₁, s₂)` after a left shift
/// of 20 (int8) or 15 (int16), then the sum rescaled to the output.
public struct QuantizedAddParameters: Sendable, Equatable {
    public var leftShift: Int
    public var input1Offset, input2Offset, outputOffset: Int32
    public var input1Multiplier, input2Multiplier, outputMultiplier: Int32
    public var input1Shift, input2Shift, outputShift: Int
    public var range: ClosedRange<Int32>

    public init<Q: FixedWidthInteger>(input1: AffineQuantization, input2: AffineQuantization, output: AffineQuantization,
                                      activation: FusedActivation, _ type: Q.Type) throws {
        leftShift = Q.bitWidth == 16 ? 15 : 20
        input1Offset = 0 &- input1.zeroPoint
        input2Offset = 0 &- input2.zeroPoint
        outputOffset = output.zeroPoint
        let twiceMaxScale = Double(2 * max(input1.scale, input2.scale))
        (input1Multiplier, input1Shift) = FixedPoint.quantizeMultiplier(Double(input1.scale) / twiceMaxScale)
        (input2Multiplier, input2Shift) = FixedPoint.quantizeMultiplier(Double(input2.scale) / twiceMaxScale)
        let outputReal = twiceMaxScale / Double(Float(1 << leftShift) * output.scale)
        (outputMultiplier, outputShift) = FixedPoint.quantizeMultiplier(outputReal)
        range = try output.activationRange(activation, Q.self)
    }
}

/// Parameters of a quantized op whose result is `M·(x − zpₓ)·(y − zp_y)` or similar with one
/// output rescale (MUL, and SQUARED_DIFFERENCE's own setup below).
public struct QuantizedMulParameters: Sendable, Equatable {
    public var input1Offset, input2Offset, outputOffset: Int32
    public var multiplier: Int32
    public var shift: Int
    public var range: ClosedRange<Int32>

    /// TFLite `mul.cc` Prepare: real multiplier `s₁·s₂/s_out` in double.
    public init<Q: FixedWidthInteger>(input1: AffineQuantization, input2: AffineQuantization, output: AffineQuantization,
                                      activation: FusedActivation, _ type: Q.Type) throws {
        input1Offset = 0 &- input1.zeroPoint
        input2Offset = 0 &- input2.zeroPoint
        outputOffset = output.zeroPoint
        (multiplier, shift) = FixedPoint.quantizeMultiplier(Double(input1.scale) * Double(input2.scale) / Double(output.scale))
        range = try output.activationRange(activation, Q.self)
    }
}

/// Quantized broadcasting binary kernels (TFLite reference_integer_ops / reference_ops).
public enum QuantizedElementwise {
    /// ADD (or SUB when `subtract`): per element, rescale both inputs to the common scale, add,
    /// rescale to the output, add the zero point and clamp. Same-shape int8/int16 operands use
    /// the vectorized C kernel (bit-exact with `addReference`).
    public static func add<Q: FixedWidthInteger>(_ a: TensorView<Q>, _ b: TensorView<Q>, _ p: QuantizedAddParameters,
                                                 subtract: Bool = false, into output: MutableTensorView<Q>) {
        if a.shape == output.shape, b.shape == output.shape {
            var c = p.cParameters
            let (n, flag) = (output.count, Int32(subtract ? 1 : 0))
            if Q.self == Int8.self {
                return ck_q8_add(n, raw(a, Int8.self), raw(b, Int8.self), &c, flag, rawMutable(output, Int8.self))
            } else if Q.self == Int16.self {
                return ck_q16_add(n, raw(a, Int16.self), raw(b, Int16.self), &c, flag, rawMutable(output, Int16.self))
            }
        }
        addReference(a, b, p, subtract: subtract, into: output)
    }

    /// The per-element broadcasting ADD/SUB (any shapes), the semantics the fast path reproduces.
    static func addReference<Q: FixedWidthInteger>(_ a: TensorView<Q>, _ b: TensorView<Q>, _ p: QuantizedAddParameters,
                                                   subtract: Bool, into output: MutableTensorView<Q>) {
        let shift = Int32(1) << Int32(p.leftShift)
        Broadcast.forEachIndex(a.shape, b.shape, outputShape: output.shape) { o, i, j in
            let x = (p.input1Offset &+ Int32(a[i])) &* shift
            let y = (p.input2Offset &+ Int32(b[j])) &* shift
            let scaledX = FixedPoint.multiplyByQuantizedMultiplier(x, p.input1Multiplier, p.input1Shift)
            let scaledY = FixedPoint.multiplyByQuantizedMultiplier(y, p.input2Multiplier, p.input2Shift)
            let raw = subtract ? scaledX &- scaledY : scaledX &+ scaledY
            let result = FixedPoint.multiplyByQuantizedMultiplier(raw, p.outputMultiplier, p.outputShift) &+ p.outputOffset
            output[o] = Q(clamp(result, p.range))
        }
    }

    /// ADD/SUB of int16 tensors with power-of-two scales and zero points 0 (`pot_scale_int16`):
    /// the input with the finer scale is divided by `2^shift` (rounding), then a saturating
    /// int16 add or subtract and the activation clamp.
    public static func addPowerOfTwo(_ a: TensorView<Int16>, _ b: TensorView<Int16>, shift1: Int, shift2: Int,
                                     range: ClosedRange<Int32>, subtract: Bool = false, into output: MutableTensorView<Int16>) {
        Broadcast.forEachIndex(a.shape, b.shape, outputShape: output.shape) { o, i, j in
            let x = shift1 == 0 ? Int32(a[i]) : FixedPoint.roundingDivideByPOT(Int32(a[i]), shift1)
            let y = shift2 == 0 ? Int32(b[j]) : FixedPoint.roundingDivideByPOT(Int32(b[j]), shift2)
            let sum = clamp(subtract ? x - y : x + y, Int32(Int16.min)...Int32(Int16.max))
            output[o] = Int16(clamp(sum, range))
        }
    }

    /// MUL: `M·((a − zpₐ)·(b − zp_b)) + zp_out`, clamped. Same-shape int8/int16 operands use the
    /// vectorized C kernel (bit-exact with `mulReference`).
    public static func mul<Q: FixedWidthInteger>(_ a: TensorView<Q>, _ b: TensorView<Q>, _ p: QuantizedMulParameters,
                                                 into output: MutableTensorView<Q>) {
        if a.shape == output.shape, b.shape == output.shape {
            var c = p.cParameters
            if Q.self == Int8.self {
                return ck_q8_mul(output.count, raw(a, Int8.self), raw(b, Int8.self), &c, rawMutable(output, Int8.self))
            } else if Q.self == Int16.self {
                return ck_q16_mul(output.count, raw(a, Int16.self), raw(b, Int16.self), &c, rawMutable(output, Int16.self))
            }
        }
        mulReference(a, b, p, into: output)
    }

    /// The per-element broadcasting MUL (any shapes), the semantics the fast path reproduces.
    static func mulReference<Q: FixedWidthInteger>(_ a: TensorView<Q>, _ b: TensorView<Q>, _ p: QuantizedMulParameters,
                                                   into output: MutableTensorView<Q>) {
        Broadcast.forEachIndex(a.shape, b.shape, outputShape: output.shape) { o, i, j in
            let product = (p.input1Offset &+ Int32(a[i])) &* (p.input2Offset &+ Int32(b[j]))
            let result = FixedPoint.multiplyByQuantizedMultiplier(product, p.multiplier, p.shift) &+ p.outputOffset
            output[o] = Q(clamp(result, p.range))
        }
    }

    /// MAXIMUM / MINIMUM on the raw quantized values (TFLite requires equal parameters).
    public static func extremum<Q: FixedWidthInteger>(_ a: TensorView<Q>, _ b: TensorView<Q>, maximum: Bool,
                                                      into output: MutableTensorView<Q>) {
        Broadcast.forEachIndex(a.shape, b.shape, outputShape: output.shape) { o, i, j in
            output[o] = maximum ? max(a[i], b[j]) : min(a[i], b[j])
        }
    }

    /// SQUARED_DIFFERENCE (int8), as `squared_difference.cc`: inputs shifted left by 7 and
    /// rescaled to `2·max(s₁, s₂)`, the difference squared, then rescaled by
    /// `(2·max)² / (2^14 · s_out)`.
    public static func squaredDifference(_ a: TensorView<Int8>, _ b: TensorView<Int8>, input1: AffineQuantization,
                                         input2: AffineQuantization, output outputQuantization: AffineQuantization,
                                         into output: MutableTensorView<Int8>) {
        let twiceMaxScale = 2.0 * Double(max(input1.scale, input2.scale))
        let (m1, s1) = FixedPoint.quantizeMultiplier(Double(input1.scale) / twiceMaxScale)
        let (m2, s2) = FixedPoint.quantizeMultiplier(Double(input2.scale) / twiceMaxScale)
        let (mo, so) = FixedPoint.quantizeMultiplier(twiceMaxScale * twiceMaxScale / (Double(1 << 14) * Double(outputQuantization.scale)))
        let range = Int32(Int8.min)...Int32(Int8.max)
        Broadcast.forEachIndex(a.shape, b.shape, outputShape: output.shape) { o, i, j in
            let x = FixedPoint.multiplyByQuantizedMultiplier((Int32(a[i]) - input1.zeroPoint) << 7, m1, s1)
            let y = FixedPoint.multiplyByQuantizedMultiplier((Int32(b[j]) - input2.zeroPoint) << 7, m2, s2)
            let difference = x - y
            let result = FixedPoint.multiplyByQuantizedMultiplier(difference &* difference, mo, so) + outputQuantization.zeroPoint
            output[o] = Int8(clamp(result, range))
        }
    }

    @inline(__always)
    private static func raw<Q, R>(_ view: TensorView<Q>, _: R.Type) -> UnsafePointer<R> {
        UnsafeRawPointer(view.base).assumingMemoryBound(to: R.self)
    }

    @inline(__always)
    private static func rawMutable<Q, R>(_ view: MutableTensorView<Q>, _: R.Type) -> UnsafeMutablePointer<R> {
        UnsafeMutableRawPointer(view.base).assumingMemoryBound(to: R.self)
    }

    @inline(__always)
    static func clamp(_ x: Int32, _ range: ClosedRange<Int32>) -> Int32 {
        min(max(x, range.lowerBound), range.upperBound)
    }
}

/// A `multiplyByQuantizedMultiplier` rescale with its shift split into left and right parts.
private func cRescale(_ multiplier: Int32, _ shift: Int) -> ck_q_rescale {
    ck_q_rescale(multiplier: multiplier, left: Int32(max(shift, 0)), right: Int32(max(-shift, 0)))
}

extension QuantizedAddParameters {
    /// The parameters in the layout of the C kernel.
    var cParameters: ck_q_add_params {
        ck_q_add_params(input1_offset: input1Offset, input2_offset: input2Offset, left_shift: Int32(leftShift),
                        input1: cRescale(input1Multiplier, input1Shift), input2: cRescale(input2Multiplier, input2Shift),
                        output: cRescale(outputMultiplier, outputShift), output_offset: outputOffset,
                        act_min: range.lowerBound, act_max: range.upperBound)
    }
}

extension QuantizedMulParameters {
    /// The parameters in the layout of the C kernel (the input rescales unused).
    var cParameters: ck_q_mul_params {
        ck_q_mul_params(input1_offset: input1Offset, input2_offset: input2Offset, left_shift: 0,
                        input1: cRescale(0, 0), input2: cRescale(0, 0), output: cRescale(multiplier, shift),
                        output_offset: outputOffset, act_min: range.lowerBound, act_max: range.upperBound)
    }
}
