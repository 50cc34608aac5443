/// Runs a `TerminalApp` on a backend: reads keys, turns them into messages, applies updates,
/// performs effects and redraws when something changed.
///
/// Everything happens on the main actor; jobs (`Effect.run`) run in detached tasks and talk back
/// through `sink`, which the loop drains every `pollInterval`, so a key is answered at once
/// even while jobs run. Ctrl-C always ends the loop. Tests can drive the same steps one at a
/// time: `handle(_:)`, `send(_:)`, `processPending()`, `redrawIfNeeded()`, `settle()`.
@MainActor
public final class ProgramRunner<App: TerminalApp> {
    public let app: App
    public private(set) var state: App.State
    public let backend: any TerminalBackend
    public let pollInterval: Duration
    /// True once an update asked to quit (or Ctrl-C was pressed).
    public private(set) var isFinished = false

    private let clock: any MonotonicClock
    private let mailbox = Mailbox<App.Message>()
    private var jobs: [String: (token: Int, task: Task<Void, Never>)] = [:]
    private var nextToken = 0
    private var timers: [(deadline: Duration, message: App.Message)] = []
    private var needsRedraw = true

    public init(app: App, state: App.State, backend: any TerminalBackend,
                clock: any MonotonicClock = SystemClock(), pollInterval: Duration = .milliseconds(10)) {
        self.app = app
        self.state = state
        self.backend = backend
        self.clock = clock
        self.pollInterval = pollInterval
    }

    /// Sends messages into the program from anywhere (e.g. a job started outside an update).
    public var sink: MessageSink<App.Message> { MessageSink(mailbox: mailbox) }

    /// Identifiers of the jobs still running.
    public var runningJobs: Set<String> { Set(jobs.keys) }

    /// Takes over the terminal, performs `effects`, then loops until quit; the terminal is
    /// restored and all jobs cancelled on the way out, also when an error is thrown.
    public func run(startingWith effects: [Effect<App.Message>] = []) async throws {
        try backend.begin()
        defer {
            cancelAllJobs()
            backend.end()
        }
        perform(effects)
        redrawIfNeeded()
        while !isFinished {
            if let key = backend.readKey(timeout: pollInterval) { handle(key) }
            processPending()
            redrawIfNeeded()
            await Task.yield()
        }
    }

    /// Handles one key: resize redraws, Ctrl-C quits, others go through the app.
    public func handle(_ key: Key) {
        switch key {
        case .resize: needsRedraw = true
        case .ctrlC: isFinished = true
        default: break
        }
        if let message = app.message(for: key, in: state) { send(message) }
    }

    /// Applies `message` now.
    public func send(_ message: App.Message) {
        perform(app.update(&state, message))
        needsRedraw = true
    }

    /// Applies messages from jobs and timers that are due, in the order they arrived.
    public func processPending() {
        for event in mailbox.takeAll() {
            switch event {
            case .message(let message): send(message)
            case .finished(let token): jobs = jobs.filter { $0.value.token != token }
            }
        }
        let now = clock.now
        while let index = timers.indices.filter({ timers[$0].deadline <= now })
                .min(by: { timers[$0].deadline < timers[$1].deadline }) {
            send(timers.remove(at: index).message)
        }
    }

    /// Draws the current state if anything changed since the last draw (the too-small screen
    /// when the terminal is below `app.minimumSize`).
    public func redrawIfNeeded() {
        guard needsRedraw else { return }
        needsRedraw = false
        let size = backend.size
        backend.draw(size.fits(app.minimumSize)
                     ? app.view(state, size: size)
                     : TooSmallScreen.render(size: size, minimum: app.minimumSize))
    }

    /// Waits until no job is running, applying their messages (and what those start) as they come.
    public func settle() async {
        while let job = jobs.values.first {
            await job.task.value
            processPending()
        }
        processPending()
    }

    private func perform(_ effects: [Effect<App.Message>]) {
        for effect in effects {
            switch effect.action {
            case .quit:
                isFinished = true
            case .run(let id, let operation):
                nextToken += 1
                let token = nextToken
                let sink = sink
                let mailbox = mailbox
                let key = id ?? "#\(token)"
                jobs[key]?.task.cancel()
                jobs[key] = (token, Task.detached {
                    await operation(sink)
                    mailbox.post(.finished(job: token))
                })
            case .cancel(let id):
                jobs.removeValue(forKey: id)?.task.cancel()
            case .after(let delay, let message):
                timers.append((clock.now + delay, message))
            }
        }
    }

    private func cancelAllJobs() {
        for job in jobs.values { job.task.cancel() }
        jobs.removeAll()
    }
}
