import MarkerTracker
public import SessionStore

/// The REC clock of a recorded session, the clock the live console's header shows: seconds
/// recorded before a moment, counted across stages, with the pauses (and the time before
/// recording began) left out. Review shows it in its header and gives notes their time on it.
///
/// Pauses are found in the master view's frame times: a gap longer than `pauseGap` and than
/// ten frame periods is time not recorded (a pause, or a camera lost for that long), never
/// dropped frames.
public struct RecordingClock: Sendable {
    /// One stage on the clock.
    public struct Span: Sendable, Equatable {
        /// Session seconds of the stage's first and last master frame.
        public var start: Double
        public var end: Double
        /// Gaps not recorded, session seconds (from the last frame before to the first after).
        public var pauses: [ClosedRange<Double>]
        /// REC clock at the stage's first frame.
        public var offset: Double

        /// Seconds recorded in this stage before session time `t`.
        func recorded(before t: Double) -> Double {
            let u = min(max(t, start), end)
            return u - start - pauses.reduce(0) { $0 + max(0, min(u, $1.upperBound) - $1.lowerBound) }
        }
    }

    /// Shortest gap in the frame times taken for a pause, seconds.
    public static let pauseGap = 0.5

    public private(set) var spans: [Span] = []

    /// The clock of `session`, from each stage's side view (else rear view) frame times.
    public init(session: RecordedSession) {
        var offset = 0.0
        for stage in session.stages {
            guard let view = stage.views[.side] ?? stage.views[.rear], view.frameCount > 0 else {
                spans.append(Span(start: 0, end: 0, pauses: [], offset: offset))
                continue
            }
            let times = Array(view.times)
            spans.append(RecordingClock.span(times: times, offset: offset))
            offset += spans[spans.count - 1].recorded(before: times[times.count - 1])
        }
    }

    /// A stage from its frame times.
    static func span(times: [Double], offset: Double) -> Span {
        var pauses: [ClosedRange<Double>] = []
        var intervals: [Double] = []
        for (a, b) in zip(times, times.dropFirst()) { intervals.append(b - a) }
        let period = intervals.sorted().dropFirst(intervals.count / 2).first ?? 1.0 / 120
        for (a, b) in zip(times, times.dropFirst()) where b - a > max(pauseGap, 10 * period) {
            pauses.append(a...b)
        }
        return Span(start: times.first ?? 0, end: times.last ?? 0, pauses: pauses, offset: offset)
    }

    /// REC clock at session time `t` in stage `stage`.
    public func recorded(stage: Int, at t: Double) -> Double {
        guard spans.indices.contains(stage) else { return 0 }
        return spans[stage].offset + spans[stage].recorded(before: t)
    }

    /// The stage and session time at REC clock `rec` (the last stage starting at or before it).
    public func sessionTime(recorded rec: Double) -> (stage: Int, seconds: Double)? {
        guard let i = spans.indices.last(where: { spans[$0].offset <= rec + 1e-9 }) else { return nil }
        let s = spans[i]
        var t = s.start + (rec - s.offset)
        for p in s.pauses where p.lowerBound < t { t += p.upperBound - p.lowerBound }
        return (i, min(t, s.end))
    }

    /// Pauses of stage `stage`.
    public func pauses(stage: Int) -> [ClosedRange<Double>] { spans.indices.contains(stage) ? spans[stage].pauses : [] }

    /// The stage holding session time `t` (half a second of slack either side), if any.
    public func stage(holding t: Double) -> Int? {
        spans.indices.first { spans[$0].start - 0.5 <= t && t <= spans[$0].end + 0.5 }
    }
}
