import Testing
import TerminalUI

@Suite struct BufferDiffTests {
    let base = drawn(8, 2) { b in b.write("abcdefgh", at: Point(x: 0, y: 0)) }

    @Test func identicalBuffersNeedNoRedraw() {
        #expect(base.changes(from: base).isEmpty)
    }

    @Test func adjacentChangesMergeIntoOneRunAndDistantOnesDoNot() {
        var next = base
        next.write("XY", at: Point(x: 2, y: 0))
        next.write("Z", at: Point(x: 6, y: 0))
        next.write("W", at: Point(x: 0, y: 1))
        let runs = next.changes(from: base)
        #expect(runs.map(\.start) == [Point(x: 2, y: 0), Point(x: 6, y: 0), Point(x: 0, y: 1)])
        #expect(runs.map { String($0.cells.map(\.character)) } == ["XY", "Z", "W"])
    }

    @Test func aStyleChangeAloneIsAChange() {
        var next = base
        next.patchStyle(Rect(x: 7, y: 0, width: 1, height: 1), with: .bold)
        #expect(next.changes(from: base) == [CellRun(start: Point(x: 7, y: 0), cells: [Cell("h", style: .bold)])])
    }

    @Test func aChangedWideCharacterIsRedrawnWholeEvenWhenOnlyItsRightHalfDiffers() {
        let old = drawn(4, 1) { b in b.write("a漢", at: Point(x: 0, y: 0)) }
        let new = drawn(4, 1) { b in b.write("a字", at: Point(x: 0, y: 0)) }
        let runs = new.changes(from: old)
        #expect(runs.count == 1)
        #expect(runs.first?.start == Point(x: 1, y: 0))
        #expect(runs.first?.cells.count == 2)
        // A narrow character replacing the right half: the run starts on the old wide character.
        let half = drawn(4, 1) { b in b.write("a漢", at: Point(x: 0, y: 0)); b.write("z", at: Point(x: 2, y: 0)) }
        #expect(half.changes(from: old).first?.start == Point(x: 1, y: 0))
    }

    @Test func aDifferentSizeRedrawsEveryRow() {
        let bigger = CellBuffer(size: Size(width: 9, height: 3))
        let runs = bigger.changes(from: base)
        #expect(runs.count == 3)
        #expect(runs.allSatisfy { $0.start.x == 0 && $0.cells.count == 9 })
    }

    @Test func applyingTheRunsToTheOldBufferGivesTheNewOne() {
        var next = base
        next.write("漢", at: Point(x: 3, y: 0))
        next.write("q", at: Point(x: 5, y: 1))
        var replay = base
        for run in next.changes(from: base) {
            for (i, cell) in run.cells.enumerated() where !cell.isContinuation {
                replay.set(cell, at: Point(x: run.start.x + i, y: run.start.y))
            }
        }
        #expect(replay == next)
    }
}
