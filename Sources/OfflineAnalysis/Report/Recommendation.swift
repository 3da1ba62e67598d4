import Foundation
public import MarkerTracker
import CaptureKit

/// What to work on for one kind of finding on one side: the library's entry with its
/// placeholders filled in, and the findings it answers.
public struct Recommendation: Sendable, Codable, Equatable {
    /// `Finding.Kind` name.
    public var finding: String
    public var side: BodySide
    public var title: String
    public var why: String?
    public var exercises: [ExerciseLibrary.Exercise]
    public var cues: [String]
    /// Titles of the findings it answers, with their stage ("flat: Pelvic drop in left stance...").
    public var answers: [String]

    /// One recommendation per kind and side of `findings`, in the order findings first appear;
    /// kinds the library has no entry for are skipped (and listed in `missing`).
    public static func make(for findings: [Finding], library: ExerciseLibrary,
                            cadence: Double?) -> (recommendations: [Recommendation], missing: [String]) {
        var out: [Recommendation] = []
        var missing: [String] = []
        for f in findings {
            if let i = out.firstIndex(where: { $0.finding == f.kind.rawValue && $0.side == f.side }) {
                out[i].answers.append("\(f.stage): \(f.title)")
                continue
            }
            guard let e = library.entry(for: f.kind) else {
                if !missing.contains(f.kind.rawValue) { missing.append(f.kind.rawValue) }
                continue
            }
            func fill(_ s: String) -> String { Recommendation.fill(s, side: f.side, cadence: cadence) }
            out.append(Recommendation(
                finding: f.kind.rawValue, side: f.side, title: fill(e.title), why: e.why.map(fill),
                exercises: e.exercises.map { .init(name: fill($0.name), dose: $0.dose.map(fill), cue: $0.cue.map(fill)) },
                cues: (e.cues ?? []).map(fill), answers: ["\(f.stage): \(f.title)"]))
        }
        return (out, missing)
    }

    /// Replaces `{side}`, `{cadence}`, `{cadence_plus_5}` and `{cadence_plus_10}`; cadence
    /// placeholders read "your cadence" when no cadence was measured.
    static func fill(_ s: String, side: BodySide, cadence: Double?) -> String {
        var r = s.replacingOccurrences(of: "{side}", with: side.rawValue)
        func steps(_ f: Double) -> String { cadence.map { String(Int(($0 * f).rounded())) } ?? "your cadence" }
        r = r.replacingOccurrences(of: "{cadence_plus_10}", with: cadence == nil ? "+10 %" : steps(1.10))
        r = r.replacingOccurrences(of: "{cadence_plus_5}", with: cadence == nil ? "+5 %" : steps(1.05))
        r = r.replacingOccurrences(of: "{cadence}", with: steps(1))
        return r
    }
}
