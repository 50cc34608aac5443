/// Scratch memory for the fast kernels: a caller-provided buffer (planned with a kernel's
/// `scratchBytes`) or, when none is given, a per-call allocation.
enum Scratch {
    /// Bytes to plan for `floats` floats, including slack for 64-byte alignment.
    static func bytes(floats: Int) -> Int { floats == 0 ? 0 : floats * MemoryLayout<Float>.stride + 64 }

    /// Runs `body` with `floats` 64-byte aligned floats taken from `provided` or allocated.
    static func withFloats<R>(_ floats: Int, provided: UnsafeMutableRawBufferPointer?,
                              _ body: (UnsafeMutablePointer<Float>) throws -> R) throws -> R {
        let needed = bytes(floats: floats)
        if let provided {
            guard provided.count >= needed, let base = provided.baseAddress else {
                throw ShapeError("scratch buffer must hold at least \(needed) bytes, got \(provided.count)")
            }
            let start = base.alignedUp(toMultipleOf: 64)
            return try body(start.bindMemory(to: Float.self, capacity: floats))
        }
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(needed, 1), alignment: 64)
        defer { memory.deallocate() }
        return try body(memory.bindMemory(to: Float.self, capacity: floats))
    }
}
