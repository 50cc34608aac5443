import Testing
@testable import Runtime

/// Owns the memory behind test tensor views of any element type; read results back through
/// `values(_:)` so the owner stays alive while the views are used.
final class ScratchTensors {
    private var blocks: [UnsafeMutableRawPointer] = []

    func input<T>(_ values: [T], _ shape: [Int]) -> TensorView<T> {
        TensorView(shape: shape, base: UnsafePointer(store(values)))
    }

    func output<T>(_ shape: [Int], fill: T) -> MutableTensorView<T> {
        MutableTensorView(shape: shape, base: store([T](repeating: fill, count: shape.reduce(1, *))))
    }

    func values<T>(_ view: MutableTensorView<T>) -> [T] { Array(view.buffer) }

    private func store<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
        let block = UnsafeMutablePointer<T>.allocate(capacity: max(values.count, 1))
        block.initialize(from: values, count: values.count)
        blocks.append(UnsafeMutableRawPointer(block))
        return block
    }

    deinit { blocks.forEach { $0.deallocate() } }
}

@Suite("Layout: RESHAPE, SQUEEZE, EXPAND_DIMS, SHAPE")
struct LayoutTests {
    @Test func reshapeResolvesOneMinusOne() throws {
        #expect(try Layout.reshapeOutputShape(input: [2, 3, 4], target: [4, -1]) == [4, 6])
        #expect(try Layout.reshapeOutputShape(input: [2, 3, 4], target: [-1]) == [24])
        #expect(try Layout.reshapeOutputShape(input: [1, 1], target: []) == [])
    }

    @Test func reshapeOfEmptyTensorGivesZeroForMinusOne() throws {
        #expect(try Layout.reshapeOutputShape(input: [0, 3], target: [-1, 3]) == [0, 3])
        #expect(try Layout.reshapeOutputShape(input: [0, 3], target: [3, -1]) == [3, 0])
    }

    @Test func reshapeRejectsMismatchAndTwoMinusOnes() {
        #expect(throws: ShapeError.self) { try Layout.reshapeOutputShape(input: [2, 3], target: [4, -1]) }
        #expect(throws: ShapeError.self) { try Layout.reshapeOutputShape(input: [2, 3], target: [5]) }
        #expect(throws: ShapeError.self) { try Layout.reshapeOutputShape(input: [2, 3], target: [-1, -1]) }
        #expect(throws: ShapeError.self) { try Layout.reshapeOutputShape(input: [2, 3], target: [-2, -3]) }
    }

    @Test func reshapeTargetPrefersVectorShapeTensorOverOptions() {
        let scratch = ScratchTensors()
        let vector: TensorView<Int32> = scratch.input([-1], [1])
        #expect(Layout.reshapeTarget(shapeTensor: vector, newShapeOption: [2, 3]) == [-1])
        let matrix: TensorView<Int32> = scratch.input([2, 3], [1, 2])
        #expect(Layout.reshapeTarget(shapeTensor: matrix, newShapeOption: [3, 2]) == [3, 2])
        #expect(Layout.reshapeTarget(shapeTensor: nil, newShapeOption: [6]) == [6])
        #expect(Layout.reshapeTarget(shapeTensor: nil, newShapeOption: [0]) == [])  // legacy scalar
        let empty: TensorView<Int32> = scratch.input([], [0])
        #expect(Layout.reshapeTarget(shapeTensor: empty, newShapeOption: [1]) == [])
    }

    @Test func copyMovesDataAndRejectsWrongCount() throws {
        let scratch = ScratchTensors()
        let input: TensorView<Int8> = scratch.input([1, 2, 3, 4, 5, 6], [2, 3])
        let output = scratch.output([3, 2], fill: Int8(0))
        try Layout.copy(input, into: output)
        #expect(scratch.values(output) == [1, 2, 3, 4, 5, 6])
        #expect(throws: ShapeError.self) { try Layout.copy(input, into: scratch.output([5], fill: 0)) }
    }

    @Test func squeezeRemovesListedOrAllUnitDimensions() throws {
        #expect(try Layout.squeezeOutputShape(input: [1, 3, 1, 2], squeezeDims: []) == [3, 2])
        #expect(try Layout.squeezeOutputShape(input: [1, 3, 1, 2], squeezeDims: [-2]) == [1, 3, 2])
        #expect(try Layout.squeezeOutputShape(input: [1, 3, 1, 2], squeezeDims: [0, 2, 0]) == [3, 2])
        #expect(throws: ShapeError.self) { try Layout.squeezeOutputShape(input: [1, 3], squeezeDims: [1]) }
        #expect(throws: ShapeError.self) { try Layout.squeezeOutputShape(input: [1, 3], squeezeDims: [2]) }
    }

    @Test func expandDimsAcceptsNegativeAxes() throws {
        #expect(try Layout.expandDimsOutputShape(input: [2, 3], axis: 0) == [1, 2, 3])
        #expect(try Layout.expandDimsOutputShape(input: [2, 3], axis: 2) == [2, 3, 1])
        #expect(try Layout.expandDimsOutputShape(input: [2, 3], axis: -1) == [2, 3, 1])
        #expect(try Layout.expandDimsOutputShape(input: [2, 3], axis: -3) == [1, 2, 3])
        #expect(throws: ShapeError.self) { try Layout.expandDimsOutputShape(input: [2, 3], axis: 3) }
        #expect(throws: ShapeError.self) { try Layout.expandDimsOutputShape(input: [2, 3], axis: -4) }
    }

    @Test func shapeWritesInt32AndInt64() throws {
        #expect(Layout.shapeOutputShape(input: [2, 7, 5]) == [3])
        let scratch = ScratchTensors()
        let out32 = scratch.output([3], fill: Int32(0))
        try Layout.shape(of: [2, 7, 5], into: out32)
        #expect(scratch.values(out32) == [2, 7, 5])
        let out64 = scratch.output([2], fill: Int64(0))
        try Layout.shape(of: [9, 1], into: out64)
        #expect(scratch.values(out64) == [9, 1])
        #expect(throws: ShapeError.self) { try Layout.shape(of: [9, 1], into: scratch.output([3], fill: Int64(0))) }
        #expect(throws: ShapeError.self) { try Layout.shape(of: [300], into: scratch.output([1], fill: Int8(0))) }
    }

    @Test func stridedCopyMergesContiguousDimensions() {
        // A [2, 3, 4] tensor sliced [1:2, :, 1:3] by hand: rows 1 of batch 1 → 13, 14, 17, 18, 21, 22.
        let source = Array(0..<24)
        var out = [Int](repeating: -1, count: 6)
        source.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                Layout.copyStrided(from: src.baseAddress!, offset: 13, counts: [1, 3, 2], steps: [12, 4, 1], to: dst.baseAddress!)
            }
        }
        #expect(out == [13, 14, 17, 18, 21, 22])
        var whole = [Int](repeating: -1, count: 24)
        source.withUnsafeBufferPointer { src in
            whole.withUnsafeMutableBufferPointer { dst in
                Layout.copyStrided(from: src.baseAddress!, offset: 0, counts: [2, 3, 4], steps: [12, 4, 1], to: dst.baseAddress!)
            }
        }
        #expect(whole == source)
    }
}
