import Foundation

/// Runs a kernel's independent pieces of work on up to `threadCount` threads
/// (`DispatchQueue.concurrentPerform` underneath) and returns when all are done.
///
/// Work is split statically: worker `w` always gets the same share for the same sizes, so
/// results do not depend on scheduling, and each worker may own a slot of scratch memory.
public struct ParallelRunner: Sendable, Equatable {
    /// Upper bound on concurrently running workers; at least 1.
    public let threadCount: Int

    /// A runner using `threadCount` threads (clamped to at least 1); the default is the
    /// number of active processors.
    public init(threadCount: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.threadCount = max(1, threadCount)
    }

    /// A runner that does everything on the calling thread.
    public static let serial = ParallelRunner(threadCount: 1)

    /// Calls `body(worker)` for every worker in `0..<min(workers, threadCount)`, concurrently
    /// when there is more than one, and waits for all of them.
    public func run(workers: Int, _ body: (_ worker: Int) -> Void) {
        let count = min(workers, threadCount)
        if count <= 0 { return }
        if count == 1 { body(0); return }
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: count) { worker in box.value(worker) }
        }
    }

    /// Splits `0..<count` into at most `threadCount` contiguous, nearly equal ranges and calls
    /// `body(worker, range)` for each non-empty one.
    public func forEachChunk(of count: Int, _ body: (_ worker: Int, _ range: Range<Int>) -> Void) {
        let workers = min(count, threadCount)
        run(workers: workers) { worker in
            body(worker, Self.chunk(worker, of: workers, splitting: count))
        }
    }

    /// The `worker`-th of `workers` nearly equal contiguous ranges covering `0..<count`.
    static func chunk(_ worker: Int, of workers: Int, splitting count: Int) -> Range<Int> {
        let base = count / workers, extra = count % workers
        let start = worker * base + min(worker, extra)
        return start ..< start + base + (worker < extra ? 1 : 0)
    }
}

/// Carries a non-Sendable closure into `concurrentPerform`; safe because `run` waits for every
/// call to finish and callers give each worker disjoint output memory.
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
