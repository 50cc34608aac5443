import Testing
import Foundation
@testable import Runtime

@Suite("ParallelRunner")
struct ThreadingTests {
    @Test("Chunks cover the range exactly once, in order, with sizes differing by at most one")
    func chunksPartitionTheRange() {
        for count in [0, 1, 2, 5, 17, 100] {
            for workers in 1 ... 7 where workers <= max(count, 1) {
                let chunks = (0 ..< workers).map { ParallelRunner.chunk($0, of: workers, splitting: count) }
                #expect(chunks.flatMap { Array($0) } == Array(0 ..< count))
                let sizes = chunks.map(\.count)
                #expect(sizes.max()! - sizes.min()! <= 1)
            }
        }
    }

    @Test("Every element is visited once whatever the thread count")
    func forEachChunkVisitsAll() {
        for threads in [1, 2, 3, 8] {
            let count = 1000
            let hits = UnsafeMutableBufferPointer<Int>.allocate(capacity: count)
            hits.initialize(repeating: 0)
            defer { hits.deallocate() }
            let workersSeen = UnsafeMutableBufferPointer<Int>.allocate(capacity: threads)
            workersSeen.initialize(repeating: 0)
            defer { workersSeen.deallocate() }
            ParallelRunner(threadCount: threads).forEachChunk(of: count) { worker, range in
                workersSeen[worker] += 1
                for i in range { hits[i] += 1 }
            }
            #expect(hits.allSatisfy { $0 == 1 })
            #expect(workersSeen.allSatisfy { $0 == 1 })
        }
    }

    @Test("Thread count is at least one and defaults to the processor count")
    func threadCount() {
        #expect(ParallelRunner(threadCount: 0).threadCount == 1)
        #expect(ParallelRunner.serial.threadCount == 1)
        #expect(ParallelRunner().threadCount == ProcessInfo.processInfo.activeProcessorCount)
    }
}
