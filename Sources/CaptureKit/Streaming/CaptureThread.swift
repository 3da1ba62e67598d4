import Glibc
import Synchronization

/// One camera's capture loop on its own thread: poll, read a frame, hand it on, repeat.
///
/// The thread blocks in poll() on the source's descriptor and a stop eventfd (so `stop()` wakes
/// it at once), counts sequence gaps as dropped frames, measures the frame rate from the
/// kernel timestamps, and notices a source that stops delivering within a second. A source that
/// fails (an unplugged camera) is reported lost; if it can reconnect, the thread keeps trying
/// twice a second until it streams again or is stopped. The handler runs on this thread: the
/// per-camera tracker lives there.
public final class CaptureThread: Sendable {
    private let stopSignal: EventFD
    private let stats = Mutex(CameraStatistics())
    private let thread = Mutex<OSThread?>(nil)
    public let name: String

    /// Seconds without a frame before the camera counts as stalled (with the 100 ms poll
    /// timeout, a silent camera is flagged within 0.6 s).
    public static let stallSeconds = 0.5
    /// How long poll() waits before checking for a stall.
    static let pollMilliseconds: Int32 = 100
    /// How often a lost source is asked to reconnect.
    static let reconnectMilliseconds: Int32 = 500

    public init(name: String) throws {
        self.name = name
        stopSignal = try EventFD()
    }

    /// The latest statistics (any thread).
    public var statistics: CameraStatistics { stats.withLock { $0 } }

    /// Starts the loop. `source` is moved to the new thread; `handler` receives every frame there.
    public func start(_ source: Transfer<any FrameSource>, handler: @escaping @Sendable (Frame) -> Void) {
        let t = OSThread(name: "cap-\(name)") { [self] in
            self.run(source.take(), handler: handler)
        }
        thread.withLock { $0 = t }
    }

    /// Asks the loop to end and waits for it.
    public func stop() {
        stopSignal.signal()
        let t = thread.withLock { t -> OSThread? in
            let old = t
            t = nil
            return old
        }
        t?.join()
    }

    private func run(_ source: any FrameSource, handler: @Sendable (Frame) -> Void) {
        defer {
            source.stop()
            stats.withLock { s in
                switch s.state {
                case .streaming, .stalled, .starting: s.state = .stopped
                default: break
                }
            }
        }
        do {
            try source.start()
        } catch {
            stats.withLock { $0.state = .lost("\(error)") }
            guard source.canReconnect, waitForReconnection(source) else { return }
        }
        var recent: [UInt64] = []
        recent.reserveCapacity(512)
        var lastFrameAt = MonotonicClock.now()
        var readStart = lastFrameAt
        while true {
            let frame: Frame?
            do {
                if let fd = source.descriptor {
                    let ready = try Poll.wait([stopSignal.descriptor, fd], timeoutMilliseconds: CaptureThread.pollMilliseconds)
                    if ready.first == true { return }
                    if ready.isEmpty {
                        let quiet = Double(MonotonicClock.now() - lastFrameAt) / 1e9
                        if quiet > CaptureThread.stallSeconds {
                            stats.withLock { if case .streaming = $0.state { $0.state = .stalled } }
                        }
                        continue
                    }
                } else {
                    // Unpaced source: still honour stop between frames.
                    if stopSignal.drain() > 0 { return }
                }
                readStart = MonotonicClock.now()
                frame = try source.readFrame()
            } catch CaptureError.endOfStream {
                stats.withLock { $0.state = .finished }
                return
            } catch {
                stats.withLock { $0.state = .lost("\(error)") }
                guard source.canReconnect, waitForReconnection(source) else { return }
                // A restarted stream counts from 0 again: no gap against the old numbers.
                recent.removeAll(keepingCapacity: true)
                lastFrameAt = MonotonicClock.now()
                stats.withLock { $0.lastSequence = nil }
                continue
            }
            guard let frame else { continue }
            lastFrameAt = MonotonicClock.now()
            let readTime = lastFrameAt &- readStart
            stats.withLock { s in
                s.readNanoseconds &+= readTime
                if let last = s.lastSequence, frame.sequence > last &+ 1 {
                    s.dropped += Int(frame.sequence &- last &- 1)
                }
                s.lastSequence = frame.sequence
                s.frames += 1
                s.lastTimestampNanoseconds = frame.timestampNanoseconds
                s.state = .streaming
                recent.append(frame.timestampNanoseconds)
                // Keep one second of timestamps for the rate.
                var drop = 0
                while drop < recent.count, frame.timestampNanoseconds &- recent[drop] > 1_000_000_000 { drop += 1 }
                if drop > 0 { recent.removeFirst(drop) }
                if recent.count >= 2, let first = recent.first {
                    let span = Double(frame.timestampNanoseconds - first) / 1e9
                    if span > 0 { s.measuredFramesPerSecond = Double(recent.count - 1) / span }
                }
            }
            let handlerStart = MonotonicClock.now()
            handler(frame)
            let handlerTime = MonotonicClock.now() &- handlerStart
            stats.withLock { $0.handlerNanoseconds &+= handlerTime }
        }
    }

    /// Asks a lost source to reconnect every `reconnectMilliseconds` until it does (true) or the
    /// thread is stopped (false). The state stays `.lost` with the reason meanwhile.
    private func waitForReconnection(_ source: any FrameSource) -> Bool {
        while true {
            let ready = (try? Poll.wait([stopSignal.descriptor], timeoutMilliseconds: CaptureThread.reconnectMilliseconds)) ?? []
            if ready.first == true { return false }
            if (try? source.reconnect()) == true {
                stats.withLock { s in
                    s.state = .starting
                    s.reconnections += 1
                    s.measuredFramesPerSecond = 0
                }
                return true
            }
        }
    }
}
