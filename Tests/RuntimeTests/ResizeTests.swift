import Testing
@testable import Runtime

private func bilinear(_ x: [Float], _ shape: [Int], _ p: ResizeParameters) throws -> [Float] {
    let outShape = try Resize.outputShape(input: shape, p, bilinear: true)
    return runReference(x, shape, outputShape: outShape, fill: Float(-999)) { Resize.bilinear($0, p, into: $1) }
}

private func nearest<T>(_ x: [T], _ shape: [Int], _ p: ResizeParameters, fill: T) throws -> [T] {
    let outShape = try Resize.outputShape(input: shape, p, bilinear: false)
    return runReference(x, shape, outputShape: outShape, fill: fill) { Resize.nearestNeighbor($0, p, into: $1) }
}

@Suite("Resize: RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR coordinates")
struct ResizeTests {
    // A 1×1×2×1 row [0, 10] widened to 4 columns isolates the x coordinate mapping.
    private let row: [Float] = [0, 10]

    @Test func bilinearDefaultScalesByInOverOut() throws {
        // scale 2/4: x → 0, 0.5, 1, 1.5; the last neighbour is clamped to column 1.
        #expect(try bilinear(row, [1, 1, 2, 1], ResizeParameters(height: 1, width: 4)) == [0, 5, 10, 10])
    }

    @Test func bilinearAlignCornersMapsCornerToCorner() throws {
        // scale (2−1)/(4−1) = 1/3: x → 0, 1/3, 2/3, 1.
        let result = try bilinear(row, [1, 1, 2, 1], ResizeParameters(height: 1, width: 4, alignCorners: true))
        let expected: [Float] = [0, 10.0 / 3, 20.0 / 3, 10]
        #expect(isClose(result, expected))
    }

    @Test func bilinearHalfPixelCentersClampsOutsideCoordinates() throws {
        // (x + 0.5)·0.5 − 0.5 → −0.25, 0.25, 0.75, 1.25; −0.25 reads column 0 twice, 1.25 column 1.
        let result = try bilinear(row, [1, 1, 2, 1], ResizeParameters(height: 1, width: 4, halfPixelCenters: true))
        #expect(result == [0, 2.5, 7.5, 10])
    }

    @Test func bilinearTwoByTwoToThreeByThree() throws {
        // [[0,10],[20,30]], scale 2/3: source rows/cols 0, 2/3, 4/3 (the last clamps to 1).
        // Centre: 0·(1/3)(1/3) + 20·(2/3)(1/3) + 10·(1/3)(2/3) + 30·(2/3)(2/3) = 20.
        let result = try bilinear([0, 10, 20, 30], [1, 2, 2, 1], ResizeParameters(height: 3, width: 3))
        let third: Float = 1.0 / 3
        let expected: [Float] = [0, 20 * third, 10, 40 * third, 20, 70 * third, 20, 80 * third, 30]
        #expect(isClose(result, expected, tolerance: 1e-5))
    }

    @Test func bilinearKeepsChannelsAndBatchesApart() throws {
        // 2 batches × 1×2 × 2 channels, doubled in width with align_corners (midpoints).
        let x: [Float] = [0, 100, 2, 200, 10, -10, 20, -20]
        let result = try bilinear(x, [2, 1, 2, 2], ResizeParameters(height: 1, width: 3, alignCorners: true))
        #expect(result == [0, 100, 1, 150, 2, 200, 10, -10, 15, -15, 20, -20])
    }

    @Test func bilinearRejectsAlignCornersWithHalfPixelCenters() throws {
        let p = ResizeParameters(height: 2, width: 2, alignCorners: true, halfPixelCenters: true)
        #expect(throws: ShapeError.self) { try Resize.outputShape(input: [1, 2, 2, 1], p, bilinear: true) }
        #expect(try Resize.outputShape(input: [1, 2, 2, 1], p, bilinear: false) == [1, 2, 2, 1])
    }

    @Test func shapeChecks() throws {
        #expect(try Resize.outputShape(input: [2, 4, 4, 3], ResizeParameters(height: 8, width: 6), bilinear: true) == [2, 8, 6, 3])
        #expect(throws: ShapeError.self) { try Resize.outputShape(input: [4, 4, 3], ResizeParameters(height: 8, width: 8), bilinear: true) }
        #expect(throws: ShapeError.self) { try Resize.outputShape(input: [1, 4, 4, 3], ResizeParameters(height: 0, width: 8), bilinear: false) }
    }

    // Nearest neighbour on a 1×1×3×1 row [1, 2, 3] widened to 5 columns (scale 3/5 = 0.6).
    private let three: [Float] = [1, 2, 3]

    @Test func nearestDefaultFloors() throws {
        // ⌊0.6x⌋ = 0, 0, 1, 1, 2.
        #expect(try nearest(three, [1, 1, 3, 1], ResizeParameters(height: 1, width: 5), fill: 0) == [1, 1, 2, 2, 3])
    }

    @Test func nearestAlignCornersRoundsHalfAwayFromZero() throws {
        // scale 2/4: round(0, 0.5, 1, 1.5, 2) = 0, 1, 1, 2, 2.
        let p = ResizeParameters(height: 1, width: 5, alignCorners: true)
        #expect(try nearest(three, [1, 1, 3, 1], p, fill: 0) == [1, 2, 2, 3, 3])
    }

    @Test func nearestHalfPixelCentersOffsetsByHalf() throws {
        // ⌊(x + 0.5)·0.6⌋ = ⌊0.3, 0.9, 1.5, 2.1, 2.7⌋ = 0, 0, 1, 2, 2.
        let p = ResizeParameters(height: 1, width: 5, halfPixelCenters: true)
        #expect(try nearest(three, [1, 1, 3, 1], p, fill: 0) == [1, 1, 2, 3, 3])
    }

    @Test func nearestDownsamplingPicksCentresWithHalfPixel() throws {
        // 4 → 2, scale 2: default ⌊0, 2⌋ → columns 0, 2; half-pixel ⌊1, 3⌋ → columns 1, 3.
        let x: [Int8] = [1, 2, 3, 4]
        #expect(try nearest(x, [1, 1, 4, 1], ResizeParameters(height: 1, width: 2), fill: 0) == [1, 3])
        #expect(try nearest(x, [1, 1, 4, 1], ResizeParameters(height: 1, width: 2, halfPixelCenters: true), fill: 0) == [2, 4])
    }

    @Test func nearestCopiesWholePixelsIn2D() throws {
        // 2×2×2 channels → 4×4: each input pixel becomes a 2×2 block (scale 1/2, floor).
        let x: [Float] = [1, -1, 2, -2, 3, -3, 4, -4]
        let result = try nearest(x, [1, 2, 2, 2], ResizeParameters(height: 4, width: 4), fill: 0)
        func pixel(_ y: Int, _ x: Int) -> [Float] {
            let start = (y * 4 + x) * 2
            return Array(result[start..<start + 2])
        }
        #expect(pixel(0, 1) == [1, -1])
        #expect(pixel(1, 2) == [2, -2])
        #expect(pixel(2, 0) == [3, -3])
        #expect(pixel(3, 3) == [4, -4])
    }
}
