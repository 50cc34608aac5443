import ArgumentParser
import Evaluation
import Foundation
import Runtime

/// `edgewise bench`: latency of Edgewise's interpreter on a model, and LiteRT's when available.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the model's latency here (and LiteRT's, when ai-edge-litert is importable).",
        discussion: """
        Inputs are fixed pseudo-random values. LiteRT is measured through Python \
        ($EDGEWISE_PYTHON, else python3) with the same thread count and number of runs; without it \
        only Edgewise's latency is shown. --json keys: median_ms, p90_ms, min_ms, runs, threads, \
        arena_bytes, and litert_median_ms when LiteRT was measured. --per-op adds where the time goes: \
        the share of each op type and the slowest operators (JSON key per_op: index, name, ms per run).
        """)

    @Argument(help: "The .tflite model.")
    var model: String

    @Option(help: "Threads for the kernels.")
    var threads: Int = 1

    @Option(help: "Timed runs (after 10 warm-up runs).")
    var runs: Int = 100

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: "Skip the LiteRT measurement.")
    var noLitert = false

    @Flag(help: "Also time each operator (same number of runs).")
    var perOp = false

    func run() throws {
        guard threads >= 1, runs >= 1 else { throw CLIError("--threads and --runs must be at least 1") }
        let loaded = try LoadedModel(path: model)
        let stats: LatencyStats
        var operators: [OperatorTime] = []
        do {
            let interpreter = try Interpreter(model: loaded.model, options: .init(threads: threads))
            stats = try LatencyBenchmark.measure(interpreter, runs: runs)
            if perOp { operators = try interpreter.profileOperators(runs: runs) }
        } catch {
            throw CLIError("\(model): \(error)")
        }
        let litert = noLitert ? nil : LiteRTLatency.median(model: model, threads: threads, runs: runs)
        if json {
            var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(stats)) as! [String: Any]
            if let litert { object["litert_median_ms"] = litert }
            if perOp {
                object["per_op"] = operators.map { ["index": $0.index, "name": $0.name, "ms": $0.seconds * 1000 / Double(runs)] }
            }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("Edgewise (measured here, \(threads) thread\(threads == 1 ? "" : "s"), \(runs) runs):")
        print(String(format: "  median %.4f ms   p90 %.4f ms   min %.4f ms   arena %d bytes",
                     stats.medianMs, stats.p90Ms, stats.minMs, stats.arenaBytes))
        if let litert {
            print(String(format: "LiteRT (measured here): median %.4f ms   Edgewise/LiteRT %.2f×", litert, stats.medianMs / litert))
        } else if !noLitert {
            print("LiteRT: not measured (python with ai-edge-litert not found; set EDGEWISE_PYTHON)")
        }
        if perOp { print(OperatorProfileTable(operators, runs: runs).text) }
    }
}
