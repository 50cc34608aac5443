import Foundation

/// Numbers as the panes print them: short, fixed precision, units attached.
enum Format {
    /// `812 B`, `9.8 KiB`, `402 KiB`, `1.2 MiB`.
    static func bytes(_ count: Int) -> String {
        let value = Double(count)
        if count < 1024 { return "\(count) B" }
        if value < 10 * 1024 { return String(format: "%.1f KiB", value / 1024) }
        if value < 1024 * 1024 { return String(format: "%.0f KiB", value / 1024) }
        return String(format: "%.1f MiB", value / 1024 / 1024)
    }

    /// `0.461 ms`, `12.3 ms`, `512 ms`.
    static func milliseconds(_ value: Double) -> String {
        if value < 10 { return String(format: "%.3f ms", value) }
        if value < 100 { return String(format: "%.1f ms", value) }
        return String(format: "%.0f ms", value)
    }

    /// A proportion as a percentage: `97.0 %`.
    static func percent(_ fraction: Double) -> String {
        String(format: "%.1f %%", fraction * 100)
    }

    /// A relative change with its sign: `-74.1 %`, `+3.0 %`.
    static func change(_ new: Double, from old: Double) -> String? {
        guard old > 0 else { return nil }
        return String(format: "%+.1f %%", (new / old - 1) * 100)
    }

    /// A difference in percentage points with its sign: `-5.7 pp`.
    static func points(_ value: Double) -> String {
        String(format: "%+.1f pp", value)
    }

    /// `10.4 dB`, or `∞ dB` for identical outputs.
    static func decibels(_ value: Double) -> String {
        value.isFinite ? String(format: "%.1f dB", value) : "∞ dB"
    }

    /// `0:42` from seconds.
    static func eta(_ seconds: Double) -> String {
        let total = max(0, Int(seconds.rounded(.up)))
        return String(format: "%d:%02d", total / 60, total % 60)
    }

    /// Thousands separated by commas: `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var result = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { result.append(",") }
            result.append(c)
        }
        return (value < 0 ? "-" : "") + result
    }
}
