/// gemmlowp fixed-point functions (fixedpoint.h) and TFLite's helpers on top of them
/// (common.h), on raw Int32 values whose number of integer bits the caller tracks: a value
/// with `k` integer bits represents `raw / 2^(31−k)`.
enum Gemmlowp {
    /// Product of two fixed-point values (integer bits add up).
    @inline(__always)
    static func mul(_ a: Int32, _ b: Int32) -> Int32 { FixedPoint.saturatingRoundingDoublingHighMul(a, b) }

    /// `SaturatingRoundingMultiplyByPOT`: saturating left shift, or rounding right shift.
    static func multiplyByPOT(_ x: Int32, _ exponent: Int) -> Int32 {
        if exponent == 0 { return x }
        if exponent < 0 { return FixedPoint.roundingDivideByPOT(x, -exponent) }
        let threshold = Int32((Int64(1) << Int64(31 - exponent)) - 1)
        if x > threshold { return .max }
        if x < -threshold { return .min }
        return x << Int32(exponent)
    }

    /// `Rescale`: changes the number of integer bits from `source` to `destination`.
    static func rescale(_ x: Int32, from source: Int, to destination: Int) -> Int32 {
        multiplyByPOT(x, source - destination)
    }

    /// `RoundingHalfSum`: (a + b) / 2 rounded away from zero.
    static func roundingHalfSum(_ a: Int32, _ b: Int32) -> Int32 {
        let sum = Int64(a) + Int64(b)
        return Int32((sum + (sum >= 0 ? 1 : -1)) / 2)
    }

    static func saturatingAdd(_ a: Int32, _ b: Int32) -> Int32 {
        Int32(min(max(Int64(a) + Int64(b), Int64(Int32.min)), Int64(Int32.max)))
    }

    static func saturatingSub(_ a: Int32, _ b: Int32) -> Int32 {
        Int32(min(max(Int64(a) - Int64(b), Int64(Int32.min)), Int64(Int32.max)))
    }

    /// exp(a) for a in [−1/4, 0), input and output with 0 integer bits: Taylor expansion
    /// around −1/8 to the 4th order.
    static func expOnIntervalNegativeQuarterToZero(_ a: Int32) -> Int32 {
        let constantTerm: Int32 = 1_895_147_668   // exp(−1/8)
        let oneThird: Int32 = 715_827_883
        let x = a &+ (1 << 28)
        let x2 = mul(x, x), x3 = mul(x2, x), x4 = mul(x2, x2)
        let x4OverFour = multiplyByPOT(x4, -2)
        let polynomial = multiplyByPOT(mul(x4OverFour &+ x3, oneThird) &+ x2, -1)
        return constantTerm &+ mul(constantTerm, x &+ polynomial)
    }

    /// exp(a) for a ≤ 0 with `integerBits` integer bits; the result has 0 integer bits.
    static func expOnNegativeValues(_ a: Int32, integerBits: Int) -> Int32 {
        let fractionalBits = 31 - integerBits
        let oneQuarter = Int32(1) << Int32(fractionalBits - 2)
        let modQuarterMinusQuarter = (a & (oneQuarter - 1)) &- oneQuarter
        var result = expOnIntervalNegativeQuarterToZero(rescale(modQuarterMinusQuarter, from: integerBits, to: 0))
        let remainder = modQuarterMinusQuarter &- a
        let barrel: [(exponent: Int, multiplier: Int32)] = [
            (-2, 1_672_461_947), (-1, 1_302_514_674), (0, 790_015_084), (1, 290_630_308),
            (2, 39_332_535), (3, 720_401), (4, 242),
        ]
        for (exponent, multiplier) in barrel where integerBits > exponent {
            if remainder & (Int32(1) << Int32(fractionalBits + exponent)) != 0 { result = mul(result, multiplier) }
        }
        if integerBits > 5, a < -(Int32(1) << Int32(36 - integerBits)) { result = 0 }
        return a == 0 ? .max : result
    }

    /// 1 / (1 + a) for a in [0, 1) (0 integer bits in and out): Newton–Raphson, 3 iterations.
    static func oneOverOnePlusX(_ a: Int32) -> Int32 {
        let halfDenominator = roundingHalfSum(a, .max)
        var x = 1_515_870_810 &+ mul(halfDenominator, -1_010_580_540)   // 48/17 − 32/17·d, 2 integer bits
        for _ in 0..<3 {
            let oneMinus = (Int32(1) << 29) &- mul(halfDenominator, x)
            x = x &+ multiplyByPOT(mul(x, oneMinus), 2)
        }
        return multiplyByPOT(x, 1)
    }

    /// TFLite `GetReciprocal`: 1/x for x with `integerDigits` integer bits, as a 0-integer-bit
    /// value and the number of bits the true reciprocal sits above it.
    static func reciprocal(_ x: Int32, integerDigits: Int) -> (value: Int32, bitsOverUnit: Int) {
        let headroomPlusOne = UInt32(bitPattern: x).leadingZeroBitCount
        let shiftedMinusOne = Int32(bitPattern: (UInt32(bitPattern: x) << UInt32(headroomPlusOne)) &- (1 << 31))
        return (oneOverOnePlusX(shiftedMinusOne), integerDigits - headroomPlusOne)
    }

    /// TFLite `log_x_for_x_greater_than_or_equal_to_1_impl` with `inputBits` integer bits in
    /// and `outputBits` out.
    static func log(_ input: Int32, inputBits: Int, outputBits: Int) -> Int32 {
        let accumulatorBits = outputBits + 1
        let log2: Int32 = 1_488_522_236, sqrtSqrtHalf: Int32 = 1_805_811_301, sqrtHalf: Int32 = 1_518_500_250
        let oneQuarter: Int32 = 536_870_912
        let alphaN: Int32 = 117_049_297, alphaD: Int32 = 127_690_142, alphaI: Int32 = 1_057_819_769, alphaF: Int32 = 638_450_708
        let shiftedQuarter = rescale(oneQuarter, from: 0, to: accumulatorBits)
        let za = input
        let zaHeadroomPlusOne = UInt32(bitPattern: za).leadingZeroBitCount
        let raTmp = multiplyByPOT(za, zaHeadroomPlusOne - 1)
        let ra = multiplyByPOT(mul(raTmp, sqrtHalf), 1)
        let zaAdjusted = saturatingAdd(multiplyByPOT(Int32(inputBits - zaHeadroomPlusOne), 31 - accumulatorBits), shiftedQuarter)
        let zb = mul(za, sqrtHalf)
        let zbHeadroom = UInt32(bitPattern: zb).leadingZeroBitCount - 1
        let rb = multiplyByPOT(za, zbHeadroom)
        let zbAdjusted = saturatingSub(multiplyByPOT(Int32(inputBits - zbHeadroom), 31 - accumulatorBits), shiftedQuarter)
        let r = min(ra, rb)
        let power = max(zaAdjusted, zbAdjusted)
        let p = roundingHalfSum(r, sqrtSqrtHalf)
        var q = r &- sqrtSqrtHalf
        q = q &+ q
        let commonSquare = mul(q, q)
        let numerator = mul(q, r) &+ mul(mul(q, commonSquare), alphaN)
        let denominatorMinusOne = mul(p, alphaI &+ q &+ mul(alphaD, commonSquare)) &+ mul(alphaF, q)
        let reciprocalDenominator = oneOverOnePlusX(denominatorMinusOne)
        let numeratorScaled = rescale(numerator, from: 0, to: accumulatorBits)
        return rescale(mul(power, log2) &+ mul(numeratorScaled, reciprocalDenominator), from: accumulatorBits, to: outputBits)
    }
}
