/// The time after a stage change (`s`: flat <-> incline) while the treadmill is still changing
/// its grade and the runner adapting to it: strides that begin in it are marked "settling" and
/// left out of the stage's means, live and in the report (docs/report.md, "Settle period").
///
/// Treadmills change grade at roughly 1-2 % per second, so a 0 -> 10 % change takes 5-10 s; the
/// settle period assumes the slower rate (`gradePercentPerSecond`) and adds
/// `runnerSeconds` for the runner to settle into the new grade: 7 s for 0 -> 5 %, 12 s for
/// 0 -> 10 %. The session's first stage has none (the belt is set before recording begins).
public struct SettlePeriod: Sendable, Equatable {
    /// The slowest usual rate of a treadmill's grade change, percent per second.
    public static let gradePercentPerSecond = 1.0
    /// Seconds the runner takes to settle into the new grade after the belt reached it.
    public static let runnerSeconds = 2.0

    /// Session seconds of the stage change.
    public var start: Double
    /// Length of the settle period, seconds.
    public var seconds: Double

    public init(start: Double, seconds: Double) {
        self.start = start
        self.seconds = seconds
    }

    /// The settle period of a stage entered at `switchedAt` (session seconds) from a stage at
    /// `fromPercent` to `toPercent`; nil for the session's first stage (`switchedAt` nil).
    public init?(switchedAt: Double?, fromPercent: Double, toPercent: Double) {
        guard let switchedAt else { return nil }
        self.init(start: switchedAt, seconds: SettlePeriod.seconds(fromPercent: fromPercent, toPercent: toPercent))
    }

    /// How long the belt and the runner take to settle after a grade change.
    public static func seconds(fromPercent: Double, toPercent: Double) -> Double {
        abs(toPercent - fromPercent) / gradePercentPerSecond + runnerSeconds
    }

    /// Session seconds at which the stage's strides count again.
    public var end: Double { start + seconds }

    /// Whether a stride whose first contact is at `contactTime` began before the stage settled.
    public func contains(contactTime: Double) -> Bool { contactTime < end }
}
