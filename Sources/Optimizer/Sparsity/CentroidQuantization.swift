import LiteModel

/// Moves pruned / clustered weights onto the int8 grid the quantization passes will use
/// (symmetric, per output channel, scale = absmax / 127), so that quantization keeps their
/// structure exactly: a weight is zero after quantization iff it was zero before, and within each
/// channel distinct values get distinct int8 codes (as long as a channel has at most 127 distinct
/// values of each sign; beyond that codes are shared).
enum CentroidQuantization {
    /// `weights` of `shape` with each channel (along `axis`) snapped to its int8 grid.
    static func snapped(_ weights: [Float], shape: [Int], axis: Int) -> [Float] {
        let channels = shape[axis]
        let inner = shape[(axis + 1)...].reduce(1, *)
        let channel = { (i: Int) in (i / inner) % channels }
        var distinct = [Set<Float>](repeating: [], count: channels)
        for (i, w) in weights.enumerated() where w != 0 { distinct[channel(i)].insert(w) }
        let grids = distinct.map { values -> (scale: Float, codes: [Float: Int]) in
            let absMax = values.map(abs).max() ?? 0
            let scale: Float = absMax == 0 ? 1 : absMax / 127
            return (scale, codes(for: values, scale: scale))
        }
        return weights.enumerated().map { i, w in
            guard w != 0 else { return 0 }
            let grid = grids[channel(i)]
            return Float(grid.codes[w]!) * grid.scale
        }
    }

    /// Codes in ±1…127 for non-zero `values`: the nearest grid code, then moved apart so that
    /// codes of each sign are strictly ordered like the values.
    static func codes(for values: Set<Float>, scale: Float) -> [Float: Int] {
        var result: [Float: Int] = [:]
        for sign in [Float(1), -1] {
            let magnitudes = values.filter { $0 * sign > 0 }.map { $0 * sign }.sorted()
            var codes = magnitudes.map { min(max(Int(($0 * (1 / scale)).rounded(.toNearestOrAwayFromZero)), 1), 127) }
            if !codes.isEmpty, codes.count <= 127 {
                for i in codes.indices.dropFirst() { codes[i] = max(codes[i], codes[i - 1] + 1) }
                codes[codes.count - 1] = min(codes.last ?? 0, 127)
                for i in codes.indices.dropLast().reversed() { codes[i] = min(codes[i], codes[i + 1] - 1) }
            }
            for (m, code) in zip(magnitudes, codes) { result[m * sign] = code * Int(sign) }
        }
        return result
    }
}
