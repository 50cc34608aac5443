import FlatBuffers
import Foundation

/// Name and content of the metadata entry that marks models whose constant buffers are stored
/// after the FlatBuffer (TFLite's ">2 GB" layout, see TFLITE_NOTES.md §1).
let bufferLocationMetadataName = "buffer_location"
let bufferLocationOutside = Array("outside flatbuffers".utf8)

extension Model {
    /// Decodes a `.tflite` file's bytes. Buffers stored after the FlatBuffer (`Buffer.offset/size`)
    /// and large custom options are read into `data`/`customOptions`, so the value is the same
    /// whichever layout the file used; the `buffer_location` metadata decides how it is written.
    public init(bytes: [UInt8]) throws(ModelError) {
        do {
            let reader = try FlatBufferReader(bytes: bytes)
            guard let identifier = reader.fileIdentifier else {
                throw FlatBufferError(offset: 0, "file is \(bytes.count) bytes, too short for a TFLite model")
            }
            guard identifier == "TFL3" else {
                let printable = identifier.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 32 && $0.value < 127 }
                throw ModelError.notTFLite(found: printable ? "\"\(identifier)\"" : "\(Array(bytes[4..<8]))")
            }
            self = try Model(reader.root())
        } catch let error as FlatBufferError {
            throw .corrupt(error)
        } catch let error as ModelError {
            throw error
        } catch {
            throw .invalid("\(error)")
        }
        try loadOutsideData(from: bytes)
    }

    /// Reads and decodes the model at `url`.
    public init(contentsOf url: URL) throws(ModelError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "no such file"
            throw .io(path: url.path, reason: reason)
        }
        try self.init(bytes: [UInt8](data))
    }

    /// Reads data stored after the FlatBuffer. Entries naming the same range share one copy (the
    /// exporter deduplicates identical blobs); distinct ranges may not add up to more than the
    /// file, so hostile overlapping entries cannot make decoding allocate without bound.
    private mutating func loadOutsideData(from bytes: [UInt8]) throws(ModelError) {
        var loaded: [Range<UInt64>: [UInt8]] = [:]
        var loadedBytes: UInt64 = 0
        func slice(_ offset: UInt64, _ size: UInt64, _ what: String) throws(ModelError) -> [UInt8] {
            guard offset <= UInt64(bytes.count), size <= UInt64(bytes.count) - offset else {
                throw .corrupt(FlatBufferError(offset: Int(min(offset, UInt64(bytes.count))),
                                               "\(what) refers to \(size) bytes at offset \(offset), past the end of the \(bytes.count)-byte file"))
            }
            let range = offset..<offset + size
            if let shared = loaded[range] { return shared }
            loadedBytes += size
            guard loadedBytes <= UInt64(bytes.count) else {
                throw .corrupt(FlatBufferError(offset: Int(offset), "\(what) overlaps other data stored after the FlatBuffer"))
            }
            let data = Array(bytes[Int(offset)..<Int(offset + size)])
            loaded[range] = data
            return data
        }
        for index in buffers.indices where buffers[index].data.isEmpty && buffers[index].offset > 1 {
            buffers[index].data = try slice(buffers[index].offset, buffers[index].size, "buffer \(index)")
            buffers[index].offset = 0
            buffers[index].size = 0
        }
        for s in subgraphs.indices {
            for o in subgraphs[s].operators.indices where subgraphs[s].operators[o].largeCustomOptionsOffset > 1 {
                let op = subgraphs[s].operators[o]
                subgraphs[s].operators[o].customOptions = try slice(op.largeCustomOptionsOffset, op.largeCustomOptionsSize,
                                                                   "custom options of operator \(o) in subgraph \(s)")
                subgraphs[s].operators[o].largeCustomOptionsOffset = 0
                subgraphs[s].operators[o].largeCustomOptionsSize = 0
            }
        }
    }

    /// Whether the model asks for its constant buffers to be stored after the FlatBuffer.
    public var storesBuffersOutside: Bool {
        metadata.contains { entry in
            entry.name == bufferLocationMetadataName && Int(entry.buffer) < buffers.count
                && buffers[Int(entry.buffer)].data.prefix(bufferLocationOutside.count).elementsEqual(bufferLocationOutside)
        }
    }

    /// Encodes the model as `.tflite` bytes (identifier `TFL3`). Tensor data is 16-byte aligned.
    /// Models marked with `buffer_location` metadata keep their tensor data after the FlatBuffer.
    public func encoded() throws(ModelError) -> [UInt8] {
        if storesBuffersOutside { return try encodedWithOutsideBuffers() }
        var builder = FlatBufferBuilder(expectedSize: buffers.reduce(4096) { $0 + $1.data.count + 32 })
        let root = encode(into: &builder)
        guard builder.size < Int(Int32.max) else {
            throw .tooLarge("\(builder.size) bytes exceed the 2 GiB FlatBuffers limit; add metadata \"\(bufferLocationMetadataName)\" = \"outside flatbuffers\" to store tensor data after the FlatBuffer")
        }
        return builder.finish(root: root, fileIdentifier: "TFL3")
    }

    /// Layout of TFLite's exporter for large models: placeholders first, then the FlatBuffer is
    /// written again with the real offsets (same size, since the fields are fixed-width).
    private func encodedWithOutsideBuffers() throws(ModelError) -> [UInt8] {
        let metadataBuffers = Set(metadata.map { Int($0.buffer) })
        let outside = buffers.indices.filter { !buffers[$0].data.isEmpty && !metadataBuffers.contains($0) }
        func layout(_ offsets: [Int: UInt64]) -> Model {
            var copy = self
            for index in outside {
                copy.buffers[index].offset = offsets[index] ?? 2
                copy.buffers[index].size = UInt64(buffers[index].data.count)
                copy.buffers[index].data = []
            }
            return copy
        }
        func flatBuffer(_ model: Model) -> [UInt8] {
            var builder = FlatBufferBuilder()
            let root = model.encode(into: &builder)
            return builder.finish(root: root, fileIdentifier: "TFL3")
        }
        let draft = flatBuffer(layout([:]))
        guard draft.count < Int(Int32.max) else { throw .tooLarge("the FlatBuffer alone is \(draft.count) bytes") }
        var offsets: [Int: UInt64] = [:]
        var position = (draft.count + 15) / 16 * 16
        for index in outside {
            offsets[index] = UInt64(position)
            position += (buffers[index].data.count + 15) / 16 * 16
        }
        var bytes = flatBuffer(layout(offsets))
        guard bytes.count == draft.count else {
            throw .invalid("internal: FlatBuffer size changed between layout passes (\(draft.count) → \(bytes.count))")
        }
        bytes.reserveCapacity(position + 16)
        for index in outside {
            bytes.append(contentsOf: repeatElement(0, count: Int(offsets[index]!) - bytes.count))
            bytes.append(contentsOf: buffers[index].data)
        }
        bytes.append(contentsOf: repeatElement(0, count: (bytes.count + 15) / 16 * 16 - bytes.count + 16))
        return bytes
    }
}
