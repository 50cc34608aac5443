import Testing
@testable import Runtime

private func cast<S: CastElement, D: CastElement>(_ x: [S], to: D.Type, fill: D) -> [D] {
    runReference(x, [x.count], outputShape: [x.count], fill: fill) { Conversions.cast($0, into: $1) }
}

private func dequantize<Q: QuantizedElement>(_ x: [Q], _ shape: [Int], _ p: DequantizationParameters) throws -> [Float] {
    let outShape = try Conversions.dequantizeOutputShape(input: shape, p)
    return runReference(x, shape, outputShape: outShape, fill: Float(-999)) { Conversions.dequantize($0, p, into: $1) }
}

@Suite("Conversions: CAST and DEQUANTIZE")
struct ConversionsTests {
    @Test func floatToIntTruncatesTowardZeroAndSaturates() {
        // LiteRT 2.3 gives [max, min, max, −2, 2, 2147483520] for [1e10, −1e10, NaN, −2.7, 2.7, 2147483520].
        let result = cast([1e10, -1e10, .nan, -2.7, 2.7, 2147483520] as [Float], to: Int32.self, fill: 0)
        #expect(result == [.max, .min, .max, -2, 2, 2147483520])
    }

    @Test func floatToUInt8Saturates() {
        #expect(cast([300, -5, 255.9, .nan, 3.99] as [Float], to: UInt8.self, fill: 7) == [255, 0, 255, 255, 3])
        #expect(cast([-129.5, 127.9] as [Float], to: Int8.self, fill: 7) == [-128, 127])
        #expect(cast([1e20, -0.99] as [Float], to: Int64.self, fill: 7) == [.max, 0])
    }

    @Test func integerNarrowingWraps() {
        // static_cast keeps the low bits: 300 → 44, −129 → 127, 70000 → 4464.
        #expect(cast([300, -129, 127] as [Int32], to: Int8.self, fill: 0) == [44, 127, 127])
        #expect(cast([70000, -1] as [Int64], to: Int16.self, fill: 0) == [4464, -1])
        #expect(cast([-1, 256] as [Int32], to: UInt8.self, fill: 0) == [255, 0])
        #expect(cast([200] as [UInt8], to: Int16.self, fill: 0) == [200])
    }

    @Test func integerToFloatRoundsToNearestEven() {
        // 2^24 + 1 and 2^24 + 3 lie halfway between floats; ties go to the even one.
        #expect(cast([16_777_217, 16_777_219, -7] as [Int64], to: Float.self, fill: 0) == [16_777_216, 16_777_220, -7])
    }

    @Test func boolConversions() {
        #expect(cast([0, -0.0, 0.5, .nan] as [Float], to: Bool.self, fill: false) == [false, false, true, true])
        #expect(cast([true, false] as [Bool], to: Int32.self, fill: 9) == [1, 0])
        #expect(cast([true, false] as [Bool], to: Float.self, fill: 9) == [1, 0])
        #expect(cast([0, -3] as [Int16], to: Bool.self, fill: false) == [false, true])
    }

    @Test func dequantizePerTensor() throws {
        // 0.5 · (q + 1).
        let int8 = try dequantize([-128, -1, 0, 127] as [Int8], [4], DequantizationParameters(scale: 0.5, zeroPoint: -1))
        #expect(int8 == [-63.5, 0, 0.5, 64])
        let uint8 = try dequantize([0, 128, 255] as [UInt8], [3], DequantizationParameters(scale: 0.25, zeroPoint: 128))
        #expect(uint8 == [-32, 0, 31.75])
        let int16 = try dequantize([-32768, 32767] as [Int16], [2], DequantizationParameters(scale: 1.0 / 32768, zeroPoint: 0))
        let largest: Float = 32767.0 / 32768
        #expect(int16 == [-1, largest])
    }

    @Test func dequantizeRoundsTheDoubleProductOnce() throws {
        // float(double(0.1f) · 3) = 0.3f.
        #expect(try dequantize([3] as [Int8], [1], DequantizationParameters(scale: 0.1, zeroPoint: 0)) == [0.3])
    }

    @Test func dequantizePerAxis() throws {
        // Shape [2,3], axis 1: scales [1,2,4], zero points [0,1,−1].
        let p = DequantizationParameters(scales: [1, 2, 4], zeroPoints: [0, 1, -1], quantizedDimension: 1)
        #expect(try dequantize([1, 1, 1, 2, 3, 4] as [Int8], [2, 3], p) == [1, 0, 8, 2, 4, 20])
        // Axis 0 of [2,2]: rows scaled by 0.5 and 3.
        let rows = DequantizationParameters(scales: [0.5, 3], zeroPoints: [0, 0], quantizedDimension: 0)
        #expect(try dequantize([2, 4, 2, 4] as [Int8], [2, 2], rows) == [1, 2, 6, 12])
    }

    @Test func dequantizePerAxisMustMatchTheChannelCount() {
        let p = DequantizationParameters(scales: [1, 2], zeroPoints: [0, 0], quantizedDimension: 1)
        #expect(throws: ShapeError.self) { try Conversions.dequantizeOutputShape(input: [2, 3], p) }
        let unmatched = DequantizationParameters(scales: [1, 2], zeroPoints: [0], quantizedDimension: 0)
        #expect(throws: ShapeError.self) { try Conversions.dequantizeOutputShape(input: [2, 3], unmatched) }
        let badAxis = DequantizationParameters(scales: [1, 2], zeroPoints: [0, 0], quantizedDimension: 2)
        #expect(throws: ShapeError.self) { try Conversions.dequantizeOutputShape(input: [2, 3], badAxis) }
    }

    @Test func dequantizeFloat16Bits() {
        // 0x3C00 = 1, 0xC000 = −2, 0x3555 = 1365/4096, 0x7BFF = 65504, 0x0001 = 2^−24, 0x7C00 = ∞.
        let bits: [UInt16] = [0x3C00, 0xC000, 0x3555, 0x7BFF, 0x0001, 0x7C00]
        let result = runReference(bits, [6], outputShape: [6], fill: Float(-999)) { Conversions.dequantizeFloat16($0, into: $1) }
        #expect(result == [1, -2, 0.333251953125, 65504, 0x1p-24, .infinity])
    }
}
