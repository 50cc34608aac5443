import CKernels

/// Quantized MEAN / SUM / REDUCE_MAX over axes (TFLite reference_ops::QuantizedMeanOrSum and
/// ReduceGeneric), int8 and int16.
public enum QuantizedReductions {
    /// MEAN (or SUM when `sum`): int32 sums of the raw values per output; then, with
    /// `M·2^shift ≈ s_in/s_out` (double), `MBQM(Σ − n·zp_in) + zp_out`, clamped. MEAN folds 1/n
    /// into the multiplier: `M·2^k / n` (integer division) with k = min(⌊log₂ n⌋, 32, 31 + shift).
    public static func meanOrSum<Q: FixedWidthInteger>(_ input: TensorView<Q>, axes: [Int], sum: Bool,
                                                       input inQ: AffineQuantization, output outQ: AffineQuantization,
                                                       into output: MutableTensorView<Q>) {
        guard let reduced = try? Reductions.reducedAxes(input.shape, axes) else {
            preconditionFailure("reduction axes \(axes) do not fit input shape \(input.shape)")
        }
        var kept = input.shape
        for axis in kept.indices where reduced[axis] { kept[axis] = 1 }
        var sums = [Int32](repeating: 0, count: output.count)
        if let block = contiguousBlock(input.shape, reduced) {
            // The reduced axes are one run (as MEAN over H and W of NHWC): plain nested loops, on
            // concrete element types (the op plans call this from generic closures that the
            // optimizer leaves unspecialized).
            let raw = UnsafeRawPointer(input.base)
            sums.withUnsafeMutableBufferPointer { sums in
                if Q.self == Int8.self {
                    sumRuns(raw.assumingMemoryBound(to: Int8.self), block, into: sums.baseAddress!)
                } else if Q.self == Int16.self {
                    sumRuns(raw.assumingMemoryBound(to: Int16.self), block, into: sums.baseAddress!)
                } else {
                    sumRuns(input.base, block, into: sums.baseAddress!)
                }
            }
        } else {
            Broadcast.forEachIndex(input.shape, kept, outputShape: input.shape) { i, _, o in sums[o] = sums[o] &+ Int32(input[i]) }
        }
        let count = output.count == 0 ? 0 : input.count / output.count
        guard count > 0 else {
            for i in 0..<output.count { output[i] = 0 }
            return
        }
        var (multiplier, shift) = FixedPoint.quantizeMultiplier(Double(inQ.scale) / Double(outQ.scale))
        if !sum {
            let k = min(Int.bitWidth - 1 - count.leadingZeroBitCount, 32, 31 + shift)
            multiplier = Int32(truncatingIfNeeded: (Int64(multiplier) << Int64(k)) / Int64(count))
            shift -= k
        }
        let rescale = (multiplier: multiplier, shift: shift, inputZeroPoint: inQ.zeroPoint, outputZeroPoint: outQ.zeroPoint)
        let raw = UnsafeMutableRawPointer(output.base)
        sums.withUnsafeBufferPointer { sums in
            // Concrete element types again, for the same reason as the sums.
            if Q.self == Int8.self {
                // The sums fit int32 (TFLite accumulates in int32 too), so the offset wraps like its sum.
                var r = ck_q_rescale(multiplier: multiplier, left: Int32(Swift.max(shift, 0)), right: Int32(Swift.max(-shift, 0)))
                ck_q8_requantize(sums.count, sums.baseAddress!, Int32(truncatingIfNeeded: -Int64(inQ.zeroPoint) * Int64(count)),
                                 &r, outQ.zeroPoint, Int32(Int8.min), Int32(Int8.max), raw.assumingMemoryBound(to: Int8.self))
            } else if Q.self == Int16.self {
                store(sums, count: count, rescale, into: raw.assumingMemoryBound(to: Int16.self))
            } else {
                store(sums, count: count, rescale, into: output.base)
            }
        }
    }

    /// `out[o] = clamp(MultiplyByQuantizedMultiplier(sums[o] − zpᵢₙ·count) + zpₒᵤₜ)` for every sum.
    private static func store<T: FixedWidthInteger>(_ sums: UnsafeBufferPointer<Int32>, count: Int,
                                                    _ r: (multiplier: Int32, shift: Int, inputZeroPoint: Int32, outputZeroPoint: Int32),
                                                    into out: UnsafeMutablePointer<T>) {
        let offset = Int64(r.inputZeroPoint) * Int64(count)
        for o in sums.indices {
            let centred = Int32(truncatingIfNeeded: Int64(sums[o]) - offset)
            let value = FixedPoint.multiplyByQuantizedMultiplier(centred, r.multiplier, r.shift) &+ r.outputZeroPoint
            out[o] = T(QuantizedElementwise.clamp(value, Int32(T.min)...Int32(T.max)))
        }
    }

    /// `sums[a·inner + c] += Σ_m x[(a·middle + m)·inner + c]`.
    private static func sumRuns<T: FixedWidthInteger>(_ x: UnsafePointer<T>, _ block: (outer: Int, middle: Int, inner: Int),
                                                      into sums: UnsafeMutablePointer<Int32>) {
        for a in 0 ..< block.outer {
            for m in 0 ..< block.middle {
                let row = x + (a * block.middle + m) * block.inner, total = sums + a * block.inner
                for c in 0 ..< block.inner { total[c] &+= Int32(truncatingIfNeeded: row[c]) }
            }
        }
    }

    /// (elements before, along, and after) the reduced axes when they are one contiguous run of
    /// `shape`'s axes; nil otherwise.
    static func contiguousBlock(_ shape: [Int], _ reduced: [Bool]) -> (outer: Int, middle: Int, inner: Int)? {
        guard let first = reduced.firstIndex(of: true), let last = reduced.lastIndex(of: true),
              reduced[first ... last].allSatisfy({ $0 }) else { return nil }
        return (shape[..<first].reduce(1, *), shape[first ... last].reduce(1, *), shape[(last + 1)...].reduce(1, *))
    }

    /// REDUCE_MAX on the raw values (input and output share parameters in TFLite): the first
    /// element seeds the result when every axis is reduced, else the type's minimum.
    public static func max<Q: FixedWidthInteger>(_ input: TensorView<Q>, axes: [Int], into output: MutableTensorView<Q>) {
        guard let reduced = try? Reductions.reducedAxes(input.shape, axes) else {
            preconditionFailure("reduction axes \(axes) do not fit input shape \(input.shape)")
        }
        var kept = input.shape
        for axis in kept.indices where reduced[axis] { kept[axis] = 1 }
        for o in 0..<output.count { output[o] = Q.min }
        Broadcast.forEachIndex(input.shape, kept, outputShape: input.shape) { i, _, o in
            if input[i] > output[o] { output[o] = input[i] }
        }
    }
}
