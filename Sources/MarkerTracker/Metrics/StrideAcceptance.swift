/// Which strides of one stage count for its means: the one rule the report, the review console
/// and the live panel apply (docs/report.md, "Where the numbers come from").
///
/// A stride is left out whole when it did not begin and end inside the stage's recording
/// (`partial`), when it began in the stage's settle period after a stage change (`settling`,
/// `SettlePeriod`), or when its duration differs from the median of its leg and camera (over the
/// strides left after those two) by more than `durationTolerance` (`implausibleDuration`: a missed
/// or extra contact, not a stride).
public enum StrideAcceptance {
    /// Largest relative difference from the median stride time still taken for a stride.
    public static let durationTolerance = 0.15

    /// What the rule makes of one stride.
    public enum Verdict: String, Sendable, Hashable, CaseIterable {
        case kept
        /// Not wholly inside the stage's recording.
        case partial
        /// Begun in the settle period after a stage change.
        case settling
        /// Its duration is far from its leg's median.
        case implausibleDuration = "implausible-duration"
    }

    /// One stride as the rule sees it.
    public struct Candidate: Sendable, Equatable {
        public var view: CameraView
        public var side: BodySide
        public var contactTime: Double
        public var duration: Double
        /// Both contacts were recorded in the stage.
        public var wholly: Bool

        public init(view: CameraView, side: BodySide, contactTime: Double, duration: Double, wholly: Bool) {
            self.view = view
            self.side = side
            self.contactTime = contactTime
            self.duration = duration
            self.wholly = wholly
        }
    }

    /// The verdict on each of `strides` (in the same order), with the stage's `settle` period.
    public static func judge(_ strides: [Candidate], settle: SettlePeriod?) -> [Verdict] {
        var verdicts = [Verdict](repeating: .kept, count: strides.count)
        var groups: [String: [Int]] = [:]
        for (i, s) in strides.enumerated() {
            if !s.wholly {
                verdicts[i] = .partial
            } else if settle?.contains(contactTime: s.contactTime) ?? false {
                verdicts[i] = .settling
            } else {
                groups["\(s.view.rawValue) \(s.side.rawValue)", default: []].append(i)
            }
        }
        for indices in groups.values {
            let durations = indices.map { strides[$0].duration }.sorted()
            let median = durations[durations.count / 2]
            for i in indices where abs(strides[i].duration - median) > durationTolerance * median {
                verdicts[i] = .implausibleDuration
            }
        }
        return verdicts
    }
}
