import ArgumentParser
import Evaluation
import Foundation
import LiteModel

/// `edgewise compare`: several variants of a model side by side, as deltas against the first.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare model variants: size, gzip size, latency and accuracy/fidelity, against the first.",
        discussion: """
        Latency is measured here (10 warm-up and --runs timed invokes, median). Accuracy is top-1 \
        against the data's labels; agreement and SQNR compare each model's first output with the \
        first model's. Deltas: sizes in %, latency as a ratio, accuracy in percentage points. \
        --json keys per model: name, file_bytes, gzip_bytes, latency, top1, agreement, sqnr_db, delta.
        """)

    @Argument(help: "Two or more .tflite models; the first is the baseline.")
    var models: [String]

    @OptionGroup var data: DataOptions

    @Option(help: "Timed runs for latency.")
    var runs: Int = 50

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        guard models.count >= 2 else { throw CLIError("compare needs at least two models") }
        guard runs >= 1 else { throw CLIError("--runs must be at least 1") }
        var compared: [ComparedModel] = []
        for path in models {
            let loaded = try LoadedModel(path: path)
            guard let bytes = FileManager.default.contents(atPath: path) else { throw CLIError("\(path): cannot be read") }
            compared.append(ComparedModel(name: path, bytes: [UInt8](bytes), model: loaded.model))
        }
        let template = try data.request(model: compared[0].model, name: models[0], reference: nil, referenceName: "")
        let rows: [ModelMeasurement]
        do {
            rows = try ModelComparison.measure(compared, dataPath: template.dataPath, preprocessing: template.preprocessing,
                                               limit: template.limit, threads: template.threads, runs: runs)
        } catch {
            throw CLIError(error.description)
        }
        if json {
            print(try JSONText.encode(["data": data.data, "models": rows.map { jsonObject($0, baseline: rows[0]) }]))
        } else {
            print(table(rows), terminator: "")
        }
    }

    private func table(_ rows: [ModelMeasurement]) -> String {
        let base = rows[0]
        let header = ["model", "bytes", "gzip", "median ms", "top-1", "agree", "SQNR dB"]
        var cells = [header]
        for (index, row) in rows.enumerated() {
            let first = index == 0
            let delta = Delta(row, base)
            cells.append([
                URL(fileURLWithPath: row.name).lastPathComponent,
                "\(row.fileBytes)" + (first ? "" : String(format: " (%+.1f%%)", delta.fileBytesPercent)),
                "\(row.gzipBytes)" + (first ? "" : String(format: " (%+.1f%%)", delta.gzipBytesPercent)),
                String(format: "%.4f", row.latency.medianMs) + (first ? "" : String(format: " (×%.2f)", delta.latencyRatio)),
                row.top1.map { String(format: "%.2f%%", $0.value * 100) + (first ? "" : String(format: " (%+.1f pp)", delta.top1Points ?? 0)) } ?? "-",
                row.agreement.map { String(format: "%.2f%%", $0.value * 100) } ?? "-",
                row.sqnrDB.map(Format.decibels) ?? "-",
            ])
        }
        let widths = header.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        return cells.map { line in
            zip(line, widths).enumerated().map { column, pair in Format.padded(pair.0, pair.1, right: column > 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    private func jsonObject(_ row: ModelMeasurement, baseline: ModelMeasurement) -> [String: Any] {
        let delta = Delta(row, baseline)
        var object: [String: Any] = [
            "name": row.name, "file_bytes": row.fileBytes, "gzip_bytes": row.gzipBytes,
            "latency": ["median_ms": row.latency.medianMs, "p90_ms": row.latency.p90Ms, "min_ms": row.latency.minMs,
                        "runs": row.latency.runs, "threads": row.latency.threads, "arena_bytes": row.latency.arenaBytes],
            "delta": ["file_bytes_percent": delta.fileBytesPercent, "gzip_bytes_percent": delta.gzipBytesPercent,
                      "latency_ratio": delta.latencyRatio, "top1_points": delta.top1Points as Any? ?? NSNull()],
        ]
        object["top1"] = row.top1.map(JSONText.proportion) ?? NSNull()
        object["agreement"] = row.agreement.map(JSONText.proportion) ?? NSNull()
        object["sqnr_db"] = row.sqnrDB.flatMap { $0.isFinite ? $0 : nil } ?? NSNull()
        return object
    }
}

/// A model's differences from the baseline.
private struct Delta {
    let fileBytesPercent: Double
    let gzipBytesPercent: Double
    let latencyRatio: Double
    /// Top-1 difference in percentage points, when both have labels.
    let top1Points: Double?

    init(_ row: ModelMeasurement, _ base: ModelMeasurement) {
        func percent(_ value: Int, _ reference: Int) -> Double { reference == 0 ? 0 : (Double(value) / Double(reference) - 1) * 100 }
        fileBytesPercent = percent(row.fileBytes, base.fileBytes)
        gzipBytesPercent = percent(row.gzipBytes, base.gzipBytes)
        latencyRatio = base.latency.medianMs > 0 ? row.latency.medianMs / base.latency.medianMs : 0
        if let ours = row.top1, let theirs = base.top1 { top1Points = (ours.value - theirs.value) * 100 } else { top1Points = nil }
    }
}
