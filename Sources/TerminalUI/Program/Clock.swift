import Foundation

/// The runner's sense of time: a monotonic reading as time since an arbitrary origin.
@MainActor
public protocol MonotonicClock: AnyObject {
    var now: Duration { get }
}

/// Real time (`ContinuousClock`), counted from the clock's creation.
@MainActor
public final class SystemClock: MonotonicClock {
    private let origin = ContinuousClock.now

    public init() {}

    public var now: Duration { ContinuousClock.now - origin }
}

/// Time that moves only when a test says so, for deterministic timers.
@MainActor
public final class ManualClock: MonotonicClock {
    public private(set) var now: Duration

    public init(now: Duration = .zero) {
        self.now = now
    }

    /// Moves time forward by `duration`.
    public func advance(by duration: Duration) {
        now += duration
    }
}
