import Testing
@testable import Runtime

/// Runs a one-input kernel on copies of `input` and returns the output values.
func runReference<T, U>(
    _ input: [T], _ shape: [Int], outputShape: [Int], fill: U,
    _ kernel: (TensorView<T>, MutableTensorView<U>) -> Void
) -> [U] {
    let source = copied(input)
    let result = copied([U](repeating: fill, count: outputShape.reduce(1, *)))
    defer { source.deallocate(); result.deallocate() }
    kernel(TensorView(shape: shape, base: source), MutableTensorView(shape: outputShape, base: result))
    return Array(UnsafeBufferPointer(start: result, count: outputShape.reduce(1, *)))
}

/// Runs a two-input kernel on copies of `a` and `b` and returns the output values.
func runReference<T, U>(
    _ a: [T], _ aShape: [Int], _ b: [T], _ bShape: [Int], outputShape: [Int], fill: U,
    _ kernel: (TensorView<T>, TensorView<T>, MutableTensorView<U>) -> Void
) -> [U] {
    let second = copied(b)
    defer { second.deallocate() }
    return runReference(a, aShape, outputShape: outputShape, fill: fill) { first, output in
        kernel(first, TensorView(shape: bShape, base: second), output)
    }
}

/// True when every pair differs by at most `tolerance` relative to the expected magnitude (NaN
/// matches NaN).
func isClose(_ actual: [Float], _ expected: [Float], tolerance: Float = 1e-6) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { a, e in
        (a.isNaN && e.isNaN) || a == e || abs(a - e) <= tolerance * max(1, abs(e))
    }
}

private func copied<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
    let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(values.count, 1))
    pointer.initialize(from: values, count: values.count)
    return pointer
}

@Suite("Broadcast: NumPy/TFLite shape rules")
struct BroadcastTests {
    @Test func alignsShapesAtTheirLastDimension() throws {
        #expect(try Broadcast.outputShape([2, 3], [3]) == [2, 3])
        #expect(try Broadcast.outputShape([4, 1, 3], [2, 1]) == [4, 2, 3])
        #expect(try Broadcast.outputShape([], [2, 2]) == [2, 2])
        #expect(try Broadcast.outputShape([1], [5, 1, 1]) == [5, 1, 1])
        #expect(try Broadcast.outputShape([2, 1, 4, 1, 3, 1], [1, 5, 3, 7]) == [2, 1, 4, 5, 3, 7])
    }

    @Test func zeroSizedDimensionBroadcastsAgainstOne() throws {
        #expect(try Broadcast.outputShape([0, 3], [1, 3]) == [0, 3])
    }

    @Test func rejectsIncompatibleDimensionsNamingBothShapes() {
        #expect {
            try Broadcast.outputShape([2, 3], [4])
        } throws: { error in
            let message = (error as? ShapeError)?.message ?? ""
            return message.contains("[2, 3]") && message.contains("[4]") && message.contains("3 and 4")
        }
    }

    @Test func rejectsRankAboveSix() {
        #expect(throws: ShapeError.self) { try Broadcast.outputShape([1, 1, 1, 1, 1, 1, 2], [2]) }
    }

    @Test func broadcastDimensionsGetZeroStride() {
        #expect(Broadcast.strides(of: [3], broadcastTo: [2, 3]) == [0, 1])
        #expect(Broadcast.strides(of: [4, 1, 3], broadcastTo: [4, 2, 3]) == [3, 0, 1])
        #expect(Broadcast.strides(of: [2, 1], broadcastTo: [3, 2, 5]) == [0, 1, 0])
    }

    @Test func visitsOutputInRowMajorOrderWithOperandIndices() {
        var visits: [[Int]] = []
        Broadcast.forEachIndex([2, 1], [1, 3], outputShape: [2, 3]) { o, a, b in visits.append([o, a, b]) }
        #expect(visits == [[0, 0, 0], [1, 0, 1], [2, 0, 2], [3, 1, 0], [4, 1, 1], [5, 1, 2]])
    }

    @Test func scalarOutputIsVisitedOnceAndEmptyOutputNever() {
        var count = 0
        Broadcast.forEachIndex([], [], outputShape: []) { _, _, _ in count += 1 }
        #expect(count == 1)
        Broadcast.forEachIndex([0, 3], [3], outputShape: [0, 3]) { _, _, _ in count += 1 }
        #expect(count == 1)
    }
}
