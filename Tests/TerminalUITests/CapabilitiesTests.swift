import Testing
import TerminalUI

@Suite struct CapabilitiesTests {
    @Test func unicodeOnlyForAUTF8Codeset() {
        #expect(TerminalCapabilities.detect(codeset: "UTF-8", terminalHasColors: true, environment: [:]).charset == .unicode)
        #expect(TerminalCapabilities.detect(codeset: "utf8", terminalHasColors: true, environment: [:]).charset == .unicode)
        #expect(TerminalCapabilities.detect(codeset: "ANSI_X3.4-1968", terminalHasColors: true, environment: [:]).charset == .ascii)
        #expect(TerminalCapabilities.detect(codeset: "ISO-8859-1", terminalHasColors: true, environment: [:]).charset == .ascii)
    }

    @Test func noColorSetAndNonEmptyTurnsColoursOff() {
        #expect(TerminalCapabilities.detect(codeset: "UTF-8", terminalHasColors: true, environment: ["NO_COLOR": "1"]).colors == false)
        #expect(TerminalCapabilities.detect(codeset: "UTF-8", terminalHasColors: true, environment: ["NO_COLOR": ""]).colors == true)
        #expect(TerminalCapabilities.detect(codeset: "UTF-8", terminalHasColors: false, environment: [:]).colors == false)
    }

    @Test func asciiFallbackTurnsBoxesIntoPlusMinusBar() {
        let box = drawn(6, 3) { b in b.render(Block(title: "T"), in: b.bounds) }
        #expect(Charset.ascii.translate(box).text == "+ T -+\n|    |\n+----+\n")
        let heavy = drawn(4, 2) { b in b.render(Block(borders: .heavy), in: b.bounds) }
        #expect(Charset.ascii.translate(heavy).text == "+==+\n+==+\n")
    }

    @Test func asciiFallbackKeepsColumnsForWideAndUnknownCharacters() {
        let buffer = drawn(6, 1) { b in b.write("漢é█…", at: Point(x: 0, y: 0)) }
        #expect(Charset.ascii.translate(buffer).lines == ["???#~ "])
    }

    @Test func monochromeDropsColoursButKeepsAttributes() {
        let buffer = drawn(3, 1) { b in
            b.write("ab", at: Point(x: 0, y: 0), style: Style(foreground: .red, background: .blue, bold: true))
            b.write("c", at: Point(x: 2, y: 0), style: Style(foreground: .green, reverse: true))
        }
        let mono = TerminalCapabilities(charset: .unicode, colors: false).adapt(buffer)
        #expect(mono.lines == buffer.lines)
        #expect(mono[0, 0].style == .bold)
        #expect(mono[2, 0].style == .reverse)
        #expect(TerminalCapabilities.full.adapt(buffer) == buffer)
    }
}
