extension Character {
    /// Columns the character takes in a terminal: 0, 1 or 2.
    ///
    /// Control characters and lone combining marks take 0; East Asian wide and fullwidth
    /// characters and emoji shown as pictures take 2; everything else takes 1. Combining marks
    /// that follow a base letter are part of its `Character` and add nothing.
    public var terminalWidth: Int {
        guard let first = unicodeScalars.first else { return 0 }
        if first.value < 0x20 || (0x7F..<0xA0).contains(first.value) { return 0 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if first.properties.isEmojiPresentation { return 2 }
        return Self.wideRanges.contains { $0.contains(first.value) } ? 2 : 1
    }

    /// East Asian Wide (W) and Fullwidth (F) blocks, after Unicode's EastAsianWidth.txt.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}

extension StringProtocol {
    /// Columns the string takes in a terminal (sum of its characters' widths).
    public var terminalWidth: Int { reduce(0) { $0 + $1.terminalWidth } }
}
