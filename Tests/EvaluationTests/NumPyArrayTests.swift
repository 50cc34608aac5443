import Testing

@testable import Evaluation

@Suite("NDArray values")
struct NumPyArrayTests {
    @Test func initializerRejectsDataThatDoesNotFitTheShape() {
        #expect(throws: NumPyError.self) { try NDArray(floats: [1, 2, 3], shape: [2, 2]) }
        #expect(throws: NumPyError.self) { try NDArray(dtype: .int16, shape: [3], data: [0, 0, 0, 0, 0]) }
        #expect(throws: NumPyError.self) { try NDArray(dtype: .uint8, shape: [-1], data: []) }
        #expect(throws: NumPyError.self) { try NDArray(dtype: .float64, shape: [1 << 40, 1 << 40], data: []) }
    }

    @Test func integerAndBoolArraysConvertToFloatsExactly() throws {
        #expect(try NDArray(int8s: [-128, 0, 127], shape: [3]).floats() == [-128, 0, 127])
        #expect(try NDArray(uint8s: [0, 255], shape: [2]).doubles() == [0, 255])
        #expect(try NDArray(bools: [true, false], shape: [2]).floats() == [1, 0])
        #expect(try NDArray(int64s: [-(1 << 40)], shape: [1]).floats() == [-0x1p40])
        #expect(try NDArray(doubles: [0.1], shape: [1]).floats() == [Float(0.1)])
    }

    @Test func float16BitsDecodeToTheirValues() throws {
        // 1.0, largest finite, smallest subnormal, −2, −∞, NaN.
        let half = try NDArray(float16Bits: [0x3C00, 0x7BFF, 0x0001, 0xC000, 0xFC00, 0x7E00], shape: [6])
        let floats = half.floats()
        #expect(Array(floats[0..<5]) == [1, 65504, 0x1p-24, -2, -.infinity])
        #expect(floats[5].isNaN)
    }

    @Test func intsRefuseFloatsAndValuesThatDoNotFit() throws {
        #expect(throws: NumPyError.self) { try NDArray(floats: [1], shape: [1]).ints() }
        #expect(throws: NumPyError.self) { try NDArray([UInt64.max], shape: [1]).ints() }
        #expect(try NDArray([UInt64(7)], shape: [1]).ints() == [7])
        #expect(throws: NumPyError.self) { try NDArray(int32s: [1], shape: [1]).values(as: Int64.self) }
        #expect(throws: NumPyError.self) { try NDArray(int32s: [1], shape: [1]).bools() }
    }

    @Test func subarrayAndElementFollowCOrder() throws {
        let array = try NDArray(int32s: Array(0..<6), shape: [2, 3])
        #expect(try array.subarray(at: 1).ints() == [3, 4, 5])
        #expect(array.subarray(at: 1).shape == [3])
        #expect(array.double(at: [1, 0]) == 3)
        #expect(array.double(at: [0, 2]) == 2)
        #expect(try array.rows(1..<2, source: "a") == NDArray(int32s: [3, 4, 5], shape: [1, 3]))
        #expect(throws: NumPyError.self) { try array.rows(1..<3, source: "a") }
        let scalar = try NDArray(floats: [4], shape: [])
        #expect(try scalar.rows(0..<1, source: "s") == scalar)
    }

    @Test func dtypeNamesAndTypeStringsAreNumpys() {
        #expect(DType.float32.descr == "<f4" && DType.bool.descr == "|b1" && DType.uint8.descr == "|u1")
        #expect(DType.float16.descr == "<f2" && DType.uint64.descr == "<u8")
        #expect(DType(rawValue: "int16") == .int16)
        #expect(DType.parse(descr: ">i4")! == (.int32, true))
        #expect(DType.parse(descr: ">u1")! == (.uint8, false))
        #expect(DType.parse(descr: "|f4") == nil && DType.parse(descr: "<c8") == nil)
    }
}
