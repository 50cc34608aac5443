import Foundation

/// Something `update` asks the runner to do besides changing state.
public struct Effect<Message: Sendable>: Sendable {
    enum Action: Sendable {
        case quit
        case run(id: String?, @Sendable (MessageSink<Message>) async -> Void)
        case cancel(String)
        case after(Duration, Message)
    }

    let action: Action

    /// Ends the program loop.
    public static var quit: Effect { Effect(action: .quit) }

    /// Runs `operation` off the main actor; it reports back through the sink and should stop
    /// when its task is cancelled. Starting a job with the `id` of a running one cancels that one.
    public static func run(id: String? = nil,
                           _ operation: @escaping @Sendable (MessageSink<Message>) async -> Void) -> Effect {
        Effect(action: .run(id: id, operation))
    }

    /// Cancels the running job started with `id` (nothing if none).
    public static func cancel(_ id: String) -> Effect { Effect(action: .cancel(id)) }

    /// Delivers `message` once `delay` has passed on the runner's clock.
    public static func after(_ delay: Duration, _ message: Message) -> Effect {
        Effect(action: .after(delay, message))
    }
}

/// Where background work sends messages to the UI; safe to use from any task or thread.
public struct MessageSink<Message: Sendable>: Sendable {
    let mailbox: Mailbox<Message>

    /// Queues `message`; the runner applies it on its next turn (within one poll interval).
    public func send(_ message: Message) {
        mailbox.post(.message(message))
    }
}

/// A locked queue between background tasks and the runner on the main actor.
final class Mailbox<Message: Sendable>: @unchecked Sendable {
    enum Event {
        case message(Message)
        case finished(job: Int)
    }

    private let lock = NSLock()
    private var events: [Event] = []

    func post(_ event: Event) {
        lock.withLock { events.append(event) }
    }

    /// Everything posted so far, oldest first, leaving the queue empty.
    func takeAll() -> [Event] {
        lock.withLock {
            defer { events.removeAll() }
            return events
        }
    }
}
