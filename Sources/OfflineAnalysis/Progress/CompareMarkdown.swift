import MarkerTracker
import SessionStore

/// `gaitlive report DIR --compare OTHER` as Markdown: the two sessions, the findings that
/// appeared, persisted or resolved, the real changes, then per stage a table of every metric
/// and side (before, after, change and verdict).
public enum CompareMarkdown {
    public static func render(_ c: SessionComparison) -> String {
        var o = "# Before and after: \(c.after.manifest.athlete.name)\n\n"
        o += "- Before: \(c.before.manifest.created), \(c.before.directory)\n"
        o += "- After: \(c.after.manifest.created), \(c.after.directory)\n"
        if !AthleteIdentity.same(c.before.manifest.athlete.name, c.after.manifest.athlete.name) {
            o += "- Note: the sessions name different athletes (\(c.before.manifest.athlete.name), \(c.after.manifest.athlete.name))\n"
        }
        o += "\n\(ProgressWording.rule)\n\n## Findings\n\n"
        o += c.findings.isEmpty ? "No findings in either session.\n" : c.findings.map { "- \(line($0))\n" }.joined()
        o += "\n## Real changes\n\n"
        let real = realChanges(c)
        o += real.isEmpty ? "None: every judged change is within its threshold.\n" : real.map { "- \($0)\n" }.joined()
        for stage in AthleteProgress.stageKinds {
            let mine = c.rows.filter { $0.stage == stage }
            guard !mine.isEmpty else { continue }
            o += "\n## \(stage.prefix(1).uppercased() + stage.dropFirst())\n\n"
            o += "| metric | side | before | after | change |\n|---|---|---|---|---|\n"
            for r in mine {
                o += "| \(ReportTable.label(r.metric)) | \(ProgressWording.side(r.side, r.metric)) | \(cell(r.before)) | \(cell(r.after)) | "
                o += ProgressWording.change(r.change, r.metric) + " |\n"
            }
        }
        return o
    }

    static func cell(_ s: MetricSummary?) -> String { s.map(ProgressWording.summary) ?? "-" }

    /// "resolved: Pelvic drop in left stance ... (flat)"; a finding the other session could not
    /// judge says which session had it.
    static func line(_ f: SessionComparison.FindingChange) -> String {
        guard f.fate == .untold else { return "\(f.fate.rawValue): \(f.title) (\(f.stageKind))" }
        let other = f.after == nil ? "after" : "before"
        return "not told: \(f.title) (\(f.stageKind)); the session \(other) has too few strides there to judge it"
    }

    /// "flat, pelvic drop, left stance (right side drops): 11.0 -> 6.0 deg (-5.0, real decrease (beyond 2.8))".
    static func realChanges(_ c: SessionComparison) -> [String] {
        c.rows.compactMap { r in
            guard let ch = r.change, ch.isReal else { return nil }
            let m = r.metric
            return "\(r.stage), \(m.title), \(ProgressWording.side(r.side, m)): \(ReportNumber.plain(ch.from, m)) -> "
                + "\(ReportNumber.value(ch.to, m)) (\(ProgressWording.change(ch, m)))"
        }
    }
}
