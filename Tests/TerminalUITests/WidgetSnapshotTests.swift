import Testing
import TerminalUI

/// Widgets drawn at fixed sizes against hand-written golden files in `Snapshots/`.
@Suite struct WidgetSnapshotTests {
    static let recipes: [Line] = ["float16", "dynamic int8", "full int8", "int16x8", "prune 50%", "cluster 16"]

    @Test func listInABlockScrollsToTheSelectionAndMarksHiddenRows() {
        let buffer = drawn(24, 6) { b in
            let block = Block(title: "Recipes")
            b.render(block, in: b.bounds)
            b.render(ListView(Self.recipes, selected: 4), in: block.inner(b.bounds))
        }
        #expect(snapshots.check(buffer.text, named: "list-in-block-24x6") == .matched)
        #expect(buffer[2, 4].style.reverse)    // selected row
        #expect(!buffer[2, 3].style.reverse)
    }

    @Test func tableSizesColumnsAlignsThemAndCutsLongCells() {
        let table = Table(
            columns: [TableColumn("Op", width: .min(8)), TableColumn("Error", width: .fixed(8), alignment: .right),
                      TableColumn("Type", width: .fixed(6))],
            rows: [["CONV_2D", "0.0123", "int8"], ["DEPTHWISE_CONV_2D", "0.5", "int16"], ["FULLY_CONNECTED", "1.25", "float"]],
            selected: 2)
        let buffer = drawn(30, 4) { b in b.render(table, in: b.bounds) }
        #expect(snapshots.check(buffer.text, named: "table-30x4") == .matched)
        #expect(buffer[0, 0].style.bold && buffer[0, 0].style.underline)
        #expect(buffer[29, 3].style.reverse)   // the whole selected row
    }

    @Test func progressBarsShowFillPercentAndETA() {
        let buffer = drawn(40, 3) { b in
            b.render(ProgressBar(label: "int8", fraction: 0.5, eta: .seconds(65)), in: b.bounds.row(0))
            b.render(ProgressBar(label: "calibrate", fraction: 1.0), in: b.bounds.row(1))
            b.render(ProgressBar(label: "x", fraction: 0.333, eta: .milliseconds(1500)), in: b.bounds.row(2))
        }
        #expect(snapshots.check(buffer.text, named: "progress-40x3") == .matched)
    }

    @Test func durationTextRoundsUpToWholeSeconds() {
        #expect(DurationText.clock(.seconds(59)) == "0:59")
        #expect(DurationText.clock(.milliseconds(59_001)) == "1:00")
        #expect(DurationText.clock(.seconds(3_725)) == "1:02:05")
        #expect(DurationText.clock(.seconds(-3)) == "0:00")
    }

    static func gauges() -> CellBuffer {
        drawn(21, 2) { b in
            b.render(IntervalGauge(value: 0.5, interval: 0.4...0.7, scale: 0...1), in: b.bounds.row(0))
            b.render(IntervalGauge(value: 0.25, scale: 0...1), in: b.bounds.row(1))
        }
    }

    @Test func intervalGaugeDrawsTheIntervalHeavyAndTheValueAsACross() {
        #expect(snapshots.check(Self.gauges().text, named: "gauge-21x2") == .matched)
    }

    @Test func asciiFallbackKeepsTheIntervalDistinctFromTheScale() {
        let ascii = Charset.ascii.translate(Self.gauges())
        #expect(snapshots.check(ascii.text, named: "gauge-21x2-ascii") == .matched)
    }

    @Test func dialogIsCentredWithWrappedMessageAndTheSelectedButtonBracketed() {
        let dialog = Dialog(title: "Overwrite?", message: "model_int8.tflite exists. Replace it?",
                            buttons: ["Replace", "Cancel"], selectedButton: 1, width: 30)
        let buffer = drawn(40, 10) { b in
            b.fill(b.bounds, with: Cell("%"))
            b.render(dialog, in: b.bounds)
        }
        // The box is cleared; the background outside it stays. Compare with the background blanked.
        var cleared = buffer
        for y in 0..<10 { for x in 0..<40 where buffer[x, y].character == "%" { cleared.set(.blank, at: Point(x: x, y: y)) } }
        #expect(snapshots.check(cleared.text, named: "dialog-40x10") == .matched)
        #expect(buffer[4, 2].character == "%" && buffer[35, 7].character == "%")
        #expect(buffer[10, 3].character == "e")   // "model…" starts at column 7
    }

    @Test func dialogWithAnInputShowsTheFieldBelowTheMessage() {
        let dialog = Dialog(title: "Save", message: "Output path:", input: TextInput("out.tflite"),
                            buttons: ["Save"], width: 30)
        let buffer = drawn(40, 10) { b in b.render(dialog, in: b.bounds) }
        let frame = dialog.frame(in: buffer.bounds)
        // 1 message row + blank + field + blank + buttons + frame = 7 rows, centred in 10 at y 1.
        #expect(frame == Rect(x: 5, y: 1, width: 30, height: 7))
        #expect(buffer.lines[2] == "     ║ Output path:               ║     ")
        #expect(buffer.lines[4] == "     ║ out.tflite                 ║     ")
        #expect(buffer.lines[6] == "     ║          [ Save ]          ║     ")
    }

    @Test func tabsAndAHelpBarThatDropsHintsThatDontFit() {
        let hints = [KeyHint("q", "quit"), KeyHint("?", "help"), KeyHint("↑↓", "move"), KeyHint("Tab", "pane")]
        let buffer = drawn(40, 2) { b in
            b.render(Tabs(["Model", "Deltas", "Layers"], selected: 1), in: b.bounds.row(0))
            b.render(HelpBar(hints), in: Rect(x: 0, y: 1, width: 30, height: 1))
        }
        #expect(snapshots.check(buffer.text, named: "tabs-helpbar-40x2") == .matched)
        #expect(buffer[9, 0].style == Style(bold: true, reverse: true))   // "Deltas"
        #expect(buffer[0, 1].style.bold && !buffer[2, 1].style.bold)
    }

    @Test func tooSmallScreenAsksForTheMinimumSize() {
        let buffer = TooSmallScreen.render(size: Size(width: 40, height: 12), minimum: Size(width: 80, height: 24))
        #expect(snapshots.check(buffer.text, named: "too-small-40x12") == .matched)
    }

    @Test func helpOverlayListsSectionsWithAlignedKeys() {
        let overlay = HelpOverlay(sections: [
            HelpSection("Move", [KeyHint("↑/k", "up"), KeyHint("Tab", "next pane")]),
            HelpSection("Act", [KeyHint("s", "save")]),
        ])
        let buffer = drawn(30, 9) { b in b.render(overlay, in: b.bounds) }
        // Content: "Move", "  ↑/k  up", "  Tab  next pane", "", "Act", "  s    save" → 6 rows + frame = 8,
        // widest line 16 + 4 = 20 wide, centred in 30×9 at (5, 0).
        #expect(buffer.lines[0] == "     ╭ Keys ────────────╮     ")
        #expect(buffer.lines[3] == "     │   Tab  next pane │     ")
        #expect(buffer.lines[6] == "     │   s    save      │     ")
        #expect(buffer.lines[7] == "     ╰──────────────────╯     ")
    }

    @Test func paragraphWrapsAndScrolls() {
        let buffer = drawn(10, 2) { b in
            b.render(Paragraph("the quick brown fox jumps"), in: b.bounds)
        }
        #expect(buffer.text == "the quick\nbrown fox\n")
        let scrolled = drawn(10, 2) { b in
            b.render(Paragraph([Line("the quick brown fox jumps")], scroll: 1), in: b.bounds)
        }
        #expect(scrolled.text == "brown fox\njumps\n")
    }
}
