import MarkerTracker

/// `gaitlive progress` as Markdown: the real changes from the first session to the last, then per
/// stage and metric a table of every session (mean ± SD (strides) per side, the change from the
/// first and from the previous session with its verdict).
public enum ProgressMarkdown {
    public static func render(_ p: AthleteProgress) -> String {
        var o = "# Progress: \(p.athlete)\n\n"
        o += "Sessions, oldest first:\n\n"
        for (i, s) in p.sessions.enumerated() { o += "\(i + 1). \(s.date) (\(s.created)): \(s.directory)\n" }
        for s in p.skipped { o += "- not read: \(s.directory): \(s.reason)\n" }
        o += "\n\(ProgressWording.rule)\n\n"
        o += "## Real changes, first session to last\n\n"
        let real = realChanges(p)
        o += real.isEmpty ? "None: every judged change is within its threshold.\n" : real.map { "- \($0)\n" }.joined()
        for stage in AthleteProgress.stageKinds {
            let mine = p.series.filter { $0.stage == stage }
            guard !mine.isEmpty else { continue }
            o += "\n## \(stage.prefix(1).uppercased() + stage.dropFirst())\n"
            for metric in StrideMetric.allCases {
                let both = BodySide.allCases.compactMap { side in mine.first { $0.metric == metric && $0.side == side } }
                guard !both.isEmpty else { continue }
                o += "\n### \(ReportTable.label(metric))\n\n"
                var header = "| session | date |", rule = "|---|---|"
                for s in both {
                    let side = ProgressWording.side(s.side, metric)
                    header += " \(side) | from first | from previous |"
                    rule += "---|---|---|"
                }
                o += header + "\n" + rule + "\n"
                for (i, session) in p.sessions.enumerated() {
                    let cells = both.map { s -> [String] in
                        guard let pt = s.points.first(where: { $0.session == i }) else { return ["-", "", ""] }
                        return [ProgressWording.summary(pt.summary), ProgressWording.change(pt.fromFirst, metric),
                                ProgressWording.change(pt.fromPrevious, metric)]
                    }
                    guard cells.contains(where: { $0[0] != "-" }) else { continue }
                    o += "| \(i + 1) | \(session.date) | " + cells.map { $0.joined(separator: " | ") }.joined(separator: " | ") + " |\n"
                }
            }
        }
        return o
    }

    /// "flat, pelvic drop, left stance (right side drops): 11.0 -> 6.0 deg (-5.0, real decrease (beyond 2.8))".
    static func realChanges(_ p: AthleteProgress) -> [String] {
        p.series.compactMap { s in
            guard let c = s.overall, c.isReal else { return nil }
            let m = s.metric
            return "\(s.stage), \(m.title), \(ProgressWording.side(s.side, m)): \(ReportNumber.plain(c.from, m)) -> "
                + "\(ReportNumber.value(c.to, m)) (\(ProgressWording.change(c, m)))"
        }
    }
}
