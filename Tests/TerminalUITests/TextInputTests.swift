import Testing
import TerminalUI

@Suite struct TextInputTests {
    @Test func typingInsertsAtTheCursorAndBackspaceDeletesBeforeIt() {
        var input = TextInput("mdel")
        _ = input.handle(.left); _ = input.handle(.left); _ = input.handle(.left)
        #expect(input.handle(.character("o")) == .edited)
        #expect(input.text == "model" && input.cursor == 2)
        _ = input.handle(.end); _ = input.handle(.space); _ = input.handle(.character("é"))
        #expect(input.text == "model é")
        _ = input.handle(.backspace)
        _ = input.handle(.home); _ = input.handle(.delete)
        #expect(input.text == "odel " && input.cursor == 0)
        #expect(input.handle(.backspace) == .edited && input.text == "odel ")
    }

    @Test func keysThatAreNotEditingAreLeftToTheCaller() {
        var input = TextInput("x")
        #expect(input.handle(.enter) == .ignored)
        #expect(input.handle(.escape) == .ignored)
        #expect(input.handle(.up) == .ignored)
        #expect(input.text == "x")
    }

    @Test func tabTakesTheOnlyCompletion() {
        var input = TextInput("mod")
        #expect(input.handle(.tab, complete: { _ in ["models/"] }) == .edited)
        #expect(input.text == "models/" && input.cursor == 7)
    }

    @Test func tabExtendsToTheCommonPrefixAndReportsTheCandidates() {
        var input = TextInput("m")
        var asked: [String] = []
        let outcome = input.handle(.tab) { text in
            asked.append(text)
            return ["mnist_int8.tflite", "mnist_float.tflite"]
        }
        #expect(asked == ["m"])
        #expect(outcome == .completions(["mnist_int8.tflite", "mnist_float.tflite"]))
        #expect(input.text == "mnist_")
    }

    @Test func ctrlUClears() {
        var input = TextInput("abc")
        _ = input.handle(.control("u"))
        #expect(input == TextInput())
    }

    @Test func theFieldScrollsToKeepTheCursorVisibleAndReversesTheCursorCell() {
        let buffer = drawn(12, 1) { b in
            b.render(TextField(TextInput("models/mobilenet.tflite"), style: .plain), in: b.bounds)
        }
        // 11 characters before the cursor fit, plus the cursor cell.
        #expect(buffer.lines == ["enet.tflite "])
        #expect(buffer[11, 0].style == .reverse)
        #expect(buffer[10, 0].style == .plain)
    }
}
