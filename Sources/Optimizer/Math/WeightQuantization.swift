/// Symmetric int8 quantization of constant weights and integer quantization of biases, with the
/// TF converter's rounding (TFLITE_NOTES.md §5): per channel, scale = f32(absmax / 127) and
/// q = round_half_away(w · f32(1 / scale)) clamped to ±127.
enum WeightQuantization {
    /// Quantized weights with one scale per channel along `axis`, and each channel's raw min/max.
    struct PerChannel {
        var values: [Int8]
        var scales: [Float]
        var mins: [Float]
        var maxs: [Float]
    }

    /// Quantizes `weights` of `shape` per channel along `axis`.
    static func symmetricInt8(_ weights: [Float], shape: [Int], axis: Int) -> PerChannel {
        let channels = shape[axis]
        let inner = shape[(axis + 1)...].reduce(1, *)
        var mins = [Float](repeating: .infinity, count: channels)
        var maxs = [Float](repeating: -.infinity, count: channels)
        for (i, w) in weights.enumerated() {
            let c = (i / inner) % channels
            mins[c] = min(mins[c], w)
            maxs[c] = max(maxs[c], w)
        }
        let scales = (0..<channels).map { c -> Float in
            let absMax = max(abs(min(mins[c], 0)), abs(max(maxs[c], 0)))
            return absMax == 0 ? 1 : absMax / 127
        }
        let inverses = scales.map { 1 / $0 }
        let values = weights.enumerated().map { (i, w) -> Int8 in
            let q = (w * inverses[(i / inner) % channels]).rounded(.toNearestOrAwayFromZero)
            return Int8(min(max(q, -127), 127))
        }
        return PerChannel(values: values, scales: scales, mins: mins, maxs: maxs)
    }

    /// Bias scales `f32(inputScale · weightScale_c)` (float32 product, as the converter computes).
    static func biasScales(inputScale: Float, weightScales: [Float]) -> [Float] {
        weightScales.map { inputScale * $0 }
    }

    /// q = round_half_away(b · f32(1 / scale_c)), clamped to ±(2^31 − 1); `scales` has one entry
    /// per element or a single entry for all.
    static func int32Bias(_ bias: [Float], scales: [Float]) -> [Int32] {
        bias.enumerated().map { (i, b) in
            let scale = scales.count == 1 ? scales[0] : scales[i]
            let q = Double((b * (scale == 0 ? 0 : 1 / scale)).rounded(.toNearestOrAwayFromZero))
            return Int32(min(max(q, -Double(Int32.max)), Double(Int32.max)))
        }
    }

    /// The int64 variant used by int16x8 conv / fully connected.
    static func int64Bias(_ bias: [Float], scales: [Float]) -> [Int64] {
        bias.enumerated().map { (i, b) in
            let scale = scales.count == 1 ? scales[0] : scales[i]
            let q = Double((b * (scale == 0 ? 0 : 1 / scale)).rounded(.toNearestOrAwayFromZero))
            return Int64(min(max(q, -9.2e18), 9.2e18))
        }
    }
}
