/// How a quantized conv-like kernel (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, BATCH_MATMUL,
/// TRANSPOSE_CONV) turns its integer sum into an output value, as TFLite's Prepare computes it.
///
/// Each output is `clamp(requantize(Σ (w + weightOffset)·(x + inputOffset) + bias) + outputOffset)`.
public struct QuantizedOutput: Sendable, Equatable {
    /// Added to every input value: the negated input zero point.
    public var inputOffset: Int32
    /// Added to every weight: the negated weight zero point (non-zero only for uint8 weights).
    public var weightOffset: Int32
    /// Added after requantization: the output zero point.
    public var outputOffset: Int32
    /// Per output channel Q31 multipliers and shifts (`FixedPoint.quantizeMultiplier`).
    public var multipliers: [Int32]
    public var shifts: [Int]
    /// Clamp range: the fused activation intersected with the output type's range.
    public var activationMin: Int32
    public var activationMax: Int32
    /// int16×8: accumulate in Int64 and requantize with the Int64 overload; otherwise the sum
    /// wraps like TFLite's int32 accumulator.
    public var wideAccumulator: Bool
    /// When set, per-channel real scales applied as `round(Double(acc)·scale)` (ties away from
    /// zero) instead of the fixed-point multipliers: LiteRT's reference FULLY_CONNECTED.
    public var doubleScales: [Double]?

    public init(inputOffset: Int32, weightOffset: Int32 = 0, outputOffset: Int32, multipliers: [Int32], shifts: [Int],
                activationMin: Int32, activationMax: Int32, wideAccumulator: Bool = false, doubleScales: [Double]? = nil) {
        self.inputOffset = inputOffset
        self.weightOffset = weightOffset
        self.outputOffset = outputOffset
        self.multipliers = multipliers
        self.shifts = shifts
        self.activationMin = activationMin
        self.activationMax = activationMax
        self.wideAccumulator = wideAccumulator
        self.doubleScales = doubleScales
    }

    /// The output value for the sum `accumulator` (bias included) of output channel `channel`.
    @inline(__always)
    public func requantize(_ accumulator: Int64, channel: Int) -> Int32 {
        let sum = wideAccumulator ? accumulator : Int64(Int32(truncatingIfNeeded: accumulator))
        if let doubleScales {
            let value = (Double(sum) * doubleScales[channel]).rounded(.toNearestOrAwayFromZero)
            let scaled = Int32(max(-2_147_483_648, min(2_147_483_647, value)))
            return min(max(scaled &+ outputOffset, activationMin), activationMax)
        }
        let scaled = wideAccumulator
            ? FixedPoint.multiplyByQuantizedMultiplier(accumulator, multipliers[channel], shifts[channel])
            : FixedPoint.multiplyByQuantizedMultiplier(Int32(truncatingIfNeeded: accumulator), multipliers[channel], shifts[channel])
        return min(max(scaled &+ outputOffset, activationMin), activationMax)
    }

    /// Throws unless there is one multiplier and shift per channel.
    func check(channels: Int, op: String) throws {
        guard multipliers.count == channels, shifts.count == channels else {
            throw ShapeError("\(op) needs \(channels) output multipliers, got \(multipliers.count)")
        }
    }

    /// How TFLite computes the real multiplier `inScale·wScale/outScale`.
    public enum MultiplierRule: Sendable {
        /// `double(inScale)·double(wScale_c)/double(outScale)` for every channel
        /// (`PopulateConvolutionQuantizationParams`: int8/int16 CONV_2D, DEPTHWISE_CONV_2D,
        /// TRANSPOSE_CONV, per-channel FULLY_CONNECTED).
        case doubleProduct
        /// `double(inScale·wScale)/double(outScale)` with the product in float32
        /// (`GetQuantizedConvolutionMultipler`: uint8 CONV_2D/DEPTHWISE_CONV_2D, BATCH_MATMUL).
        case floatProduct
        /// The `doubleProduct` real scale applied in double (`doubleScales`), as LiteRT's
        /// reference FULLY_CONNECTED kernels (int8, uint8 and int16) do.
        case doubleRescale
    }

    /// The parameters TFLite's Prepare derives from the tensors' quantization. `weightScales`
    /// holds one scale (broadcast to every channel) or one per channel; `typeRange` is the output
    /// type's range.
    public static func make(inputScale: Float, inputZeroPoint: Int32, weightScales: [Float], weightZeroPoint: Int32 = 0,
                            outputScale: Float, outputZeroPoint: Int32, channels: Int, rule: MultiplierRule,
                            activation: FusedActivation, typeRange: ClosedRange<Int32>,
                            wideAccumulator: Bool = false) throws -> QuantizedOutput {
        guard weightScales.count == 1 || weightScales.count == channels else {
            throw ShapeError("weights have \(weightScales.count) scales, expected 1 or \(channels)")
        }
        var multipliers: [Int32] = [], shifts: [Int] = [], reals: [Double] = []
        for c in 0 ..< channels {
            let weightScale = weightScales.count == 1 ? weightScales[0] : weightScales[c]
            let real: Double
            switch rule {
            case .doubleProduct, .doubleRescale: real = Double(inputScale) * Double(weightScale) / Double(outputScale)
            case .floatProduct: real = Double(inputScale * weightScale) / Double(outputScale)
            }
            let (m, s) = FixedPoint.quantizeMultiplier(real)
            multipliers.append(m)
            shifts.append(s)
            reals.append(real)
        }
        let (low, high) = try activationRange(activation, scale: outputScale, zeroPoint: outputZeroPoint, typeRange: typeRange)
        return QuantizedOutput(inputOffset: -inputZeroPoint, weightOffset: -weightZeroPoint, outputOffset: outputZeroPoint,
                               multipliers: multipliers, shifts: shifts, activationMin: low, activationMax: high,
                               wideAccumulator: wideAccumulator, doubleScales: rule == .doubleRescale ? reals : nil)
    }

    /// TFLite's `CalculateActivationRangeQuantized`: RELU, RELU6 and RELU_N1_TO_1 clamp at
    /// `zp + round(f / scale)` (float32 division, ties away from zero) intersected with
    /// `typeRange`; every other activation leaves the whole type range.
    public static func activationRange(_ activation: FusedActivation, scale: Float, zeroPoint: Int32,
                                       typeRange: ClosedRange<Int32>) throws -> (Int32, Int32) {
        func quantize(_ f: Float) throws -> Int32 {
            let q = FixedPoint.round(f / scale)
            guard q >= -2_147_483_648, q < 2_147_483_648 else { throw ShapeError("activation bound \(f) overflows at scale \(scale)") }
            return zeroPoint &+ Int32(q)
        }
        let (low, high) = (typeRange.lowerBound, typeRange.upperBound)
        switch activation {
        case .relu: return (max(low, try quantize(0)), high)
        case .relu6: return (max(low, try quantize(0)), min(high, try quantize(6)))
        case .reluN1To1: return (max(low, try quantize(-1)), min(high, try quantize(1)))
        case .none, .tanh: return (low, high)
        }
    }
}
