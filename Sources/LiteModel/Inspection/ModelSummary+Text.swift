import Foundation

/// The human-readable rendering of a `ModelSummary`: aligned sections that fit in 100 columns.

extension ModelSummary {
    /// Line width the text rendering keeps to.
    public static let textWidth = 100

    /// The summary as text, headed by `title` (usually the file path).
    public func renderText(title: String) -> String {
        var lines = [title]
        lines += TextFormat.table(overviewRows)
        lines += section("Inputs and outputs", TextFormat.table(inputs.map { ioRow("in", $0) } + outputs.map { ioRow("out", $0) }))
        if !signatures.isEmpty { lines += section("Signatures", TextFormat.table(signatures.map(signatureRow))) }
        lines += section("Op histogram", wrapped(opHistogram.map { "\($0.op) ×\($0.count)" }))
        for s in 0..<subgraphCount {
            let ops = operators.filter { $0.subgraph == s }
            lines += section("Operators of subgraph \(s) (\(ops.count))", operatorTable(ops))
        }
        lines += section("Size", sizeLines)
        lines += section("Custom ops", ["  " + (customOps.isEmpty ? "none" : customOps.joined(separator: ", "))])
        if !metadata.isEmpty { lines += section("Metadata", TextFormat.table(metadata.map(metadataRow), rightAligned: [1])) }
        return lines.joined(separator: "\n") + "\n"
    }

    private func section(_ heading: String, _ body: [String]) -> [String] {
        ["", heading] + (body.isEmpty ? ["  none"] : body)
    }

    private var overviewRows: [[String]] {
        var rows: [[String]] = []
        if let modelDescription, !modelDescription.isEmpty { rows.append(["description", TextFormat.fit(modelDescription, 80)]) }
        let subgraphs = subgraphCount == 1 ? "1 subgraph" : "\(subgraphCount) subgraphs"
        rows.append(["schema", "version \(schemaVersion), \(subgraphs), \(operators.count) operators"])
        let human = size.fileBytes >= 1024 ? " (\(TextFormat.bytes(size.fileBytes)))" : ""
        rows.append(["file", "\(TextFormat.grouped(size.fileBytes)) B" + human])
        rows.append(["compute", "parameters \(TextFormat.grouped(size.parameters)) · MACs \(TextFormat.compact(size.macs))"])
        return rows
    }

    private func ioRow(_ role: String, _ tensor: TensorSummary) -> [String] {
        // The signature (with -1 for dynamic dimensions) says more than the static placeholder shape.
        let shape = TextFormat.shape(tensor.shapeSignature)
        return [role, "#\(tensor.index)", TextFormat.fit(tensor.name, 36), tensor.dtype, shape, quantizationText(tensor.quantization)]
    }

    private func signatureRow(_ signature: SignatureSummary) -> [String] {
        func names(_ entries: [SignatureSummary.Entry]) -> String {
            entries.map { "\($0.name)=#\($0.tensor)" }.joined(separator: ", ")
        }
        return [signature.key, "subgraph \(signature.subgraph)", TextFormat.fit("in: \(names(signature.inputs))  out: \(names(signature.outputs))", 70)]
    }

    private func operatorTable(_ ops: [OperatorSummary]) -> [String] {
        guard !ops.isEmpty else { return [] }
        let header = ["#", "op", "input → output", "params", "weights", "MACs"]
        let rows = ops.map { op -> [String] in
            let activations = op.inputs.compactMap { $0 }.filter { !$0.isConstant }.map { TextFormat.shape($0.shape) }
            let flow = activations.joined(separator: ", ") + " → " + op.outputs.map { TextFormat.shape($0.shape) }.joined(separator: ", ")
            let weights = op.weightBytes.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                .map { "\($0.key) \(TextFormat.bytes($0.value, separator: ""))" }
            return [String(op.index), TextFormat.fit("\(op.op) v\(op.version)", 22), TextFormat.fit(flow, 26),
                    op.parameters == 0 ? "" : TextFormat.compact(op.parameters),
                    TextFormat.fit(weights.joined(separator: ", "), 24), op.macs == 0 ? "" : TextFormat.compact(op.macs)]
        }
        let table = TextFormat.table([header] + rows, rightAligned: [0, 3, 5])
        var lines = [table[0]]
        for (op, line) in zip(ops, table.dropFirst()) {
            lines.append(line)
            for (position, input) in op.inputs.enumerated() {
                guard let input, input.isConstant, let quantization = input.quantization else { continue }
                let detail = "in[\(position)] #\(input.index) \(input.dtype) \(TextFormat.shape(input.shape)) \(quantizationText(quantization))"
                lines.append("        " + TextFormat.fit(detail, Self.textWidth - 8))
            }
        }
        return lines
    }

    private var sizeLines: [String] {
        func share(_ bytes: Int) -> String {
            size.fileBytes > 0 ? String(format: "%.1f%%", 100 * Double(bytes) / Double(size.fileBytes)) : ""
        }
        var rows = size.weightBytesByDtype.sorted { $0.key < $1.key }.map { dtype, bytes in
            ["weights \(dtype)", TextFormat.grouped(bytes) + " B", share(bytes)]
        }
        rows.append(["weights total", TextFormat.grouped(size.weightBytes) + " B", share(size.weightBytes)])
        rows.append(["graph overhead", TextFormat.grouped(size.graphOverheadBytes) + " B", share(size.graphOverheadBytes)])
        rows.append(["file", TextFormat.grouped(size.fileBytes) + " B", ""])
        return TextFormat.table(rows, rightAligned: [1, 2])
    }

    private func metadataRow(_ entry: MetadataSummary) -> [String] {
        [TextFormat.fit(entry.name, 40), "\(TextFormat.grouped(entry.bytes)) B", entry.value.map { "\"\(TextFormat.fit($0, 40))\"" } ?? ""]
    }

    private func quantizationText(_ quantization: QuantizationSummary?) -> String {
        guard let q = quantization else { return "" }
        let zeroPoints = Set(q.zeroPoints)
        let zp = zeroPoints.count == 1 ? "zp \(q.zeroPoints[0])" : zeroPoints.isEmpty ? "" : "zp varied"
        guard let axis = q.axis else { return ["scale \(q.scales[0])", zp].filter { !$0.isEmpty }.joined(separator: " ") }
        let range = "\(TextFormat.significant(Double(q.scaleMin)))…\(TextFormat.significant(Double(q.scaleMax)))"
        return ["per-axis(\(axis)) ×\(q.count) scales \(range)", zp].filter { !$0.isEmpty }.joined(separator: " ")
    }

    private func wrapped(_ items: [String]) -> [String] {
        var lines: [String] = []
        var line = ""
        for item in items {
            if !line.isEmpty && line.count + 3 + item.count > Self.textWidth - 2 {
                lines.append("  " + line)
                line = ""
            }
            line += line.isEmpty ? item : " · " + item
        }
        if !line.isEmpty { lines.append("  " + line) }
        return lines
    }
}
