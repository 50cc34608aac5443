import Testing
@testable import Runtime

private func binary(_ op: BinaryOperator, _ a: [Float], _ aShape: [Int], _ b: [Float], _ bShape: [Int],
                    activation: FusedActivation = .none) throws -> [Float] {
    let shape = try Elementwise.binaryOutputShape(aShape, bShape)
    return runReference(a, aShape, b, bShape, outputShape: shape, fill: Float(-999)) { x, y, out in
        Elementwise.binary(op, x, y, activation: activation, into: out)
    }
}

private func integer(_ op: IntegerBinaryOperator, _ a: [Int32], _ aShape: [Int], _ b: [Int32], _ bShape: [Int],
                     activation: FusedActivation = .none) throws -> [Int32] {
    let shape = try Elementwise.binaryOutputShape(aShape, bShape)
    return runReference(a, aShape, b, bShape, outputShape: shape, fill: Int32(-999)) { x, y, out in
        Elementwise.binary(op, x, y, activation: activation, into: out)
    }
}

private func unary(_ op: UnaryOperator, _ x: [Float]) -> [Float] {
    runReference(x, [x.count], outputShape: [x.count], fill: Float(-999)) { Elementwise.unary(op, $0, into: $1) }
}

@Suite("Elementwise: binary and unary float/int32 math")
struct ElementwiseTests {
    @Test func addBroadcastsRowAcrossMatrix() throws {
        let result = try binary(.add, [1, 2, 3, 4, 5, 6], [2, 3], [10, 20, 30], [3])
        #expect(result == [11, 22, 33, 14, 25, 36])
    }

    @Test func addBroadcastsColumnAgainstRow() throws {
        // [2,1] + [1,3] → [2,3]: out[i][j] = a[i] + b[j].
        #expect(try binary(.add, [1, 2], [2, 1], [10, 20, 30], [1, 3]) == [11, 21, 31, 12, 22, 32])
    }

    @Test func subtractAppliesFusedRelu() throws {
        #expect(try binary(.sub, [1, 5, -3], [3], [2, 1, 0], [3], activation: .relu) == [0, 4, 0])
    }

    @Test func multiplyByScalarAppliesRelu6() throws {
        #expect(try binary(.mul, [1, 2, 3, 4], [2, 2], [3], [], activation: .relu6) == [3, 6, 6, 6])
    }

    @Test func divideAppliesReluN1To1() throws {
        #expect(try binary(.div, [1, -4, 3], [3], [2, 2, -6], [3], activation: .reluN1To1) == [0.5, -1, -0.5])
    }

    @Test func noActivationStillClampsInfinityToLargestFloat() throws {
        // TFLite clamps to [lowest, max] even without an activation (LiteRT 2.3 BUILTIN_REF
        // returns ±3.4028235e38 for 1/0, −1/0 and 3e38 + 3e38).
        let result = try binary(.div, [1, -1], [2], [0, 0], [2])
        #expect(result == [.greatestFiniteMagnitude, -.greatestFiniteMagnitude])
        #expect(try binary(.add, [3e38], [1], [3e38], [1]) == [.greatestFiniteMagnitude])
    }

    @Test func fusedTanhIsNotAppliedByArithmeticOps() throws {
        // TFLite's CalculateActivationRange gives tanh no clamp range.
        #expect(try binary(.add, [1, 2], [2], [2, 3], [2], activation: .tanh) == [3, 5])
    }

    @Test func maximumAndMinimumBroadcastAndIgnoreActivation() throws {
        #expect(try binary(.maximum, [1, 5, 3, -2], [2, 2], [2, 0], [2, 1], activation: .relu6) == [2, 5, 3, 0])
        #expect(try binary(.minimum, [1, 5, 3, -2], [2, 2], [2, 0], [2, 1]) == [1, 2, 0, -2])
    }

    @Test func maximumReturnsSecondOperandUnlessFirstIsGreater() throws {
        // TFLite: el1 > el2 ? el1 : el2, so NaN survives only as the second operand.
        let result = try binary(.maximum, [.nan, 1], [2], [1, .nan], [2])
        #expect(result[0] == 1 && result[1].isNaN)
    }

    @Test func squaredDifferenceBroadcasts() throws {
        #expect(try binary(.squaredDifference, [1, 5, -2], [3], [4], [1]) == [9, 1, 36])
    }

    @Test func sixDimensionalBroadcast() throws {
        // a: [2,1,1,1,1,2], b: [1,1,1,1,3,1] → [2,1,1,1,3,2]; out[i,j,k] = a[i,k] + b[j].
        let result = try binary(.add, [1, 2, 3, 4], [2, 1, 1, 1, 1, 2], [10, 20, 30], [1, 1, 1, 1, 3, 1])
        #expect(result == [11, 12, 21, 22, 31, 32, 13, 14, 23, 24, 33, 34])
    }

    @Test func incompatibleShapesThrow() {
        #expect(throws: ShapeError.self) { try Elementwise.binaryOutputShape([2, 3], [2]) }
    }

    @Test func int32ArithmeticWrapsAndBroadcasts() throws {
        #expect(try integer(.add, [.max, 1], [2], [1], [1]) == [.min, 2])
        #expect(try integer(.sub, [.min], [1], [1], [1]) == [.max])
        #expect(try integer(.mul, [1, 2, 3, 4, 5, 6], [2, 3], [2, 3], [2, 1]) == [2, 4, 6, 12, 15, 18])
    }

    @Test func int32ActivationsClampToTheirRanges() throws {
        #expect(try integer(.sub, [1, 9], [2], [4, 1], [2], activation: .relu) == [0, 8])
        #expect(try integer(.add, [1, 9], [2], [4, 1], [2], activation: .relu6) == [5, 6])
        #expect(try integer(.mul, [-3, 0, 3], [3], [1], [1], activation: .reluN1To1) == [-1, 0, 1])
    }

    @Test func int32MaximumAndMinimum() throws {
        #expect(try integer(.maximum, [1, 7], [2], [4], [1]) == [4, 7])
        #expect(try integer(.minimum, [1, 7], [2], [4], [1]) == [1, 4])
    }

    @Test func unaryMath() {
        #expect(isClose(unary(.exp, [0, 1, -1]), [1, 2.7182817, 0.36787945]))
        #expect(unary(.sqrt, [4, 0, 2.25]) == [2, 0, 1.5])
        #expect(unary(.rsqrt, [4, 0.25]) == [0.5, 2])
        #expect(unary(.abs, [-2, 3, -0.5]) == [2, 3, 0.5])
        #expect(unary(.neg, [-2, 3]) == [2, -3])
        #expect(unary(.square, [-3, 0.5]) == [9, 0.25])
        #expect(unary(.sqrt, [-1])[0].isNaN)
        #expect(unary(.rsqrt, [0]) == [.infinity])
    }
}
