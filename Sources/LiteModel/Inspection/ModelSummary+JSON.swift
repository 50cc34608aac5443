import Foundation

extension ModelSummary {
    /// The summary as pretty-printed JSON with sorted keys (see the key list on `ModelSummary`).
    /// Non-finite scales are written as the strings `"nan"`, `"inf"` and `"-inf"`.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }
}
