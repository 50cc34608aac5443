/// DENSIFY: expands a sparse constant (TFLite's sparse tensor format, block-sparse included)
/// into a dense row-major tensor, and the inverse for writing sparse models.
public enum Densify {
    /// The dense shape after checking that `format` describes a tensor of that shape.
    public static func outputShape(denseShape: [Int], format: SparseFormat, valueCount: Int) throws -> [Int] {
        _ = try SparseLayout(format: format, denseShape: denseShape, valueCount: valueCount)
        return denseShape
    }

    /// Writes the dense tensor: zeros everywhere except the stored `values`, visited in traversal
    /// order as TFLite's `FormatConverter::SparseToDense` does. Every segment and index is
    /// validated before anything is written.
    public static func densify<T: AdditiveArithmetic>(
        values: UnsafeBufferPointer<T>, format: SparseFormat, denseShape: [Int], into output: MutableTensorView<T>
    ) throws {
        let layout = try SparseLayout(format: format, denseShape: denseShape, valueCount: values.count)
        try Layout.requireShape(output.shape, denseShape, op: "DENSIFY")
        output.base.update(repeating: .zero, count: output.count)
        var next = 0
        func visit(level: Int, position: Int, offset: Int) {
            if level == format.dimensions.count {
                output[offset] = values[next]
                next += 1
                return
            }
            let step = layout.levelOffsets[level]
            switch format.dimensions[level] {
            case .dense(let size):
                for i in 0..<size {
                    visit(level: level + 1, position: position * size + i, offset: offset + i * step)
                }
            case .sparse(let segments, let indices):
                for p in segments[position]..<segments[position + 1] {
                    visit(level: level + 1, position: p, offset: offset + indices[p] * step)
                }
            }
        }
        visit(level: 0, position: 0, offset: 0)
    }
}
