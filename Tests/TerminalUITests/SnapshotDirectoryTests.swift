import Foundation
import Testing
import TerminalUI

@Suite struct SnapshotDirectoryTests {
    let directory = SnapshotDirectory(url: FileManager.default.temporaryDirectory
        .appendingPathComponent("tui-snapshots-\(UUID().uuidString)"))

    @Test func aMissingSnapshotFailsUntilRecordedThenMatches() {
        #expect(directory.check("a\n", named: "s", environment: [:]) == .missing(path: directory.url.appendingPathComponent("s.txt").path))
        #expect(directory.check("a\n", named: "s", environment: ["UPDATE_SNAPSHOTS": "1"]) == .recorded)
        #expect(directory.check("a\n", named: "s", environment: [:]) == .matched)
        try? FileManager.default.removeItem(at: directory.url)
    }

    @Test func aMismatchNamesTheFirstDifferingLine() {
        _ = directory.check("one\ntwo\nthree\n", named: "m", environment: ["UPDATE_SNAPSHOTS": "1"])
        let outcome = directory.check("one\nTWO\nthree\n", named: "m", environment: [:])
        #expect(outcome == .mismatch(path: directory.url.appendingPathComponent("m.txt").path, line: 2,
                                     expected: "two", actual: "TWO"))
        try? FileManager.default.removeItem(at: directory.url)
    }
}
