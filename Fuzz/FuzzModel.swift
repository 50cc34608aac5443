// libFuzzer entry point for the `.tflite` decoder. Not part of the Swift package: `scripts/fuzz`
// compiles it with FlatBuffers and LiteModel under `-sanitize=fuzzer,address`.
import LiteModel

/// Decodes one input; on success validates it, re-encodes it and checks that our own encoding
/// decodes again to the same bytes. Any trap, sanitizer report or broken invariant is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let model = try? Model(bytes: bytes) else { return 0 }
    _ = try? model.validate()
    guard let encoded = try? model.encoded() else { return 0 }
    guard let again = try? Model(bytes: encoded) else {
        fatalError("a decoded model re-encoded to \(encoded.count) bytes that do not decode")
    }
    guard (try? again.encoded()) == encoded else {
        fatalError("re-encoding a decoded model is not a fixed point")
    }
    return 0
}
