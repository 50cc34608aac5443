import Testing
import TerminalUI

@Suite struct CellBufferTests {
    @Test func characterWidthsFollowEastAsianWidthAndCombiningMarks() {
        #expect(Character("a").terminalWidth == 1)
        #expect(Character("漢").terminalWidth == 2)
        #expect(Character("ｱ").terminalWidth == 1)  // halfwidth katakana
        #expect(Character("Ａ").terminalWidth == 2)  // fullwidth A
        #expect(Character("한").terminalWidth == 2)
        #expect(Character("😀").terminalWidth == 2)
        #expect(Character("e\u{301}").terminalWidth == 1)
        #expect(Character("\u{301}").terminalWidth == 0)
        #expect(Character("\u{7}").terminalWidth == 0)
        #expect("日本語 ok".terminalWidth == 9)
    }

    @Test func writeClipsToTheRectAndReportsColumnsWritten() {
        let buffer = drawn(10, 2) { b in
            let n = b.write("abcdefgh", at: Point(x: 2, y: 0), clip: Rect(x: 0, y: 0, width: 6, height: 2))
            #expect(n == 4)
        }
        #expect(buffer.lines == ["  abcd    ", "          "])
    }

    @Test func writeStartingLeftOfTheClipShowsOnlyTheVisiblePart() {
        let buffer = drawn(6, 1) { b in
            b.write("abcdef", at: Point(x: -2, y: 0))
        }
        #expect(buffer.lines == ["cdef  "])
    }

    @Test func wideCharactersTakeTwoCellsAndCombiningMarksStayWithTheirLetter() {
        let buffer = drawn(8, 1) { b in
            b.write("漢e\u{301}字", at: Point(x: 0, y: 0))
        }
        #expect(buffer[0, 0].width == 2)
        #expect(buffer[1, 0].isContinuation)
        #expect(buffer[2, 0].character == "e\u{301}")
        #expect(buffer[3, 0].character == "字")
        #expect(buffer.lines == ["漢e\u{301}字   "])
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = drawn(6, 1) { b in b.write("漢字", at: Point(x: 0, y: 0)) }
        buffer.write("x", at: Point(x: 1, y: 0))   // right half of 漢
        buffer.write("y", at: Point(x: 2, y: 0))   // left half of 字
        #expect(buffer.lines == [" xy   "])
        #expect(!buffer[3, 0].isContinuation)
    }

    @Test func aWideCharacterThatWouldCrossTheClipEdgeIsNotWritten() {
        let buffer = drawn(5, 1) { b in
            let n = b.write("ab漢", at: Point(x: 2, y: 0))
            #expect(n == 2)
        }
        #expect(buffer.lines == ["  ab "])
    }

    @Test func fillAndPatchStyleTouchOnlyTheRect() {
        var buffer = drawn(4, 3) { b in b.fill(Rect(x: 1, y: 1, width: 2, height: 5), with: Cell("#")) }
        buffer.patchStyle(Rect(x: 0, y: 1, width: 2, height: 1), with: .reverse)
        #expect(buffer.text == "\n ##\n ##\n")
        #expect(buffer[0, 1].style == .reverse && buffer[1, 1].style == .reverse)
        #expect(buffer[2, 1].style == .plain)
    }

    @Test func spansDrawOverTheBaseStyleAndLinesAlign() {
        let line = Line([Span("ab", style: .color(.red)), Span("c", style: .bold)], alignment: .right)
        let buffer = drawn(6, 1) { b in b.write(line, in: b.bounds, base: .reverse) }
        #expect(buffer.lines == ["   abc"])
        #expect(buffer[3, 0].style == Style(foreground: .red, reverse: true))
        #expect(buffer[5, 0].style == Style(bold: true, reverse: true))
    }

    @Test func truncationEndsWithAnEllipsisWithinTheWidth() {
        #expect("quantize".truncated(to: 5) == "quan…")
        #expect("quantize".truncated(to: 8) == "quantize")
        #expect("漢字漢字".truncated(to: 4) == "漢…")
    }

    @Test func wrappingBreaksAtSpacesAndSplitsOnlyOverlongWords() {
        let rows = Line("the quick brown fox jumps").wrapped(to: 10).map(\.plainText)
        #expect(rows == ["the quick", "brown fox", "jumps"])
        #expect(Line("abcdefghij klm").wrapped(to: 4).map(\.plainText) == ["abcd", "efgh", "ij", "klm"])
        #expect(Line("a\nb").wrapped(to: 4).map(\.plainText) == ["a", "b"])
    }
}
