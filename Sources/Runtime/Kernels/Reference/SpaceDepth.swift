/// DEPTH_TO_SPACE and SPACE_TO_DEPTH on NHWC tensors (TensorFlow's default "DCR" order: the
/// channel index is `(row_in_block · block + column_in_block) · channels + channel`).
public enum SpaceDepth {
    /// `[N, H, W, C]` → `[N, H·b, W·b, C/b²]`; `C` must be divisible by `b²`.
    public static func depthToSpaceOutputShape(input: [Int], blockSize: Int) throws -> [Int] {
        try check(input, blockSize: blockSize, op: "DEPTH_TO_SPACE")
        let (n, h, w, c) = (input[0], input[1], input[2], input[3])
        guard c % (blockSize * blockSize) == 0 else {
            throw ShapeError("DEPTH_TO_SPACE: channels \(c) must be divisible by block_size² = \(blockSize * blockSize)")
        }
        return [n, h * blockSize, w * blockSize, c / (blockSize * blockSize)]
    }

    /// Moves channel blocks into spatial `b×b` blocks.
    public static func depthToSpace<T>(_ input: TensorView<T>, blockSize b: Int, into output: MutableTensorView<T>) throws {
        let expected = try depthToSpaceOutputShape(input: input.shape, blockSize: b)
        try Layout.requireShape(output.shape, expected, op: "DEPTH_TO_SPACE")
        let (n, h, w, c) = (input.shape[0], input.shape[1], input.shape[2], expected[3])
        // [N, H, W, b, b, C'] → [N, H, b, W, b, C']
        Transpose.permute(input.base, shape: [n, h, w, b, b, c], permutation: [0, 1, 3, 2, 4, 5], to: output.base)
    }

    /// `[N, H, W, C]` → `[N, H/b, W/b, C·b²]`; `H` and `W` must be divisible by `b`.
    public static func spaceToDepthOutputShape(input: [Int], blockSize: Int) throws -> [Int] {
        try check(input, blockSize: blockSize, op: "SPACE_TO_DEPTH")
        let (n, h, w, c) = (input[0], input[1], input[2], input[3])
        guard h % blockSize == 0, w % blockSize == 0 else {
            throw ShapeError("SPACE_TO_DEPTH: height \(h) and width \(w) must be divisible by block_size \(blockSize)")
        }
        return [n, h / blockSize, w / blockSize, c * blockSize * blockSize]
    }

    /// Moves spatial `b×b` blocks into channels.
    public static func spaceToDepth<T>(_ input: TensorView<T>, blockSize b: Int, into output: MutableTensorView<T>) throws {
        let expected = try spaceToDepthOutputShape(input: input.shape, blockSize: b)
        try Layout.requireShape(output.shape, expected, op: "SPACE_TO_DEPTH")
        let (n, h, w, c) = (input.shape[0], expected[1], expected[2], input.shape[3])
        // [N, H', b, W', b, C] → [N, H', W', b, b, C]
        Transpose.permute(input.base, shape: [n, h, b, w, b, c], permutation: [0, 1, 3, 2, 4, 5], to: output.base)
    }

    private static func check(_ input: [Int], blockSize: Int, op: String) throws {
        try Layout.requireValid(input, op: op)
        guard input.count == 4 else { throw ShapeError("\(op): input must be 4-D NHWC, found \(input)") }
        guard blockSize >= 1 else { throw ShapeError("\(op): block_size must be >= 1, found \(blockSize)") }
    }
}
