import Testing
@testable import Runtime

/// Hand-computed cases for the int8 kernels (and LiteRT BUILTIN_REF values where the arithmetic
/// is too intricate to follow by hand, as noted).
struct QuantizedKernelTests {
    private func run<T, U>(_ input: [T], shape: [Int], outputCount: Int? = nil, initial: U,
                           _ body: (TensorView<T>, MutableTensorView<U>) -> Void) -> [U] {
        var output = [U](repeating: initial, count: outputCount ?? input.count)
        input.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                body(TensorView(shape: shape, base: x.baseAddress!), MutableTensorView(shape: [y.count], base: y.baseAddress!))
            }
        }
        return output
    }

    @Test func quantizeRoundsHalfAwayFromZeroAndClamps() {
        let values: [Float] = [0.25, -0.25, 0.75, -0.75, 0.1, 1000, -1000]
        let q = run(values, shape: [7], initial: Int8(0)) { QuantizeOp.quantize($0, AffineQuantization(scale: 0.5, zeroPoint: 3), into: $1) }
        // 0.25/0.5 = 0.5 → 1, −0.5 → −1, 1.5 → 2, −1.5 → −2, 0.2 → 0; then + 3; ±2000 clamp.
        #expect(q == [4, 2, 5, 1, 3, 127, -128])
    }

    @Test func requantizeRescalesAndRoundsTies() {
        // s_in/s_out = 0.5 is the Q31 multiplier 2³⁰ with shift 0, so the only rounding is
        // SaturatingRoundingDoublingHighMul's, ties toward +∞: 3 → 1.5 → 2, −3 → −1.5 → −1; + zp 1.
        let q = run([Int8(3), -3, 4, 100], shape: [4], initial: Int8(0)) {
            QuantizeOp.requantize($0, input: AffineQuantization(scale: 0.5, zeroPoint: 0),
                                  output: AffineQuantization(scale: 1, zeroPoint: 1), into: $1)
        }
        #expect(q == [3, 0, 3, 51])
    }

    @Test func addRequantizesBothInputsToTheOutputScale() throws {
        let a: [Int8] = [4, 1, 0, 120], b: [Int8] = [4, 0, -2, 120]
        let parameters = try QuantizedAddParameters(input1: AffineQuantization(scale: 0.5, zeroPoint: 0),
                                                input2: AffineQuantization(scale: 0.25, zeroPoint: 0),
                                                output: AffineQuantization(scale: 1, zeroPoint: 10),
                                                activation: .none, Int8.self)
        var out = [Int8](repeating: 0, count: 4)
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in out.withUnsafeMutableBufferPointer { z in
            QuantizedElementwise.add(TensorView(shape: [4], base: x.baseAddress!), TensorView(shape: [4], base: y.baseAddress!),
                                     parameters, into: MutableTensorView(shape: [4], base: z.baseAddress!))
        } } }
        // 2 + 1 = 3; 0.5 → 1 and −0.5 → −1 (the final right shift rounds ties away from zero);
        // 60 + 30 = 90; then + zp 10.
        #expect(out == [13, 11, 9, 100])
    }

    @Test func activationBoundsThatOverflowInt32AreRefusedNotTrapped() {
        // RELU6 at an output scale of 1e-12: 6 / 1e-12 overflows int32, which TFLite's Prepare
        // refuses ("no_integer_overflow_from_quantization"); so must the ADD/MUL parameters.
        let tiny = AffineQuantization(scale: 1e-12, zeroPoint: 0), unit = AffineQuantization(scale: 1, zeroPoint: 0)
        #expect(throws: ShapeError.self) { try QuantizedAddParameters(input1: unit, input2: unit, output: tiny, activation: .relu6, Int8.self) }
        #expect(throws: ShapeError.self) { try QuantizedMulParameters(input1: unit, input2: unit, output: tiny, activation: .relu6, Int16.self) }
        #expect(throws: Never.self) { try QuantizedAddParameters(input1: unit, input2: unit, output: tiny, activation: .none, Int8.self) }
    }

    @Test func mulMultipliesCentredValuesAndClamps() throws {
        let a: [Int8] = [3, 5, 127], b: [Int8] = [1, -4, 127]
        let parameters = try QuantizedMulParameters(input1: AffineQuantization(scale: 0.5, zeroPoint: 1),
                                                input2: AffineQuantization(scale: 0.5, zeroPoint: -1),
                                                output: AffineQuantization(scale: 0.25, zeroPoint: 0),
                                                activation: .none, Int8.self)
        var out = [Int8](repeating: 0, count: 3)
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in out.withUnsafeMutableBufferPointer { z in
            QuantizedElementwise.mul(TensorView(shape: [3], base: x.baseAddress!), TensorView(shape: [3], base: y.baseAddress!),
                                     parameters, into: MutableTensorView(shape: [3], base: z.baseAddress!))
        } } }
        // 1.0·1.0 = 1 → 4; 2.0·(−1.5) = −3 → −12; 63·64 clamps to 127.
        #expect(out == [4, -12, 127])
    }

    @Test func averagePoolRoundsHalfAwayFromZero() {
        let parameters = PoolParameters(filterHeight: 1, filterWidth: 2, strideHeight: 1, strideWidth: 2, padding: .valid)
        let q = run([Int8(1), 2, -1, -2, 3, 4], shape: [1, 1, 6, 1], outputCount: 3, initial: Int8(0)) {
            QuantizedPooling.averagePool($0, parameters, range: -128...127, into: $1)
        }
        #expect(q == [2, -2, 4])   // 1.5 → 2, −1.5 → −2, 3.5 → 4
    }

    @Test func softmaxMatchesLiteRTReferenceOnTinyRows() {
        // Expected values: LiteRT 2.3 BUILTIN_REF on Tests/Fixtures/models/quantized/softmax_int8.tflite
        // (input scale 0.079117164, output 1/256 zp −128), run once and recorded here.
        let input: [Int8] = [-128, 0, 10, 20, 127, 127, 0, 0, 0, 0, 0, 0, -100, -90, -80, -70, -60, -50]
        let table = Int8SoftmaxTable(SoftmaxScaling(beta: 1, inputScale: 0.079117164))
        let q = run(input, shape: [3, 6], initial: Int8(0)) { QuantizedSoftmax.softmax($0, table, into: $1) }
        #expect(q == [-128, -128, -128, -128, 0, 0, -85, -85, -85, -85, -85, -85, -125, -122, -115, -99, -64, 13])
    }

    @Test func int8TableRoundsTheFloatFunction() {
        // Identity through scale 0.5 → 1: q_out = round(0.5·(q − zp)) with ties away from zero.
        let table = LookupTable.int8(input: AffineQuantization(scale: 0.5, zeroPoint: 1), output: AffineQuantization(scale: 1, zeroPoint: 0)) { $0 }
        let q = run([Int8(2), 0, -128, 127], shape: [4], initial: Int8(0)) { LookupTable.apply(table, $0, into: $1) }
        #expect(q == [1, -1, -65, 63])
    }
}
