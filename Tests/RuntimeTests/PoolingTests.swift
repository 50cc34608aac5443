import Testing
@testable import Runtime

private func pool(_ max: Bool, _ x: [Float], _ shape: [Int], _ p: PoolParameters) throws -> [Float] {
    let outShape = try Pooling.outputShape(input: shape, p)
    return runReference(x, shape, outputShape: outShape, fill: Float(-999)) { input, output in
        if max { Pooling.maxPool(input, p, into: output) } else { Pooling.averagePool(input, p, into: output) }
    }
}

@Suite("Pooling: SAME/VALID padding, AVERAGE_POOL_2D, MAX_POOL_2D")
struct PoolingTests {
    private func padding(_ padding: Padding, _ input: Int, _ filter: Int, _ stride: Int, dilation: Int = 1) throws -> WindowPadding {
        try computePadding(padding, inputHeight: input, inputWidth: input, filterHeight: filter, filterWidth: filter,
                           strideHeight: stride, strideWidth: stride, dilationHeight: dilation, dilationWidth: dilation)
    }

    @Test func sameWithOddTotalPutsExtraAfter() throws {
        // in 4, filter 3, stride 2: out ⌈4/2⌉ = 2, total (2−1)·2 + 3 − 4 = 1 → 0 before, 1 after.
        let p = try padding(.same, 4, 3, 2)
        #expect(p == WindowPadding(top: 0, bottom: 1, left: 0, right: 1, outputHeight: 2, outputWidth: 2))
    }

    @Test func sameWithEvenTotalSplitsEvenly() throws {
        // in 5, filter 3, stride 2: out 3, total 2·2 + 3 − 5 = 2 → 1 and 1.
        #expect(try padding(.same, 5, 3, 2) == WindowPadding(top: 1, bottom: 1, left: 1, right: 1, outputHeight: 3, outputWidth: 3))
        // Even filter: in 4, filter 2, stride 1 → out 4, total 3 + 2 − 4 = 1.
        #expect(try padding(.same, 4, 2, 1) == WindowPadding(top: 0, bottom: 1, left: 0, right: 1, outputHeight: 4, outputWidth: 4))
    }

    @Test func sameWithLargeStrideNeverPadsNegatively() throws {
        // in 5, filter 1, stride 3: out 2, total 3 + 1 − 5 = −1 → 0.
        #expect(try padding(.same, 5, 1, 3) == WindowPadding(top: 0, bottom: 0, left: 0, right: 0, outputHeight: 2, outputWidth: 2))
    }

    @Test func validCountsOnlyWholeWindows() throws {
        // in 5, filter 3, stride 2: out (5 + 2 − 3)/2 = 2, no padding.
        #expect(try padding(.valid, 5, 3, 2) == WindowPadding(top: 0, bottom: 0, left: 0, right: 0, outputHeight: 2, outputWidth: 2))
    }

    @Test func dilationWidensTheEffectiveFilter() throws {
        // filter 3, dilation 2 → effective 5. SAME in 5 stride 1: out 5, total 4 + 5 − 5 = 4.
        #expect(try padding(.same, 5, 3, 1, dilation: 2) == WindowPadding(top: 2, bottom: 2, left: 2, right: 2, outputHeight: 5, outputWidth: 5))
        // VALID in 7: out (7 + 1 − 5)/1 = 3.
        #expect(try padding(.valid, 7, 3, 1, dilation: 2).outputHeight == 3)
    }

    @Test func heightAndWidthAreIndependent() throws {
        let p = try computePadding(.same, inputHeight: 4, inputWidth: 5, filterHeight: 3, filterWidth: 3, strideHeight: 2, strideWidth: 2)
        #expect(p == WindowPadding(top: 0, bottom: 1, left: 1, right: 1, outputHeight: 2, outputWidth: 3))
    }

    @Test func impossibleWindowsThrow() {
        #expect(throws: ShapeError.self) { try padding(.valid, 2, 3, 1) }
        #expect(throws: ShapeError.self) { try padding(.same, 4, 3, 0) }
        #expect(throws: ShapeError.self) { try padding(.same, 4, 0, 1) }
        #expect(throws: ShapeError.self) { try padding(.same, 4, 3, 1, dilation: 0) }
    }

    // 1×3×3×1 input 1…9, 2×2 windows, stride 2, SAME: out 2×2, one padding row/column after.
    private let grid: [Float] = [1, 2, 3, 4, 5, 6, 7, 8, 9]
    private let sameTwoByTwo = PoolParameters(filterHeight: 2, filterWidth: 2, strideHeight: 2, strideWidth: 2, padding: .same)

    @Test func averageCountsOnlyInBoundsTaps() throws {
        // Windows {1,2,4,5}, {3,6}, {7,8}, {9}.
        #expect(try pool(false, grid, [1, 3, 3, 1], sameTwoByTwo) == [3, 4.5, 7.5, 9])
    }

    @Test func maxOverSameWindows() throws {
        #expect(try pool(true, grid, [1, 3, 3, 1], sameTwoByTwo) == [5, 6, 8, 9])
    }

    @Test func fusedActivationClampsPooledValues() throws {
        var p = sameTwoByTwo
        p.activation = .relu6
        #expect(try pool(true, grid, [1, 3, 3, 1], p) == [5, 6, 6, 6])
        let negated = grid.map { -$0 }
        #expect(try pool(false, negated, [1, 3, 3, 1], p) == [0, 0, 0, 0])
    }

    @Test func poolsEachBatchAndChannelSeparately() throws {
        // 2×2×2×2 (batch, h, w, c), VALID 2×2: one window per batch and channel.
        let x: [Float] = [1, 10, 2, 20, 3, 30, 4, 40, -1, -10, -2, -20, -3, -30, -4, -40]
        let p = PoolParameters(filterHeight: 2, filterWidth: 2, strideHeight: 1, strideWidth: 1, padding: .valid)
        #expect(try pool(false, x, [2, 2, 2, 2], p) == [2.5, 25, -2.5, -25])
        #expect(try pool(true, x, [2, 2, 2, 2], p) == [4, 40, -1, -10])
    }

    @Test func outputShapeAndRankCheck() throws {
        let p = PoolParameters(filterHeight: 3, filterWidth: 3, strideHeight: 2, strideWidth: 2, padding: .valid)
        #expect(try Pooling.outputShape(input: [1, 7, 5, 8], p) == [1, 3, 2, 8])
        #expect(throws: ShapeError.self) { try Pooling.outputShape(input: [7, 5, 8], p) }
    }
}
