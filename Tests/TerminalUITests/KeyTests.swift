import Foundation
import Testing
import TerminalUI

@Suite struct KeyTests {
    @Test func controlBytesBecomeNamedKeys() {
        #expect(Key(scalar: "\t") == .tab)
        #expect(Key(scalar: "\r") == .enter)
        #expect(Key(scalar: "\n") == .enter)
        #expect(Key(scalar: "\u{1B}") == .escape)
        #expect(Key(scalar: "\u{7F}") == .backspace)
        #expect(Key(scalar: "\u{8}") == .backspace)
        #expect(Key(scalar: " ") == .space)
        #expect(Key(scalar: "\u{3}") == .ctrlC)
        #expect(Key(scalar: "\u{1}") == .control("a"))
        #expect(Key(scalar: "\u{0}") == nil)
    }

    @Test func printableCharactersIncludingNonASCIIAreCharacters() {
        #expect(Key(scalar: "q") == .character("q"))
        #expect(Key(scalar: "?") == .character("?"))
        #expect(Key(scalar: "é") == .character("é"))
        #expect(Key(scalar: "漢") == .character("漢"))
    }

    /// The key codes, read from the installed `<ncursesw/curses.h>` rather than restated.
    static func headerKeyCodes() throws -> [String: Int32] {
        let header = try String(contentsOfFile: "/usr/include/ncursesw/curses.h", encoding: .utf8)
        var codes: [String: Int32] = [:]
        for line in header.split(separator: "\n") where line.hasPrefix("#define KEY_") {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count >= 3, parts[2].hasPrefix("0"), let value = Int32(parts[2], radix: 8) else { continue }
            codes[String(parts[1])] = value
        }
        return codes
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/include/ncursesw/curses.h")))
    func cursesKeyCodesFromTheHeaderDecodeToTheirKeys() throws {
        let codes = try Self.headerKeyCodes()
        let expected: [String: Key] = [
            "KEY_UP": .up, "KEY_DOWN": .down, "KEY_LEFT": .left, "KEY_RIGHT": .right,
            "KEY_HOME": .home, "KEY_END": .end, "KEY_PPAGE": .pageUp, "KEY_NPAGE": .pageDown,
            "KEY_BACKSPACE": .backspace, "KEY_DC": .delete, "KEY_ENTER": .enter,
            "KEY_BTAB": .backTab, "KEY_RESIZE": .resize,
        ]
        for (name, key) in expected {
            let code = try #require(codes[name], "\(name) not in header")
            #expect(Key(cursesKeyCode: code) == key, "\(name)")
        }
        let f0 = try #require(codes["KEY_F0"])
        #expect(Key(cursesKeyCode: f0 + 5) == .function(5))
        #expect(Key(cursesKeyCode: try #require(codes["KEY_MOUSE"])) == nil)
    }
}
