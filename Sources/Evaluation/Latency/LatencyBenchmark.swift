import Foundation
import LiteModel
import Runtime

/// Times `invoke()` of a prepared interpreter: warm-up runs, then `runs` timed runs.
public enum LatencyBenchmark {
    /// Fills every input with fixed pseudo-random values in its type's usual range, then measures.
    public static func measure(_ interpreter: Interpreter, warmup: Int = 10, runs: Int = 100) throws(RuntimeError) -> LatencyStats {
        for (position, info) in interpreter.inputs.enumerated() {
            var bytes = sampleBytes(for: info, seed: UInt64(position) + 1)
            let result: Result<Void, RuntimeError> = bytes.withUnsafeMutableBytes { raw in
                Result { () throws(RuntimeError) in try interpreter.setInput(position, bytes: UnsafeRawBufferPointer(raw)) }
            }
            try result.get()
        }
        for _ in 0..<warmup { try interpreter.invoke() }
        var samples: [Double] = []
        samples.reserveCapacity(runs)
        for _ in 0..<max(runs, 1) {
            let start = DispatchTime.now().uptimeNanoseconds
            try interpreter.invoke()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return LatencyStats(samples: samples, threads: interpreter.options.threads, arenaBytes: interpreter.arenaBytes)
    }

    /// Deterministic input bytes: floats in [0, 1), integers over their range, booleans.
    static func sampleBytes(for info: TensorInfo, seed: UInt64) -> [UInt8] {
        var random = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15)
        func next() -> UInt64 { random.next() }
        let count = info.shape.reduce(1, *)
        switch info.type {
        case .float32:
            return (0..<count).flatMap { _ in withUnsafeBytes(of: Float(next() >> 40) / Float(1 << 24)) { Array($0) } }
        case .bool:
            return (0..<count).map { _ in UInt8(next() & 1) }
        default:
            return (0..<info.byteCount).map { _ in UInt8(truncatingIfNeeded: next()) }
        }
    }
}
