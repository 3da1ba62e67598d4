import MarkerTracker
import SessionStore

/// The report as Markdown, for notes and email: findings first, then what to work on, then the
/// figures per stage, the flat-to-incline changes, caveats and sources.
public enum MarkdownReport {
    public static func render(_ r: GaitReport) -> String {
        var o = "# Running analysis: \(r.manifest.athlete.name)\n\n"
        o += header(r).map { "- \($0)\n" }.joined() + "\n"

        o += "## Findings\n\n"
        if r.findings.isEmpty {
            o += noFindings(r) + "\n\n"
        }
        for (i, f) in r.findings.enumerated() {
            o += "\(i + 1). **\(f.title)** (\(stageName(r, f.stage)))\n"
            for e in f.evidence { o += "   - \(e.text)" + (e.sources.isEmpty ? "" : " [\(e.sources.map(\.key).joined(separator: "; "))]") + "\n" }
        }
        if !r.findings.isEmpty { o += "\n" }

        if !r.recommendations.isEmpty {
            o += "## What to work on\n\n"
            for rec in r.recommendations {
                o += "### \(rec.title) (\(rec.side.rawValue))\n\n"
                if let why = rec.why { o += why + "\n\n" }
                for x in rec.exercises { o += x.markdownItem }
                if !rec.cues.isEmpty { o += "- Cues while running: " + rec.cues.joined(separator: " ") + "\n" }
                o += "- For: " + rec.answers.joined(separator: "; ") + "\n\n"
            }
        }

        o += "## Figures per stage\n\n"
        o += "Mean ± SD (strides) per side; a side needs \(MetricSummary.minimumSteps) strides for a mean. Side-view figures are "
        o += "for the \(r.markerSide.rawValue) leg (the leg facing the side camera). Flagged rows are marked \\*.\n\n"
        for s in r.stages {
            o += "### \(stageTitle(s))\n\n"
            o += "| metric | left | right | L-R | reference | source |\n|---|---|---|---|---|---|\n"
            for row in ReportTable(s, findings: r.findings, markerSide: r.markerSide, legLengthCm: r.manifest.athlete.legLengthCm).rows {
                o += "| \(row.label)\(row.flagged ? " \\*" : "") | \(row.left) | \(row.right) | \(row.leftMinusRight) | "
                o += "\(row.reference) | \(row.sources) |\n"
            }
            o += "\n"
        }

        let changes = StageChange.all(r.stages.map(\.input))
        if !changes.isEmpty {
            o += "## Flat to incline\n\n"
            o += "Changes both sides share are the normal response to the grade; only a change that differs between the sides "
            o += "by more than the SDD is a finding.\n\n"
            o += "| metric | side | flat | incline | change | SDD |\n|---|---|---|---|---|---|\n"
            for c in changes {
                guard let m = StrideMetric(column: c.metric) else { continue }
                o += "| \(m.title) (\(m.unit.rawValue)) | \(SideWording.short(m, c.side)) | \(ReportNumber.plain(c.from, m)) | "
                o += "\(ReportNumber.plain(c.to, m)) | \(ReportNumber.signed(c.change, m))\(c.beyondSDD ? " (beyond SDD)" : "") | "
                o += "\(c.sdd.map { ReportNumber.plain($0, m) } ?? "-") |\n"
            }
            o += "\n"
        }

        if !r.sessionNotes.isEmpty {
            o += "## Clinician's notes\n\n"
            o += r.sessionNotes.map { "- \($0.when): \($0.text)\n" }.joined() + "\n"
        }
        if !r.notes.isEmpty {
            o += "## Notes\n\n" + r.notes.map { "- \($0)\n" }.joined() + "\n"
        }
        o += "## Sources\n\n" + LiteratureSource.allCases.sorted().map { "- \($0.key): \($0.citation)\n" }.joined()
        return o
    }

    static func header(_ r: GaitReport) -> [String] {
        var h = ["Session: \(r.manifest.created) (\(r.manifest.source)), \(r.directory)"]
        h.append("Stages: " + r.stages.map(stageTitle).joined(separator: ", "))
        h.append("Side camera: \(r.markerSide.rawValue) leg; rear camera: both legs")
        if let leg = r.manifest.athlete.legLengthCm { h.append("Leg length (trochanter to floor): \(ReportNumber.format(leg, decimals: 0)) cm") }
        h.append("Report made \(r.generated); session recorded by \(r.manifest.software)")
        h.append("Exercise library: \(r.libraryPath ?? "built in")")
        return h
    }

    /// The sentence shown when there is no finding: nothing beyond the thresholds, or too few strides to judge.
    public static func noFindings(_ r: GaitReport) -> String {
        let judged = r.stages.contains { s in BodySide.allCases.contains { s.strides.strideCount($0) >= MetricSummary.minimumSteps } }
        return judged
            ? "No findings: every judged value is within its reference, and no left/right difference or flat-to-incline change is "
                + "larger than 2D video can measure."
            : "No findings can be made: no stage has \(MetricSummary.minimumSteps) strides on a side (see the notes)."
    }

    /// "incline 5 %, 8.0 s".
    public static func stageTitle(_ s: GaitReport.Stage) -> String {
        let grade = s.info.kind == "incline" ? " \(ReportNumber.format(s.info.inclinePercent, decimals: 0)) %" : ""
        let duration = s.info.durationSeconds.map { ", \(ReportNumber.format($0, decimals: 1)) s" } ?? ""
        return "\(s.info.directory)\(grade)\(duration)"
    }

    static func stageName(_ r: GaitReport, _ directory: String) -> String {
        r.stages.first { $0.info.directory == directory }.map(stageTitle) ?? directory
    }
}
