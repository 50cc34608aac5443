import Foundation

/// Measures LiteRT's median latency through Python's `ai-edge-litert`, when it can be imported.
enum LiteRTLatency {
    /// The median in milliseconds, or nil when Python or `ai_edge_litert` is not available.
    static func median(model: String, threads: Int, runs: Int) -> Double? {
        let python = ProcessInfo.processInfo.environment["EDGEWISE_PYTHON"] ?? "python3"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-c", script, model, String(threads), String(runs)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static let script = """
    import sys, time
    import numpy as np
    from ai_edge_litert.interpreter import Interpreter
    path, threads, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    it = Interpreter(model_path=path, num_threads=threads)
    it.allocate_tensors()
    rng = np.random.default_rng(1)
    for d in it.get_input_details():
        if np.issubdtype(d['dtype'], np.floating):
            x = rng.random(d['shape']).astype(d['dtype'])
        else:
            info = np.iinfo(d['dtype'])
            x = rng.integers(info.min, info.max, d['shape'], endpoint=True).astype(d['dtype'])
        it.set_tensor(d['index'], x)
    for _ in range(10):
        it.invoke()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        it.invoke()
        times.append(time.perf_counter() - start)
    print(float(np.median(times)) * 1000)
    """
}
