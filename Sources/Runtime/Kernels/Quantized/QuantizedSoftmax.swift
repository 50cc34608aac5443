import Foundation

/// Input scaling of TFLite's reference int8 SOFTMAX/LOG_SOFTMAX (`PreprocessSoftmaxScaling`,
/// `CalculateInputRadius`): differences from the row maximum are multiplied by
/// `β·s_in·2^26` (capped at 2³¹−1) into 5-integer-bit fixed point; those below `diffMin`
/// contribute nothing.
public struct SoftmaxScaling: Sendable, Equatable {
    public var multiplier: Int32
    public var leftShift: Int
    public var diffMin: Int32

    public init(beta: Double, inputScale: Float) {
        let real = min(beta * Double(inputScale) * Double(1 << 26), Double(Int64(1) << 31) - 1.0)
        (multiplier, leftShift) = FixedPoint.quantizeMultiplier(real)
        let radius = Double(31) * Double(1 << 26) / Double(Int64(1) << Int64(leftShift))
        diffMin = -Int32(radius.rounded(.down))
    }
}

/// int8 SOFTMAX's exps for each of the 256 possible differences `d` = max − x, computed once:
/// `exps[d]` is the gemmlowp fixed-point exp of the scaled difference (−1 when the difference is
/// below `diffMin` and contributes nothing), `summands[d]` the same rescaled to the sum's
/// 12 integer bits (0 when it contributes nothing).
public struct Int8SoftmaxTable: Sendable, Equatable {
    let exps: [Int32]
    let summands: [Int32]

    public init(_ scaling: SoftmaxScaling) {
        exps = (0 ..< 256).map { d in
            let difference = -Int32(d)
            guard difference >= scaling.diffMin else { return -1 }
            let rescaled = Gemmlowp.mul(difference &* (Int32(1) << Int32(scaling.leftShift)), scaling.multiplier)
            return Gemmlowp.expOnNegativeValues(rescaled, integerBits: 5)
        }
        summands = exps.map { $0 < 0 ? 0 : Gemmlowp.rescale($0, from: 0, to: 12) }
    }
}

/// Quantized SOFTMAX and LOG_SOFTMAX over the last axis, as TFLite's reference kernels.
public enum QuantizedSoftmax {
    /// int8 SOFTMAX (output 1/256, zero point −128): gemmlowp fixed-point exp of the scaled
    /// differences, their sum in 12-integer-bit fixed point, and its reciprocal. The 256 int8 differences from the row maximum take their exp from `Int8SoftmaxTable`.
    public static func softmax(_ input: TensorView<Int8>, _ table: Int8SoftmaxTable, into output: MutableTensorView<Int8>) {
        // Each output depends on its row's maximum minus the input (0...255) alone: long rows fill
        // a table of those 256 outputs once and look every element up.
        var byDifference = [Int8](repeating: 0, count: 256)
        table.exps.withUnsafeBufferPointer { exps in
            table.summands.withUnsafeBufferPointer { summands in
                forEachRow(input.count, input.shape.last ?? 1) { start, depth in
                    var maximum = Int8.min
                    for c in 0..<depth { maximum = max(maximum, input[start + c]) }
                    var sum: Int32 = 0
                    for c in 0..<depth { sum = sum &+ summands[Int(maximum) - Int(input[start + c])] }
                    let (reciprocal, bitsOverUnit) = Gemmlowp.reciprocal(sum, integerDigits: 12)
                    let exponent = bitsOverUnit + 31 - 8
                    func probability(_ difference: Int) -> Int8 {
                        let e = exps[difference]
                        guard e >= 0 else { return .min }
                        let unsaturated = FixedPoint.roundingDivideByPOT(Gemmlowp.mul(reciprocal, e), exponent)
                        return Int8(QuantizedElementwise.clamp(unsaturated - 128, -128...127))
                    }
                    if depth > byDifference.count {
                        for d in byDifference.indices { byDifference[d] = probability(d) }
                        for c in 0..<depth { output[start + c] = byDifference[Int(maximum) - Int(input[start + c])] }
                    } else {
                        for c in 0..<depth { output[start + c] = probability(Int(maximum) - Int(input[start + c])) }
                    }
                }
            }
        }
    }

    /// int16 SOFTMAX (zero points 0, output 1/32768): differences rescaled so that −65535 ↦ −10,
    /// exp and 1/(1+x) from interpolated int16 tables (`SoftmaxInt16`).
    public static func softmaxInt16(_ input: TensorView<Int16>, _ tables: Int16SoftmaxTables, into output: MutableTensorView<Int16>) {
        tables.exp.withUnsafeBufferPointer { expTable in
            tables.reciprocal.withUnsafeBufferPointer { reciprocalTable in
                forEachRow(input.count, input.shape.last ?? 1) { start, depth in
                    var maximum = Int16.min
                    for c in 0..<depth { maximum = max(maximum, input[start + c]) }
                    var sum: Int32 = 0
                    for c in 0..<depth {
                        let difference = Int32(input[start + c]) - Int32(maximum)
                        let scaled = FixedPoint.multiplyByQuantizedMultiplier(difference, tables.multiplier, tables.shift)
                        let centred = Int16(QuantizedElementwise.clamp(scaled &+ 32767, -32768...32767))
                        let e = LookupTable.lookup(centred, expTable)
                        output[start + c] = e
                        sum = sum &+ Int32(e)
                    }
                    let headroomPlusOne = UInt32(bitPattern: sum).leadingZeroBitCount
                    let shiftedSum = Int32(truncatingIfNeeded: ((Int64(sum) << Int64(headroomPlusOne - 1)) + (1 << 13)) >> 14)
                    let centredSum = Int16(QuantizedElementwise.clamp(shiftedSum &- ((1 << 15) + (1 << 16)), -32768...32767))
                    let reciprocal = Int64(LookupTable.lookup(centredSum, reciprocalTable))
                    let rightShift = Int64(31 - headroomPlusOne)
                    let round = Int64(1) << (rightShift - 1)
                    for c in 0..<depth {
                        let result = Int32(truncatingIfNeeded: (Int64(output[start + c]) * reciprocal + round) >> rightShift)
                        output[start + c] = Int16(QuantizedElementwise.clamp(result, 0...32767))
                    }
                }
            }
        }
    }

    /// int8 LOG_SOFTMAX (output 16/256, zero point 127), `reference_integer_ops::LogSoftmax`.
    public static func logSoftmax(_ input: TensorView<Int8>, _ scaling: LogSoftmaxScaling, into output: MutableTensorView<Int8>) {
        let s = scaling.softmax
        forEachRow(input.count, input.shape.last ?? 1) { start, depth in
            var maximum = Int8.min
            for c in 0..<depth { maximum = max(maximum, input[start + c]) }
            func scaled(_ difference: Int32) -> Int32 {
                FixedPoint.multiplyByQuantizedMultiplier(difference, s.multiplier, s.leftShift)
            }
            var sum: Int32 = 0
            for c in 0..<depth {
                let difference = Int32(input[start + c]) - Int32(maximum)
                if difference >= s.diffMin {
                    sum = sum &+ Gemmlowp.rescale(Gemmlowp.expOnNegativeValues(scaled(difference), integerBits: 5), from: 0, to: 12)
                }
            }
            let logSum = Gemmlowp.log(sum, inputBits: 12, outputBits: 5)
            let shiftedLogSum = logSum &+ Int32.min
            let adjustedDiffMin = max(s.diffMin - 1,
                                      FixedPoint.multiplyByQuantizedMultiplier(shiftedLogSum, scaling.reverseMultiplier, scaling.reverseShift))
            for c in 0..<depth {
                let difference = Int32(input[start + c]) - Int32(maximum)
                guard difference > adjustedDiffMin else { output[start + c] = .min; continue }
                let value = FixedPoint.roundingDivideByPOT(scaled(difference) &- logSum, 31 - 5 - 4) + 127
                output[start + c] = Int8(QuantizedElementwise.clamp(value, -128...127))
            }
        }
    }

    private static func forEachRow(_ count: Int, _ depth: Int, _ body: (Int, Int) -> Void) {
        guard depth > 0 else { return }
        for row in 0..<count / depth { body(row * depth, depth) }
    }
}

/// Scaling of int8 LOG_SOFTMAX (`PreprocessLogSoftmaxScalingExp` with β = 1): the softmax
/// scaling plus the inverse multiplier `2^(31−shift)/M`.
public struct LogSoftmaxScaling: Sendable, Equatable {
    public var softmax: SoftmaxScaling
    public var reverseMultiplier: Int32
    public var reverseShift: Int

    public init(inputScale: Float) {
        softmax = SoftmaxScaling(beta: 1, inputScale: inputScale)
        let real = Double(Int64(1) << Int64(31 - softmax.leftShift)) / Double(softmax.multiplier)
        (reverseMultiplier, reverseShift) = FixedPoint.quantizeMultiplier(real)
    }
}

/// Tables and input rescaling of int16 SOFTMAX (activations.cc SoftmaxPrepare).
public struct Int16SoftmaxTables: Sendable {
    public let exp: [Int16]
    public let reciprocal: [Int16]
    public let multiplier: Int32
    public let shift: Int

    public init(beta: Float, inputScale: Float) {
        let range = 65535.0
        exp = LookupTable.int16(inputScale: 10.0 / range, inputZeroPoint: 32767, outputScale: 2.0 / range, outputZeroPoint: 0) { Foundation.exp($0) }
        reciprocal = LookupTable.int16(inputScale: 1.0 / range, inputZeroPoint: -32768, outputScale: 2.0 / range, outputZeroPoint: 0) { 1.0 / (1.0 + $0) }
        (multiplier, shift) = FixedPoint.quantizeMultiplier(Double(inputScale * beta) / (10.0 / 65535.0))
    }
}
