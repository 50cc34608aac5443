/// The subset of Python literals that `.npy` headers use: a dict of strings, booleans,
/// integers, tuples and lists (lists appear in structured dtypes, which we then reject).
indirect enum PythonLiteral {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case none
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    case dict([(key: String, value: PythonLiteral)])

    /// Parses `text` as exactly one literal followed only by whitespace.
    /// Throws a message naming the character position of the problem.
    static func parse(_ text: String) throws(PythonLiteralError) -> PythonLiteral {
        var parser = Parser(chars: Array(text.unicodeScalars))
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.position == parser.chars.count else { throw parser.fail("unexpected text after the literal") }
        return value
    }
}

/// A header text that is not a literal we understand, with the character position.
struct PythonLiteralError: Error {
    let message: String
    let position: Int
}

private struct Parser {
    let chars: [Unicode.Scalar]
    var position = 0

    func fail(_ message: String) -> PythonLiteralError { PythonLiteralError(message: message, position: position) }

    mutating func skipSpace() {
        while position < chars.count, chars[position].properties.isWhitespace { position += 1 }
    }

    mutating func peek() -> Unicode.Scalar? {
        skipSpace()
        return position < chars.count ? chars[position] : nil
    }

    mutating func expect(_ scalar: Unicode.Scalar) throws(PythonLiteralError) {
        guard peek() == scalar else { throw fail("expected '\(scalar)'") }
        position += 1
    }

    mutating func value(depth: Int) throws(PythonLiteralError) -> PythonLiteral {
        guard depth < 32 else { throw fail("literal nested too deeply") }
        guard let next = peek() else { throw fail("unexpected end of header") }
        switch next {
        case "'", "\"": return .string(try string())
        case "(": return .tuple(try sequence(close: ")", depth: depth))
        case "[": return .list(try sequence(close: "]", depth: depth))
        case "{": return try dict(depth: depth)
        case "0"..."9", "-", "+": return .integer(try integer())
        default: return try word()
        }
    }

    mutating func string() throws(PythonLiteralError) -> String {
        let quote = chars[position]
        position += 1
        var result = String.UnicodeScalarView()
        while position < chars.count {
            let scalar = chars[position]
            position += 1
            if scalar == quote { return String(result) }
            if scalar == "\\" {
                guard position < chars.count else { break }
                result.append(chars[position])
                position += 1
            } else {
                result.append(scalar)
            }
        }
        throw fail("unterminated string")
    }

    mutating func integer() throws(PythonLiteralError) -> Int {
        let start = position
        if chars[position] == "-" || chars[position] == "+" { position += 1 }
        while position < chars.count, ("0"..."9").contains(chars[position]) { position += 1 }
        let text = String(String.UnicodeScalarView(chars[start..<position]))
        // Python 2 wrote long integers with an L suffix, e.g. (3L,).
        if position < chars.count, chars[position] == "L" || chars[position] == "l" { position += 1 }
        guard let value = Int(text) else { throw PythonLiteralError(message: "bad integer '\(text)'", position: start) }
        return value
    }

    mutating func word() throws(PythonLiteralError) -> PythonLiteral {
        let start = position
        while position < chars.count, chars[position].properties.isAlphabetic { position += 1 }
        switch String(String.UnicodeScalarView(chars[start..<position])) {
        case "True": return .boolean(true)
        case "False": return .boolean(false)
        case "None": return .none
        case let other:
            position = start
            throw fail(other.isEmpty ? "unexpected character '\(chars[start])'" : "unknown name '\(other)'")
        }
    }

    mutating func sequence(close: Unicode.Scalar, depth: Int) throws(PythonLiteralError) -> [PythonLiteral] {
        position += 1
        var items: [PythonLiteral] = []
        var sawComma = false
        while true {
            if peek() == close {
                position += 1
                break
            }
            items.append(try value(depth: depth + 1))
            sawComma = false
            if peek() == "," {
                position += 1
                sawComma = true
            } else {
                try expect(close)
                break
            }
        }
        // `(3)` is just the integer 3 in Python, not a one-element tuple.
        if close == ")", items.count == 1, !sawComma { throw fail("a one-element tuple needs a trailing comma") }
        return items
    }

    mutating func dict(depth: Int) throws(PythonLiteralError) -> PythonLiteral {
        position += 1
        var entries: [(key: String, value: PythonLiteral)] = []
        while true {
            if peek() == "}" {
                position += 1
                return .dict(entries)
            }
            guard peek() == "'" || peek() == "\"" else { throw fail("expected a string key") }
            let key = try string()
            try expect(":")
            entries.append((key, try value(depth: depth + 1)))
            if peek() == "," {
                position += 1
            } else {
                try expect("}")
                return .dict(entries)
            }
        }
    }
}
