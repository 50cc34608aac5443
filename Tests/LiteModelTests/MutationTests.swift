import FlatBuffers
import Foundation
import LiteModel
import Testing
import TestSupport

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny fixed-seed generator, so every run makes the same mutants.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (bound > 0); the tiny modulo bias does not matter here.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func pick<T>(_ choices: [T]) -> T { choices[below(choices.count)] }
}

/// Where the structure of one fixture model lies: the words and vtable entries whose corruption
/// exercises the reader's checks, found by walking the model with `FlatBufferReader`.
struct ModelStructure: Sendable {
    let name: String
    let bytes: [UInt8]
    /// Positions of 32-bit structural words: root offset, identifier, soffsets, vtable headers, uoffset fields.
    var words: [Int] = [0, 4]
    /// Positions of 16-bit vtable entries (field offsets, sizes).
    var vtableEntries: [Int] = []
    /// Positions of vector and string length prefixes.
    var lengths: [Int] = []
    /// Positions of 4-aligned words outside tensor data (tables, small vectors, strings).
    var metadataWords: [Int] = []

    /// Slots holding uoffsets and slots holding vectors/strings, per table kind (from the TFLite schema).
    private static let kinds: [String: (offsets: [Int], vectors: [Int])] = [
        "Model": ([1, 2, 3, 4, 5, 6, 7], [1, 2, 3, 4, 5, 6, 7]),
        "SubGraph": ([0, 1, 2, 3, 4], [0, 1, 2, 3, 4]),
        "Tensor": ([0, 3, 4, 6, 7, 9], [0, 3, 7, 9]),
        "Operator": ([1, 2, 4, 5, 7, 8, 12], [1, 2, 5, 7, 8]),
        "Buffer": ([0], [0]),
        "Metadata": ([0], [0]),
        "OperatorCode": ([1], [1]),
        "SignatureDef": ([0, 1, 2], [0, 1, 2]),
        "TensorMap": ([0], [0]),
        "Quantization": ([0, 1, 2, 3, 5], [0, 1, 2, 3]),
        "Options": ([], []),
    ]

    init(name: String, bytes: [UInt8]) throws {
        self.name = name
        self.bytes = bytes
        let reader = try FlatBufferReader(bytes: bytes)
        let model = try reader.root()
        var dataRanges: [Range<Int>] = []
        visit(model, "Model")
        for code in try model.tables(1) ?? [] { visit(code, "OperatorCode") }
        for subgraph in try model.tables(2) ?? [] {
            visit(subgraph, "SubGraph")
            for tensor in try subgraph.tables(0) ?? [] {
                visit(tensor, "Tensor")
                if let quantization = try tensor.table(4) { visit(quantization, "Quantization") }
            }
            for op in try subgraph.tables(3) ?? [] {
                visit(op, "Operator")
                if let options = try op.table(4) { visit(options, "Options") }
            }
        }
        for buffer in try model.tables(4) ?? [] {
            visit(buffer, "Buffer")
            if let range = try buffer.byteRange(0), range.count > 64 { dataRanges.append(range) }
        }
        for entry in try model.tables(6) ?? [] { visit(entry, "Metadata") }
        for signature in try model.tables(7) ?? [] {
            visit(signature, "SignatureDef")
            for map in try (signature.tables(0) ?? []) + (signature.tables(1) ?? []) { visit(map, "TensorMap") }
        }
        metadataWords = stride(from: 0, to: bytes.count - 3, by: 4).filter { word in
            !dataRanges.contains { $0.contains(word) }
        }
        lengths = try lengths + dataRanges.map { $0.lowerBound - 4 } + Self.vectorLengths(model)
    }

    private func le(_ at: Int, _ width: Int) -> Int {
        (0..<width).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) }
    }

    /// Records a table's soffset, vtable and uoffset fields.
    private mutating func visit(_ table: FlatTable, _ kind: String) {
        let position = table.position
        let vtable = position - Int(Int32(truncatingIfNeeded: le(position, 4)))
        words += [position, vtable]
        let vtableSize = le(vtable, 2)
        vtableEntries += stride(from: vtable, to: vtable + vtableSize, by: 2)
        for slot in Self.kinds[kind]?.offsets ?? [] where 4 + 2 * slot < vtableSize {
            let relative = le(vtable + 4 + 2 * slot, 2)
            if relative != 0 { words.append(position + relative) }
        }
    }

    /// Length prefixes of the vectors and strings directly in the model's main tables.
    private static func vectorLengths(_ model: FlatTable) throws -> [Int] {
        var found: [Int] = []
        func collect(_ table: FlatTable, _ kind: String) throws {
            for slot in kinds[kind]?.vectors ?? [] {
                if let range = try table.byteRange(slot) { found.append(range.lowerBound - 4) }
            }
        }
        try collect(model, "Model")
        for subgraph in try model.tables(2) ?? [] {
            try collect(subgraph, "SubGraph")
            for tensor in try subgraph.tables(0) ?? [] { try collect(tensor, "Tensor") }
            for op in try subgraph.tables(3) ?? [] { try collect(op, "Operator") }
        }
        for code in try model.tables(1) ?? [] { try collect(code, "OperatorCode") }
        for entry in try model.tables(6) ?? [] { try collect(entry, "Metadata") }
        return found
    }
}

/// Kinds of damage done to a valid model.
enum Mutation: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case truncation, byteFlips, structuralWord, vtableEntry, vectorLength, metadataWord

    var testDescription: String { rawValue }

    func apply(to model: ModelStructure, _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = model.bytes
        let size = bytes.count
        func put(_ value: UInt64, _ width: Int, at position: Int) {
            guard position >= 0, position + width <= size else { return }
            for k in 0..<width { bytes[position + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) }
        }
        func word(near original: Int) -> UInt64 {
            let boundary: [UInt64] = [0, 1, 0x7FFF_FFFF, 0xFFFF_FFFF, 0x8000_0000, UInt64(size - 1), UInt64(size),
                                      UInt64(size + 4), UInt64(rng.below(size))]
            switch rng.below(4) {
            case 0: return rng.next() & 0xFFFF_FFFF
            case 1: return UInt64(truncatingIfNeeded: original &+ rng.below(17) - 8) & 0xFFFF_FFFF
            default: return rng.pick(boundary)
            }
        }
        func original(_ at: Int, _ width: Int) -> Int { (0..<width).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }

        switch self {
        case .truncation:
            return Array(bytes.prefix(rng.below(size)))
        case .byteFlips:
            for _ in 0...rng.below(4) { bytes[rng.below(size)] ^= UInt8(1 + rng.below(255)) }
        case .structuralWord:
            let at = rng.pick(model.words)
            put(word(near: original(at, 4)), 4, at: at)
        case .vtableEntry:
            let at = rng.pick(model.vtableEntries)
            let old = original(at, 2)
            let values: [Int] = [0, 1, 2, 3, 4, 0xFFFF, 0x8000, old + 2, old - 2, old * 2, rng.below(0x10000)]
            put(UInt64(truncatingIfNeeded: rng.pick(values)) & 0xFFFF, 2, at: at)
        case .vectorLength:
            let at = rng.pick(model.lengths)
            let old = original(at, 4)
            let values: [Int] = [0, 1, old + 1, old - 1, old * 2 + 1, 0xFFFF_FFFF, 0x7FFF_FFFF, 0x3FFF_FFFF,
                                 0x4000_0000, size, rng.below(size)]
            put(UInt64(truncatingIfNeeded: rng.pick(values)) & 0xFFFF_FFFF, 4, at: at)
        case .metadataWord:
            let at = rng.pick(model.metadataWords)
            put(word(near: original(at, 4)), 4, at: at)
        }
        return bytes
    }
}

/// Damaged models must be rejected with a `ModelError` or decoded into a value that validates
/// (or not) and re-encodes; never a trap, a hang or an out-of-bounds read.
@Suite struct MutationTests {
    static let models: [ModelStructure] = Fixtures.allModels.compactMap { url in
        guard let bytes = try? Fixtures.bytes(url) else { return nil }
        return try? ModelStructure(name: url.lastPathComponent, bytes: bytes)
    }

    /// Mutants per model and kind of damage: small models are cheap, so they get more.
    static func mutantCount(size: Int) -> Int {
        size < 4096 ? 44 : size < 60_000 ? 5 : 2
    }

    @Test func everyFixtureIsWalkedAndEnoughMutantsArePlanned() {
        #expect(Self.models.count == Fixtures.allModels.count, "every fixture decodes and its structure is found")
        let planned = Self.models.reduce(0) { $0 + Self.mutantCount(size: $1.bytes.count) } * Mutation.allCases.count
        #expect(planned >= 20_000, "planned \(planned) mutants")
    }

    @Test(arguments: Mutation.allCases)
    func mutantsAreRejectedOrSurviveAFullRoundTrip(mutation: Mutation) {
        var rejected = 0
        var survived = 0
        let kind = UInt64(Mutation.allCases.firstIndex(of: mutation) ?? 0)
        for (index, model) in Self.models.enumerated() {
            var rng = SplitMix64(seed: 0xED6E_0000 &+ kind << 32 &+ UInt64(index))
            for mutant in 0..<Self.mutantCount(size: model.bytes.count) {
                let bytes = mutation.apply(to: model, &rng)
                if exercise(bytes, "\(mutation) mutant \(mutant) of \(model.name)") { survived += 1 } else { rejected += 1 }
            }
        }
        #expect(rejected > 0, "\(mutation): no mutant was rejected, so none reached a check")
        if mutation != .truncation {
            #expect(survived > 0, "\(mutation): no mutant decoded, so the round trip of survivors was never tried")
        }
        #expect(rejected + survived >= 3000)
    }

    /// Decodes, validates and re-encodes one mutant; returns whether it decoded.
    private func exercise(_ bytes: [UInt8], _ place: String) -> Bool {
        let model: Model
        do {
            model = try Model(bytes: bytes)
        } catch {
            if case .corrupt(let problem) = error {
                #expect((0...bytes.count).contains(problem.offset), "\(place): error offset \(problem.offset) outside the file")
            }
            if bytes.count < 8, case .corrupt(let problem) = error {
                #expect(problem.offset == 0, "\(place): too short, reported at \(problem.offset)")
            } else if bytes.count < 8 {
                Issue.record("\(place): a \(bytes.count)-byte file gave \(error)")
            }
            return false
        }
        do { try model.validate() } catch {
            if case .invalid = error {} else { Issue.record("\(place): validate() threw \(error)") }
        }
        do {
            let encoded = try model.encoded()
            let again = try Model(bytes: encoded)
            #expect(try again.encoded() == encoded, "\(place): a decoded survivor re-encodes to a fixed point")
        } catch {
            if case .tooLarge = error {} else { Issue.record("\(place): our own encoding failed: \(error)") }
        }
        return true
    }

    @Test func damagedIdentifierIsReportedAsNotTFLite() throws {
        let model = try #require(Self.models.first)
        var rng = SplitMix64(seed: 42)
        for _ in 0..<200 {
            var bytes = model.bytes
            bytes[4 + rng.below(4)] ^= UInt8(1 + rng.below(255))
            #expect(throws: ModelError.self) { try Model(bytes: bytes) }
            do { _ = try Model(bytes: bytes) } catch {
                guard case .notTFLite = error else { Issue.record("\(error)"); continue }
            }
        }
    }

    @Test func splitMix64MatchesItsPublishedSequence() {
        // First outputs for seed 1234567 from the reference C implementation (Vigna, splitmix64.c).
        var rng = SplitMix64(seed: 1_234_567)
        #expect(rng.next() == 6_457_827_717_110_365_317)
        #expect(rng.next() == 3_203_168_211_198_807_973)
        #expect(rng.next() == 9_817_491_932_198_370_423)
    }
}
