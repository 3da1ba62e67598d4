public import SessionStore

/// A note the clinician made in the session (live `m`, review `a`) as the report shows it: its
/// time on the session clock, the stage it falls in and how far into that stage's recording.
public struct SessionNote: Sendable, Equatable, Encodable {
    /// Session seconds (nil: a note about the whole session).
    public var seconds: Double?
    /// Directory of the stage the note falls in (nil: outside every stage).
    public var stage: String?
    /// Seconds from the stage's first recorded frame (negative before it).
    public var stageSeconds: Double?
    public var text: String

    /// Places `note` in the stage that holds its time, else the last stage begun before it.
    public init(_ note: SessionManifest.Note, stages: [SessionManifest.Stage]) {
        seconds = note.seconds
        text = note.text
        guard let t = note.seconds else { return }
        let inside = stages.first { s in
            guard let a = s.startSeconds, let b = s.endSeconds else { return false }
            return t >= a && t <= b
        }
        let before = stages.last { s in (s.switchedSeconds ?? s.startSeconds).map { $0 <= t } ?? false }
        guard let s = inside ?? before ?? stages.first, let start = s.startSeconds else { return }
        stage = s.directory
        stageSeconds = t - start
    }

    /// "incline, 12.3 s in" / "flat, 2.0 s before its recording" / "whole session".
    public var when: String {
        guard let stage else { return seconds == nil ? "whole session" : "session \(ReportNumber.format(seconds!, decimals: 1)) s" }
        guard let d = stageSeconds else { return stage }
        return d >= 0 ? "\(stage), \(ReportNumber.format(d, decimals: 1)) s in"
                      : "\(stage), \(ReportNumber.format(-d, decimals: 1)) s before its recording"
    }
}
