/// PAD and PADV2: surround a tensor with a constant. PAD's constant is zero — for a quantized
/// tensor its zero point — so the caller always passes the value.
public enum PadOp {
    /// `paddings` is the `[rank, 2]` tensor flattened: `before0, after0, before1, after1, …`,
    /// each non-negative.
    public static func outputShape(input: [Int], paddings: [Int]) throws -> [Int] {
        try Layout.requireValid(input, op: "PAD")
        guard paddings.count == 2 * input.count else {
            throw ShapeError("PAD: paddings must be [\(input.count), 2] (\(2 * input.count) values) for input \(input), found \(paddings.count) values")
        }
        guard paddings.allSatisfy({ $0 >= 0 }) else {
            throw ShapeError("PAD: paddings \(paddings) must be non-negative")
        }
        return input.indices.map { input[$0] + paddings[2 * $0] + paddings[2 * $0 + 1] }
    }

    /// Fills `output` with `value` and copies `input` inside the padding.
    public static func pad<T>(_ input: TensorView<T>, paddings: [Int], value: T, into output: MutableTensorView<T>) throws {
        let expected = try outputShape(input: input.shape, paddings: paddings)
        try Layout.requireShape(output.shape, expected, op: "PAD")
        output.base.update(repeating: value, count: output.count)
        guard input.count > 0 else { return }
        guard let rowLength = input.shape.last else {
            output[0] = input[0]
            return
        }
        let outputStrides = Layout.strides(of: expected)
        let outerRank = input.rank - 1
        var index = [Int](repeating: 0, count: outerRank)
        var target = input.shape.indices.reduce(0) { $0 + paddings[2 * $1] * outputStrides[$1] }
        var source = input.base
        while true {
            (output.base + target).update(from: source, count: rowLength)
            source += rowLength
            var d = outerRank - 1
            while d >= 0 {
                index[d] += 1
                target += outputStrides[d]
                if index[d] < input.shape[d] { break }
                target -= outputStrides[d] * input.shape[d]
                index[d] = 0
                d -= 1
            }
            if d < 0 { return }
        }
    }
}
