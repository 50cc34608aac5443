import Testing
@testable import Runtime

@Suite("BATCH_MATMUL reference kernel")
struct BatchMatMulTests {
    /// [[1,2,3],[4,5,6]] · [[7,8],[9,10],[11,12]] = [[58,64],[139,154]].
    private let product: [Float] = [58, 64, 139, 154]

    private func run(_ lhs: HeavyOpBuffer, _ rhs: HeavyOpBuffer, _ parameters: BatchMatMul.Parameters = .init()) throws -> (shape: [Int], values: [Float]) {
        let shape = try BatchMatMul.outputShape(lhs: lhs.shape, rhs: rhs.shape, parameters: parameters)
        let out = HeavyOpBuffer(zeros: shape)
        try BatchMatMul.compute(lhs: lhs.view, rhs: rhs.view, output: out.mutableView, parameters: parameters)
        return (shape, out.values)
    }

    @Test("Plain 2x3 by 3x2 product")
    func plain() throws {
        let result = try run(HeavyOpBuffer([2, 3], [1, 2, 3, 4, 5, 6]), HeavyOpBuffer([3, 2], [7, 8, 9, 10, 11, 12]))
        #expect(result.shape == [2, 2])
        #expect(result.values == product)
    }

    @Test("adj_x and adj_y transpose the stored matrices")
    func adjoints() throws {
        let lhsT = HeavyOpBuffer([3, 2], [1, 4, 2, 5, 3, 6]), rhsT = HeavyOpBuffer([2, 3], [7, 9, 11, 8, 10, 12])
        let lhs = HeavyOpBuffer([2, 3], [1, 2, 3, 4, 5, 6]), rhs = HeavyOpBuffer([3, 2], [7, 8, 9, 10, 11, 12])
        #expect(try run(lhsT, rhs, .init(adjointLHS: true)).values == product)
        #expect(try run(lhs, rhsT, .init(adjointRHS: true)).values == product)
        #expect(try run(lhsT, rhsT, .init(adjointLHS: true, adjointRHS: true)).values == product)
    }

    @Test("Batch dimensions broadcast after left-padding with ones")
    func broadcasting() throws {
        let base: [Float] = [1, 2, 3, 4, 5, 6], right: [Float] = [7, 8, 9, 10, 11, 12]
        let lhs = HeavyOpBuffer([2, 1, 2, 3], base + base.map { 2 * $0 })
        let rhs = HeavyOpBuffer([3, 3, 2], right + right.map { 2 * $0 } + right.map { 3 * $0 })
        let result = try run(lhs, rhs)
        #expect(result.shape == [2, 3, 2, 2])
        let expected = (1 ... 2).flatMap { i in (1 ... 3).flatMap { j in product.map { Float(i * j) * $0 } } }
        #expect(result.values == expected)
    }

    @Test("Mismatched inner or batch dimensions and bad ranks are rejected")
    func shapeErrors() {
        #expect(throws: ShapeError.self) { try BatchMatMul.outputShape(lhs: [2, 3], rhs: [2, 2], parameters: .init()) }
        #expect(throws: ShapeError.self) { try BatchMatMul.outputShape(lhs: [2, 2, 3], rhs: [3, 3, 2], parameters: .init()) }
        #expect(throws: ShapeError.self) { try BatchMatMul.outputShape(lhs: [3], rhs: [3, 2], parameters: .init()) }
        #expect(throws: ShapeError.self) { try BatchMatMul.outputShape(lhs: [1, 1, 1, 1, 2, 3], rhs: [3, 2], parameters: .init()) }
    }
}
