extension Line {
    /// The line broken into lines of at most `width` columns: at spaces where possible, inside a
    /// word only when the word alone is too long; `\n` always breaks. Spaces at a break vanish.
    public func wrapped(to width: Int) -> [Line] {
        guard width > 0 else { return [] }
        var output: [[(Character, Style)]] = []
        var current: [(Character, Style)] = []
        var currentWidth = 0

        func emit() {
            while current.last?.0 == " " { current.removeLast() }
            output.append(current)
            current = []
            currentWidth = 0
        }

        for span in spans {
            for character in span.text {
                if character == "\n" { emit(); continue }
                let w = character.terminalWidth
                if w == 0 { continue }
                if currentWidth + w > width {
                    if character == " " { emit(); continue }
                    if let space = current.lastIndex(where: { $0.0 == " " }) {
                        let carried = Array(current[(space + 1)...])
                        current.removeSubrange(space...)
                        emit()
                        current = carried
                        currentWidth = carried.reduce(0) { $0 + $1.0.terminalWidth }
                    } else {
                        emit()
                    }
                }
                if character == " " && current.isEmpty && !output.isEmpty { continue }
                current.append((character, span.style))
                currentWidth += w
            }
        }
        emit()
        return output.map { Line(spans(from: $0), alignment: alignment) }
    }

    private func spans(from characters: [(Character, Style)]) -> [Span] {
        var result: [Span] = []
        for (character, style) in characters {
            if let last = result.last, last.style == style {
                result[result.count - 1].text.append(character)
            } else {
                result.append(Span(String(character), style: style))
            }
        }
        return result
    }
}
