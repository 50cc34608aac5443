/// Arrays keyed by name in a fixed order, like the members of an `.npz` file.
/// A dictionary literal keeps its written order: `["x": images, "y": labels]`.
public struct NamedArrays: Equatable, Sendable, ExpressibleByDictionaryLiteral {
    /// Names in order.
    public private(set) var names: [String] = []
    /// The arrays by name.
    public private(set) var arrays: [String: NDArray] = [:]

    public init() {}

    /// Takes `pairs` in order; a repeated name replaces the earlier array in its place.
    public init(_ pairs: [(String, NDArray)]) {
        for (name, array) in pairs { self[name] = array }
    }

    public init(dictionaryLiteral elements: (String, NDArray)...) {
        self.init(elements)
    }

    /// The array called `name`; setting appends a new name, replaces in place, or removes (nil).
    public subscript(name: String) -> NDArray? {
        get { arrays[name] }
        set {
            if newValue == nil {
                names.removeAll { $0 == name }
            } else if arrays[name] == nil {
                names.append(name)
            }
            arrays[name] = newValue
        }
    }

    /// Name–array pairs in order.
    public var ordered: [(name: String, array: NDArray)] { names.map { ($0, arrays[$0]!) } }
}
