import Testing
import TerminalUI

@Suite struct LayoutTests {
    @Test func fixedSegmentsKeepTheirLengthAndLeaveTheRestUnused() {
        #expect(Layout.lengths(total: 20, constraints: [.fixed(5), .fixed(3)]) == [5, 3])
    }

    @Test func minSegmentsShareTheLeftoverEquallyEarlierOnesTakingTheRemainder() {
        // 30 - 10 fixed = 20 left; mins want 4 + 4, so 12 spare: 6 each.
        #expect(Layout.lengths(total: 30, constraints: [.min(4), .fixed(10), .min(4)]) == [10, 10, 10])
        // 11 spare over two mins: 6 and 5.
        #expect(Layout.lengths(total: 11, constraints: [.min(0), .min(0)]) == [6, 5])
    }

    @Test func ratiosRoundDownAndTheLastRatioTakesTheRoundingLoss() {
        // 10/3 = 3, 20/3 = 6, one cell left goes to the last ratio.
        #expect(Layout.lengths(total: 10, constraints: [.ratio(1, 3), .ratio(2, 3)]) == [3, 7])
    }

    @Test func whenSpaceRunsOutLaterSegmentsShrinkToEmpty() {
        #expect(Layout.lengths(total: 7, constraints: [.fixed(5), .fixed(5), .min(2)]) == [5, 2, 0])
    }

    @Test func spacingIsTakenBeforeSizingAndSeparatesTheRects() {
        let area = Rect(x: 2, y: 1, width: 21, height: 4)
        let parts = area.split(.horizontal, [.fixed(5), .min(0), .fixed(5)], spacing: 1)
        #expect(parts == [Rect(x: 2, y: 1, width: 5, height: 4),
                          Rect(x: 8, y: 1, width: 9, height: 4),
                          Rect(x: 18, y: 1, width: 5, height: 4)])
    }

    @Test func verticalSplitStacksRows() {
        let parts = Rect(x: 0, y: 0, width: 80, height: 24).split(.vertical, [.fixed(1), .min(0), .fixed(1)])
        #expect(parts.map(\.y) == [0, 1, 23])
        #expect(parts.map(\.height) == [1, 22, 1])
        #expect(parts.allSatisfy { $0.width == 80 })
    }

    @Test func paddingShrinksEachSideAndNeverGoesNegative() {
        let r = Rect(x: 0, y: 0, width: 10, height: 5)
        #expect(r.inset(by: Padding(top: 1, right: 2, bottom: 0, left: 3)) == Rect(x: 3, y: 1, width: 5, height: 4))
        #expect(r.inset(by: .all(4)).isEmpty)
    }

    @Test func centeredRectRoundsTowardTopLeftAndClampsToTheArea() {
        let r = Rect(x: 0, y: 0, width: 11, height: 6)
        #expect(r.centered(width: 4, height: 3) == Rect(x: 3, y: 1, width: 4, height: 3))
        #expect(r.centered(width: 50, height: 50) == r)
    }

    @Test func sizeFitsOnlyWhenBothSidesAreLargeEnough() {
        let minimum = Size(width: 80, height: 24)
        #expect(Size(width: 80, height: 24).fits(minimum))
        #expect(!Size(width: 100, height: 23).fits(minimum))
        #expect(!Size(width: 79, height: 30).fits(minimum))
    }

    @Test func scrollingMovesOnlyAsFarAsNeededToShowTheSelection() {
        #expect(Scrolling.offset(selected: 7, offset: 0, visible: 5, count: 20) == 3)
        #expect(Scrolling.offset(selected: 4, offset: 3, visible: 5, count: 20) == 3)
        #expect(Scrolling.offset(selected: 1, offset: 3, visible: 5, count: 20) == 1)
        #expect(Scrolling.offset(selected: nil, offset: 30, visible: 5, count: 20) == 15)
        #expect(Scrolling.offset(selected: 2, offset: 3, visible: 5, count: 4) == 0)
    }
}
