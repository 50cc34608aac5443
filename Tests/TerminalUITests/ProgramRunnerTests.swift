import Testing
import TerminalUI

/// A tiny counter: `+`/`-` change it, `w` starts a background job that counts to 3, `l` a job
/// that waits a minute unless cancelled, `x` cancels the job, `t` arms a one-second timer, `q` quits.
struct Counter: TerminalApp {
    struct State {
        var count = 0
        var log: [String] = []
    }

    enum Message: Sendable {
        case add(Int), startJob, startLongJob, cancelJob, jobStep(Int), jobDone, jobCancelled, arm, timer, quit
    }

    func update(_ state: inout State, _ message: Message) -> [Effect<Message>] {
        switch message {
        case .add(let n): state.count += n
        case .startJob:
            return [.run(id: "job") { sink in
                for step in 1...3 {
                    if Task.isCancelled { return }
                    sink.send(.jobStep(step))
                }
                sink.send(.jobDone)
            }]
        case .startLongJob:
            return [.run(id: "job") { sink in
                do {
                    try await Task.sleep(for: .seconds(60))
                    sink.send(.jobDone)
                } catch {
                    sink.send(.jobCancelled)
                }
            }]
        case .cancelJob: return [.cancel("job")]
        case .jobCancelled: state.log.append("cancelled")
        case .jobStep(let n): state.log.append("step \(n)")
        case .jobDone: state.log.append("done")
        case .arm: return [.after(.seconds(1), .timer)]
        case .timer: state.log.append("timer")
        case .quit: return [.quit]
        }
        return []
    }

    func view(_ state: State, size: Size) -> CellBuffer {
        var buffer = CellBuffer(size: size)
        buffer.write("count \(state.count)", at: Point(x: 0, y: 0))
        buffer.write(state.log.joined(separator: ","), at: Point(x: 0, y: 1))
        return buffer
    }

    func message(for key: Key, in state: State) -> Message? {
        switch key {
        case .character("+"): .add(1)
        case .character("-"): .add(-1)
        case .character("w"): .startJob
        case .character("l"): .startLongJob
        case .character("x"): .cancelJob
        case .character("t"): .arm
        case .character("q"): .quit
        default: nil
        }
    }

    var minimumSize: Size { Size(width: 20, height: 4) }
}

@MainActor @Suite struct ProgramRunnerTests {
    let size = Size(width: 20, height: 4)

    @Test(.timeLimit(.minutes(1)))
    func scriptedKeysUpdateTheStateAndEachChangeIsDrawn() async throws {
        let terminal = InMemoryBackend(size: size, keys: [.character("+"), .character("+"), .character("?"),
                                                          .character("-"), .character("q")])
        let runner = ProgramRunner(app: Counter(), state: .init(), backend: terminal)
        try await runner.run()
        #expect(runner.state.count == 1)
        // Initial frame, then one per key that changed something ("?" maps to nothing).
        #expect(terminal.frames.map { $0.lines[0].trimmingSpaces } == ["count 0", "count 1", "count 2", "count 1", "count 1"])
        #expect(!terminal.isActive && terminal.endCount == 1)
    }

    @Test func jobMessagesArriveThroughTheSinkAndAreAppliedInOrder() async {
        let terminal = InMemoryBackend(size: Size(width: 40, height: 4))
        let runner = ProgramRunner(app: Counter(), state: .init(), backend: terminal)
        runner.handle(.character("w"))
        #expect(runner.runningJobs == ["job"])
        await runner.settle()
        #expect(runner.state.log == ["step 1", "step 2", "step 3", "done"])
        #expect(runner.runningJobs.isEmpty)
        runner.redrawIfNeeded()
        #expect(terminal.screen?.lines[1].trimmingSpaces == "step 1,step 2,step 3,done")
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellingAJobStopsIt() async throws {
        let runner = ProgramRunner(app: Counter(), state: .init(), backend: InMemoryBackend(size: size))
        runner.handle(.character("l"))
        #expect(runner.runningJobs == ["job"])
        runner.handle(.character("x"))
        #expect(runner.runningJobs.isEmpty)
        while runner.state.log.isEmpty {
            try await Task.sleep(for: .milliseconds(1))
            runner.processPending()
        }
        #expect(runner.state.log == ["cancelled"])
    }

    @Test(.timeLimit(.minutes(1)))
    func startingAJobWithARunningJobsIDReplacesIt() async throws {
        let runner = ProgramRunner(app: Counter(), state: .init(), backend: InMemoryBackend(size: Size(width: 40, height: 4)))
        runner.handle(.character("l"))
        runner.handle(.character("w"))
        await runner.settle()
        #expect(runner.runningJobs.isEmpty)
        // The minute-long job was cancelled (it reports that instead of finishing).
        while !runner.state.log.contains("cancelled") {
            try await Task.sleep(for: .milliseconds(1))
            runner.processPending()
        }
        #expect(runner.state.log.filter { $0 != "cancelled" } == ["step 1", "step 2", "step 3", "done"])
    }

    @Test func timersFireOnlyWhenTheClockReachesTheirDeadline() {
        let clock = ManualClock()
        let runner = ProgramRunner(app: Counter(), state: .init(), backend: InMemoryBackend(size: size), clock: clock)
        runner.handle(.character("t"))
        clock.advance(by: .milliseconds(999))
        runner.processPending()
        #expect(runner.state.log.isEmpty)
        clock.advance(by: .milliseconds(1))
        runner.processPending()
        #expect(runner.state.log == ["timer"])
        runner.processPending()
        #expect(runner.state.log == ["timer"])
    }

    @Test(.timeLimit(.minutes(1)))
    func belowTheMinimumSizeTheTooSmallScreenIsShownAndResizeRedraws() async throws {
        let terminal = InMemoryBackend(size: Size(width: 12, height: 3))
        terminal.type(.character("+"))
        terminal.resize(to: size)
        terminal.type(.character("q"))
        let runner = ProgramRunner(app: Counter(), state: .init(), backend: terminal)
        try await runner.run()
        // At 12×3 the message wraps: "Terminal too" / "small" / "".
        #expect(terminal.frames.first?.lines == ["Terminal too", "   small    ", "            "])
        #expect(terminal.frames[1] == terminal.frames[0])   // "+" changed the state, not the screen
        #expect(terminal.frames.last?.lines[0].trimmingSpaces == "count 1")
    }

    @Test(.timeLimit(.minutes(1)))
    func ctrlCEndsTheLoopAndRestoresTheTerminal() async throws {
        let terminal = InMemoryBackend(size: size, keys: [.character("w"), .ctrlC])
        let runner = ProgramRunner(app: Counter(), state: .init(), backend: terminal)
        try await runner.run()
        #expect(runner.isFinished)
        #expect(runner.runningJobs.isEmpty)
        #expect(terminal.endCount == 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func asciiMonochromeTerminalsGetTranslatedFrames() async throws {
        let terminal = InMemoryBackend(size: Size(width: 6, height: 3), keys: [.character("q")],
                                       capabilities: TerminalCapabilities(charset: .ascii, colors: false))
        struct Boxed: TerminalApp {
            func update(_ state: inout Int, _ message: Int) -> [Effect<Int>] { [.quit] }
            func view(_ state: Int, size: Size) -> CellBuffer {
                var b = CellBuffer(size: size)
                b.render(Block(title: Line("é", style: .color(.red))), in: b.bounds)
                return b
            }
            func message(for key: Key, in state: Int) -> Int? { 0 }
            var minimumSize: Size { Size(width: 1, height: 1) }
        }
        try await ProgramRunner(app: Boxed(), state: 0, backend: terminal).run()
        let frame = try #require(terminal.frames.first)
        #expect(frame.text == "+ ? -+\n|    |\n+----+\n")
        #expect(frame[2, 0].style == .bold)
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
