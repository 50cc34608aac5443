/// Keeping a selected row in view.
public enum Scrolling {
    /// The first visible row for `count` rows shown `visible` at a time, starting from `offset`
    /// and moved as little as possible so that `selected` (if any) is visible.
    public static func offset(selected: Int?, offset: Int, visible: Int, count: Int) -> Int {
        guard visible > 0, count > visible else { return 0 }
        var result = min(max(0, offset), count - visible)
        if let selected {
            if selected < result { result = selected }
            if selected >= result + visible { result = selected - visible + 1 }
        }
        return max(0, result)
    }
}
