import CKernels

/// int8 weights packed once as int16 pairs (`ck_i8_pack`) for the int16×8 GEMM: `rows` rows
/// (output channels) of `depth` values, with each row's sum.
public struct PackedInt8Weights: @unchecked Sendable {
    public let rows: Int
    public let depth: Int
    /// Σ_k w[row][k], wrapping like TFLite's int32 arithmetic.
    public let rowSums: [Int32]
    let values: [Int16]

    /// Packs `rows` rows of `depth` weights stored contiguously at `weights` (OHWI filters and
    /// `[units, depth]` FC weights are already in this order).
    public init(_ weights: UnsafePointer<Int8>, rows: Int, depth: Int) {
        self.rows = rows
        self.depth = depth
        values = [Int16](unsafeUninitializedCapacity: ck_i8_packed_count(rows, depth)) { buffer, count in
            ck_i8_pack(rows, depth, weights, buffer.baseAddress!)
            count = buffer.count
        }
        rowSums = (0 ..< rows).map { r in (0 ..< depth).reduce(Int32(0)) { $0 &+ Int32(weights[r * depth + $1]) } }
    }
}

/// A `QuantizedOutput` (int32 accumulator) in the C kernels' form, with the per-channel shifts
/// split into left and right parts once, so the kernels requantize inline.
final class Int8Requantization: @unchecked Sendable {
    /// multipliers, left shifts, right shifts, rounding masks and half masks, each
    /// `channels + CK_I8_REQUANT_PADDING` long (zero padded).
    private let table: UnsafeMutablePointer<Int32>
    private let scales: UnsafeMutablePointer<Double>?
    /// `ck_i8_requant_shortcut`'s float constants (allocated whether or not they apply).
    private let shortcut: UnsafeMutablePointer<Float>
    let parameters: ck_i8_requant

    init(_ q: QuantizedOutput) {
        let channels = q.multipliers.count, stride = channels + Int(CK_I8_REQUANT_PADDING)
        table = .allocate(capacity: 5 * stride)
        table.initialize(repeating: 0, count: 5 * stride)
        let multipliers = table, leftShifts = table + stride, rightShifts = table + 2 * stride
        let masks = table + 3 * stride, halves = table + 4 * stride
        for c in 0 ..< channels {
            multipliers[c] = q.multipliers[c]
            leftShifts[c] = Int32(max(q.shifts[c], 0))
            let right = Int32(max(-q.shifts[c], 0))
            rightShifts[c] = right
            masks[c] = Int32(truncatingIfNeeded: (Int64(1) << Int64(right)) - 1)
            halves[c] = masks[c] >> 1
        }
        if let doubles = q.doubleScales {
            let scales = UnsafeMutablePointer<Double>.allocate(capacity: max(doubles.count, 1))
            for (c, s) in doubles.enumerated() { scales[c] = s }
            self.scales = scales
        } else {
            scales = nil
        }
        var parameters = ck_i8_requant(multipliers: multipliers, left_shifts: leftShifts, right_shifts: rightShifts,
                                       round_masks: masks, round_halves: halves,
                                       min_multiplier: q.multipliers.contains(.min) ? 1 : 0, double_scales: scales,
                                       output_offset: q.outputOffset, act_min: q.activationMin,
                                       act_max: q.activationMax, shortcut: nil)
        shortcut = .allocate(capacity: ck_i8_requant_shortcut_count(channels))
        if ck_i8_requant_shortcut(channels, &parameters, shortcut) != 0 { parameters.shortcut = UnsafePointer(shortcut) }
        self.parameters = parameters
    }

    deinit {
        table.deallocate()
        scales?.deallocate()
        shortcut.deallocate()
    }
}

/// An int16×8 `QuantizedOutput` (int64 accumulator) in the C kernels' form: the Q15 multipliers
/// and total shifts of TFLite's int64 `MultiplyByQuantizedMultiplier`, computed once.
final class Int16Requantization: @unchecked Sendable {
    private let reduced, totals: UnsafeMutablePointer<Int64>
    let parameters: ck_i16_requant

    /// Nil when a shift is too large for the C kernel (a total shift below 1).
    init?(_ q: QuantizedOutput) {
        guard q.shifts.allSatisfy({ $0 <= 14 }) else { return nil }
        let channels = q.multipliers.count
        reduced = .allocate(capacity: max(channels, 1))
        totals = .allocate(capacity: max(channels, 1))
        for c in 0 ..< channels {
            let m = q.multipliers[c]
            reduced[c] = m < 0x7FFF_0000 ? (Int64(m) + (1 << 15)) >> 16 : 0x7FFF
            totals[c] = Int64(15 - q.shifts[c])
        }
        parameters = ck_i16_requant(reduced: reduced, totals: totals, output_offset: q.outputOffset,
                                    act_min: q.activationMin, act_max: q.activationMax)
    }

    deinit {
        reduced.deallocate()
        totals.deallocate()
    }
}
