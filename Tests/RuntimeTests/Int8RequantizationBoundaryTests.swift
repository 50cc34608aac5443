import Testing
@testable import Runtime

/// The C kernels' int8 requantization (the AVX-512 float shortcut with its exact fallback, the
/// AVX2 and portable integer paths) on every sum from −16 512 to 16 383, against TFLite's
/// definition worked here in 64-bit integers: multipliers with few significant bits put many
/// sums exactly on the rounding boundaries of both roundings, where a float shortcut alone errs.
@Suite(.serialized) struct Int8RequantizationBoundaryTests {
    /// TFLite's MultiplyByQuantizedMultiplier: SaturatingRoundingDoublingHighMul of the sum shifted
    /// left by `max(shift, 0)`, then RoundingDivideByPOT by `max(−shift, 0)`.
    private func tflite(_ sum: Int32, _ multiplier: Int32, _ shift: Int) -> Int32 {
        let x = Int64(sum) << Int64(max(shift, 0)), product = x * Int64(multiplier)
        let nudge: Int64 = product >= 0 ? 1 << 30 : 1 - (1 << 30)
        let high = (product + nudge) / (1 << 31)  // truncating, as in C
        let right = Int64(max(-shift, 0)), mask = (Int64(1) << right) - 1
        let threshold = (mask >> 1) + (high < 0 ? 1 : 0)
        return Int32((high >> right) + ((high & mask) > threshold ? 1 : 0))
    }

    /// Channel requantizations: short multipliers (exact ties) with right shifts 1…10, the corner
    /// M = 2^30 with shift −1, and full-precision multipliers.
    private func channels(leftShift: Bool) -> (multipliers: [Int32], shifts: [Int]) {
        var multipliers: [Int32] = [], shifts: [Int] = []
        var rng = HeavyOpRandom(seed: 0x5EED)
        for j in 0 ..< 24 {
            let short = Int32(1 << 30) + Int32(j % 8) << 27
            multipliers.append(j % 3 == 2 ? Int32.random(in: (1 << 30) ... Int32.max, using: &rng) : short)
            shifts.append(-[7, 8, 6, 9, 1, 10, 7, 3][j % 8])
        }
        multipliers.append(1 << 30)
        shifts.append(-1)
        if leftShift {
            multipliers.append(1_500_000_000)
            shifts.append(1)
        }
        return (multipliers, shifts)
    }

    /// Sums x0 + 127·x1 for all int8 pairs: every integer in [−16 512, 16 383], some twice.
    private let pairs: [Int8] = (0 ..< 65536).flatMap { i in [Int8(truncatingIfNeeded: i), Int8(truncatingIfNeeded: i >> 8)] }

    private func expected(sum: Int32, channel: Int, q: QuantizedOutput) -> Int8 {
        let v = tflite(sum, q.multipliers[channel], q.shifts[channel]) + q.outputOffset
        return Int8(min(max(v, q.activationMin), q.activationMax))
    }

    /// The requantizations of `channels(leftShift:)`, or of its first `count` channels.
    private func quantizations(leftShift: Bool, count: Int? = nil) -> [QuantizedOutput] {
        var (multipliers, shifts) = channels(leftShift: leftShift)
        if let count { (multipliers, shifts) = (Array(multipliers.prefix(count)), Array(shifts.prefix(count))) }
        return [(-128, -128, 127), (5, -128, 127), (-3, -3, 100), (127, -128, 127)].map { offset, low, high in
            QuantizedOutput(inputOffset: 0, outputOffset: offset, multipliers: multipliers, shifts: shifts,
                            activationMin: low, activationMax: high)
        }
    }

    /// Channel sets: 25 (two panels), with a left shift (no shortcut), one whole panel of 16 (rows
    /// stored four at a time), and narrow panels of 8 and 5 (two rows per requantized vector).
    @Test("fully-connected outputs equal TFLite's fixed-point rounding on every boundary sum",
          arguments: [0, 1, 2], [(false, nil), (true, nil), (false, 16), (false, 8), (false, 5)] as [(Bool, Int?)])
    func fullyConnectedBoundaries(level: Int, channels: (leftShift: Bool, count: Int?)) throws {
        // Five rows more than a multiple of 8 reach the kernels' partial row tiles.
        let rows = pairs + pairs.prefix(10), m = rows.count / 2
        let x = QuantBuffer<Int8>([m, 2], rows)
        for q in quantizations(leftShift: channels.leftShift, count: channels.count) {
            let n = q.multipliers.count
            let w = (0 ..< n).flatMap { _ in [Int8(1), Int8(127)] }
            let c = QuantBuffer<Int8>([m, n], repeating: 0)
            try KernelSelection.with(level: level) {
                let packed = w.withUnsafeBufferPointer { Int8ConvolutionWeights($0.baseAddress!, rows: n, depth: 2) }
                try QuantizedConvolutionFast.fullyConnected(input: x.view, weights: packed, bias: nil, output: c.mutableView,
                                                            quantization: q, runner: .serial)
            }
            let out = c.values
            var mismatches = 0
            for i in 0 ..< m {
                let sum = Int32(rows[2 * i]) + 127 * Int32(rows[2 * i + 1])
                for j in 0 ..< n where out[i * n + j] != expected(sum: sum, channel: j, q: q) {
                    mismatches += 1
                    if mismatches <= 5 { Issue.record("sum \(sum), channel \(j), offset \(q.outputOffset): got \(out[i * n + j])") }
                }
            }
            #expect(mismatches == 0)
        }
    }

    /// Every pair of int8 inputs through same-shape ADD and SUB (the C kernel, whose AVX-512 path
    /// takes a float route with an exact fallback), against TFLite's three roundings: scales that
    /// are short binary fractions (exact ties) and arbitrary ones, several zero points and clamps.
    @Test("int8 ADD and SUB equal TFLite's fixed-point arithmetic for every pair of inputs", arguments: [0, 1, 2])
    func addBoundaries(level: Int) throws {
        let a = QuantBuffer<Int8>([65536], (0 ..< 65536).map { Int8(truncatingIfNeeded: $0) })
        let b = QuantBuffer<Int8>([65536], (0 ..< 65536).map { Int8(truncatingIfNeeded: $0 >> 8) })
        let cases: [(Float, Int32, Float, Int32, Float, Int32, FusedActivation)] = [
            (0.5, 0, 0.25, 3, 0.375, -5, .none), (0.125, -128, 0.125, 127, 0.25, 0, .none),
            (0.0213, 7, 0.0478, -20, 0.0391, 11, .relu6), (1.5, 0, 0.75, 0, 0.0625, 0, .none),
            (0.0417, -128, 0.0091, -3, 0.0533, -128, .relu),
        ]
        for (s1, z1, s2, z2, so, zo, activation) in cases {
            let p = try QuantizedAddParameters(input1: AffineQuantization(scale: s1, zeroPoint: z1),
                                               input2: AffineQuantization(scale: s2, zeroPoint: z2),
                                               output: AffineQuantization(scale: so, zeroPoint: zo), activation: activation, Int8.self)
            for subtract in [false, true] {
                let c = QuantBuffer<Int8>([65536], repeating: 0)
                KernelSelection.with(level: level) {
                    QuantizedElementwise.add(a.view, b.view, p, subtract: subtract, into: c.mutableView)
                }
                let out = c.values
                var mismatches = 0
                for i in 0 ..< 65536 {
                    let x = tflite((Int32(a.base[i]) + p.input1Offset) << Int32(p.leftShift), p.input1Multiplier, p.input1Shift)
                    let y = tflite((Int32(b.base[i]) + p.input2Offset) << Int32(p.leftShift), p.input2Multiplier, p.input2Shift)
                    let raw = subtract ? x - y : x + y
                    let v = tflite(raw, p.outputMultiplier, p.outputShift) + p.outputOffset
                    let want = Int8(min(max(v, p.range.lowerBound), p.range.upperBound))
                    if out[i] != want {
                        mismatches += 1
                        if mismatches <= 5 { Issue.record("a \(a.base[i]), b \(b.base[i]), subtract \(subtract): got \(out[i]), want \(want)") }
                    }
                }
                #expect(mismatches == 0, "scales \(s1), \(s2) → \(so)")
            }
        }
    }

    /// A 2×1 depthwise filter (1 over 127) over two input rows holding the pairs: row mode
    /// (stride 1, channel pattern of lcm(channels, 32)) and pixel mode (stride 2).
    @Test("depthwise outputs equal TFLite's fixed-point rounding on every boundary sum", arguments: [0, 1, 2], [1, 2])
    func depthwiseBoundaries(level: Int, stride: Int) throws {
        let width = 65536 * stride
        for q in quantizations(leftShift: false) {
            let channels = q.multipliers.count
            var input = [Int8](repeating: 0, count: 2 * width * channels)
            for i in 0 ..< 65536 {
                for ch in 0 ..< channels {
                    input[(i * stride) * channels + ch] = pairs[2 * i]
                    input[(width + i * stride) * channels + ch] = pairs[2 * i + 1]
                }
            }
            let x = QuantBuffer<Int8>([1, 2, width, channels], input)
            let filter = QuantBuffer<Int8>([1, 2, 1, channels], Array(repeating: 1, count: channels) + Array(repeating: 127, count: channels))
            let c = QuantBuffer<Int8>([1, 1, 65536, channels], repeating: 0)
            let parameters = DepthwiseConvolution.Parameters(padding: .valid, strideHeight: 1, strideWidth: stride)
            try KernelSelection.with(level: level) {
                try QuantizedDepthwiseFast.compute(input: x.view, filter: filter.view, bias: nil, output: c.mutableView,
                                                   parameters: parameters, quantization: q, runner: .serial)
            }
            let out = c.values
            var mismatches = 0
            for i in 0 ..< 65536 {
                let sum = Int32(pairs[2 * i]) + 127 * Int32(pairs[2 * i + 1])
                for j in 0 ..< channels where out[i * channels + j] != expected(sum: sum, channel: j, q: q) {
                    mismatches += 1
                    if mismatches <= 5 { Issue.record("sum \(sum), channel \(j), offset \(q.outputOffset): got \(out[i * channels + j])") }
                }
            }
            #expect(mismatches == 0)
        }
    }
}
