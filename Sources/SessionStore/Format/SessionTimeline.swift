public import MarkerTracker
import CaptureKit

/// When each treadmill stage began and when recording was on, on the shared monotonic clock.
///
/// Both cameras tag every frame by its own kernel timestamp against this timeline, so a stage
/// switch or a press of record takes effect at the same instant in both views even though
/// their frames arrive on different threads at different times.
public struct SessionTimeline: Sendable {
    /// One stage of the session.
    public struct Stage: Sendable, Equatable {
        public var kind: StageKind
        public var inclinePercent: Double
        /// 1 for the first stage of this kind, 2 for the second, ...
        public var ordinal: Int
        public var startNanoseconds: UInt64
        /// The grade of the stage before this one (nil for the first stage).
        public var previousInclinePercent: Double?
        public var directory: String { SessionLayout.stageDirectory(kind: kind.rawValue, ordinal: ordinal) }

        public init(kind: StageKind, inclinePercent: Double, ordinal: Int, startNanoseconds: UInt64) {
            self.kind = kind
            self.inclinePercent = inclinePercent
            self.ordinal = ordinal
            self.startNanoseconds = startNanoseconds
        }
    }

    public private(set) var stages: [Stage]
    /// Recording intervals [start, end); the last may be open.
    public private(set) var recording: [(start: UInt64, end: UInt64?)] = []

    public init(first kind: StageKind = .flat, inclinePercent: Double = 0, at start: UInt64 = 0) {
        stages = [Stage(kind: kind, inclinePercent: inclinePercent, ordinal: 1, startNanoseconds: start)]
    }

    public var currentStage: Stage { stages[stages.count - 1] }
    public var isRecording: Bool { recording.last.map { $0.end == nil } ?? false }

    /// Starts a new stage at `time`; returns it.
    @discardableResult
    public mutating func beginStage(_ kind: StageKind, inclinePercent: Double, at time: UInt64) -> Stage {
        let ordinal = stages.filter { $0.kind == kind }.count + 1
        var s = Stage(kind: kind, inclinePercent: inclinePercent, ordinal: ordinal, startNanoseconds: time)
        s.previousInclinePercent = currentStage.inclinePercent
        stages.append(s)
        return s
    }

    public mutating func setRecording(_ on: Bool, at time: UInt64) {
        if on && !isRecording {
            recording.append((time, nil))
        } else if !on && isRecording {
            recording[recording.count - 1].end = time
        }
    }

    /// The stage index and recording state for a frame stamped `time`.
    /// The settle period of stage `index` after its stage change (nil for the first stage), in
    /// seconds from `clockOrigin`.
    public func settlePeriod(_ index: Int, clockOrigin: UInt64) -> SettlePeriod? {
        guard index > 0, index < stages.count else { return nil }
        let s = stages[index]
        return SettlePeriod(switchedAt: MonotonicClock.seconds(s.startNanoseconds, since: clockOrigin),
                            fromPercent: s.previousInclinePercent ?? 0, toPercent: s.inclinePercent)
    }

    public func tag(_ time: UInt64) -> (stage: Int, recording: Bool) {
        var s = 0
        for (i, st) in stages.enumerated() where st.startNanoseconds <= time { s = i }
        let rec = recording.contains { time >= $0.start && ($0.end.map { time < $0 } ?? true) }
        return (s, rec)
    }
}

/// The two kinds of treadmill stage the clinic runs.
public enum StageKind: String, Sendable, CaseIterable, Codable {
    case flat
    case incline

    public var next: StageKind { self == .flat ? .incline : .flat }
}
