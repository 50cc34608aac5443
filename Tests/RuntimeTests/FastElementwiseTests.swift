import Testing
@testable import Runtime

private func fastBinary(_ op: BinaryOperator, _ a: [Float], _ b: [Float], _ activation: FusedActivation = .none) -> [Float] {
    var out = [Float](repeating: -999, count: a.count)
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            out.withUnsafeMutableBufferPointer {
                FastElementwise.binary(op, pa.baseAddress!, pb.baseAddress!, count: a.count, activation: activation, into: $0.baseAddress!)
            }
        }
    }
    return out
}

@Suite("FastElementwise: same-shape float ADD, SUB, MUL")
struct FastElementwiseTests {
    @Test func combinesElementsAndClampsToTheActivation() {
        let a: [Float] = [1, -2, 3.5, 10], b: [Float] = [2, 1, -4, 0.5]
        #expect(fastBinary(.add, a, b) == [3, -1, -0.5, 10.5])
        #expect(fastBinary(.sub, a, b) == [-1, -3, 7.5, 9.5])
        #expect(fastBinary(.mul, a, b) == [2, -2, -14, 5])
        #expect(fastBinary(.add, a, b, .relu6) == [3, 0, 0, 6])
        #expect(fastBinary(.mul, a, b, .reluN1To1) == [1, -1, -1, 1])
    }

    @Test func onlyAddSubMulHaveAFastPath() {
        #expect([BinaryOperator.add, .sub, .mul].allSatisfy(FastElementwise.handles))
        #expect(![BinaryOperator.div, .maximum, .minimum, .squaredDifference].contains(where: FastElementwise.handles))
    }

    @Test func matchesReferenceBitForBit() {
        var rng = HeavyOpRandom(seed: 0xADD)
        let shape = [1, 7, 7, 37]
        let a = (0..<shape.reduce(1, *)).map { _ in Float.random(in: -9...9, using: &rng) }
        let b = (0..<shape.reduce(1, *)).map { _ in Float.random(in: -9...9, using: &rng) }
        for op in [BinaryOperator.add, .sub, .mul] {
            for activation in [FusedActivation.none, .relu, .relu6] {
                var reference = [Float](repeating: -999, count: a.count)
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in
                        reference.withUnsafeMutableBufferPointer {
                            Elementwise.binary(op, TensorView(shape: shape, base: pa.baseAddress!), TensorView(shape: shape, base: pb.baseAddress!),
                                               activation: activation, into: MutableTensorView(shape: shape, base: $0.baseAddress!))
                        }
                    }
                }
                #expect(fastBinary(op, a, b, activation) == reference, "\(op) \(activation)")
            }
        }
    }
}
