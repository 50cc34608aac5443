import LiteModel

/// Model-level bookkeeping the TF converter writes: description, `min_runtime_version`,
/// `reduced_precision_support` (TFLITE_NOTES.md §2).
extension GraphEditor {
    /// The description the converter writes.
    static let converterDescription = "MLIR Converted."

    /// Oldest TFLite release that runs a given op version, for the versions the passes write
    /// (from TF `tools/versioning/runtime_version.cc`).
    private static let runtimeVersions: [BuiltinOperator: [Int32: String]] = [
        .conv2D: [3: "1.14.0", 5: "2.4.0"],
        .depthwiseConv2D: [3: "1.14.0", 6: "2.3.0"],
        .fullyConnected: [4: "1.14.0", 12: "2.17.0"],
        .dequantize: [2: "1.14.0", 3: "1.15.0"],
        .quantize: [1: "1.14.0"],
        .add: [2: "1.14.0"], .sub: [2: "1.14.0"], .mul: [2: "1.14.0"], .mean: [2: "1.14.0"],
        .softmax: [2: "1.14.0"], .logistic: [2: "1.14.0"], .tanh: [2: "1.14.0"],
        .maxPool2D: [2: "1.14.0"], .averagePool2D: [2: "1.14.0"], .pad: [2: "1.14.0"],
    ]

    /// Sets the description, raises `min_runtime_version` to what the op versions need, and
    /// adds or replaces the metadata entry `name` with `value` when given.
    mutating func finishMetadata(extra: (name: String, value: String)? = nil) {
        model.description = Self.converterDescription
        let needed = model.operatorCodes.compactMap { Self.runtimeVersions[$0.builtin]?[$0.version] }
        if let newest = needed.max(by: Self.olderVersion), let entry = model.metadata.firstIndex(where: { $0.name == "min_runtime_version" }) {
            let buffer = Int(model.metadata[entry].buffer)
            let current = String(decoding: model.buffers[buffer].data.prefix { $0 != 0 }, as: UTF8.self)
            if Self.olderVersion(current, newest) {
                var bytes = Array(newest.utf8)
                bytes += [UInt8](repeating: 0, count: max(0, 16 - bytes.count))
                model.buffers[buffer].data = bytes
            }
        }
        if let extra {
            let bytes = Array(extra.value.utf8)
            if let entry = model.metadata.firstIndex(where: { $0.name == extra.name }) {
                model.buffers[Int(model.metadata[entry].buffer)].data = bytes
            } else {
                var metadata = Metadata()
                metadata.name = extra.name
                metadata.buffer = addBuffer(bytes)
                model.metadata.insert(metadata, at: min(1, model.metadata.count))
            }
        }
    }

    /// Whether dotted version `a` is older than `b`.
    private static func olderVersion(_ a: String, _ b: String) -> Bool {
        let x = a.split(separator: ".").map { Int($0) ?? 0 }
        let y = b.split(separator: ".").map { Int($0) ?? 0 }
        return x.lexicographicallyPrecedes(y)
    }
}
