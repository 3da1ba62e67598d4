import MarkerTracker
import CaptureKit
import SessionStore

/// The report as one self-contained HTML file (no scripts, no network): findings first, what to
/// work on, the angles over the gait cycle as inline SVG, key frames as PNG `data:` URIs, then
/// the tables, the flat-to-incline changes, caveats and sources. The markup is well-formed XML
/// (XHTML syntax), so XML tools read it too.
public enum HTMLReport {
    static let leftColour = "#2166ac", rightColour = "#b2182b"

    public static func render(_ r: GaitReport) -> String {
        var o = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        o += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        o += "<title>\(e("Running analysis: " + r.manifest.athlete.name))</title>\n<style>\(style)</style>\n</head>\n<body>\n"
        o += "<header><h1>\(e("Running analysis: " + r.manifest.athlete.name))</h1><ul class=\"meta\">"
        o += MarkdownReport.header(r).map { "<li>\(e($0))</li>" }.joined() + "</ul></header>\n"

        o += "<section id=\"findings\"><h2>Findings</h2>"
        if r.findings.isEmpty { o += "<p class=\"none\">\(e(MarkdownReport.noFindings(r)))</p>" }
        o += "<ol>"
        for f in r.findings {
            o += "<li class=\"finding\"><h3>\(e(f.title)) <span class=\"stage\">\(e(MarkdownReport.stageName(r, f.stage)))</span></h3><ul>"
            for ev in f.evidence {
                o += "<li class=\"\(ev.rule == .context ? "context" : "criterion")\">\(e(ev.text))"
                if !ev.sources.isEmpty { o += " <cite>\(e(ev.sources.map(\.key).joined(separator: "; ")))</cite>" }
                o += "</li>"
            }
            o += "</ul></li>"
        }
        o += "</ol></section>\n"

        if !r.recommendations.isEmpty {
            o += "<section id=\"work\"><h2>What to work on</h2>"
            for rec in r.recommendations {
                o += "<article class=\"rec\"><h3>\(e(rec.title)) <span class=\"stage\">\(e(rec.side.rawValue))</span></h3>"
                if let why = rec.why { o += "<p>\(e(why))</p>" }
                o += "<ul>"
                for x in rec.exercises { o += x.htmlItem }
                o += "</ul>"
                if !rec.cues.isEmpty { o += "<p class=\"cues\">Cues while running: \(e(rec.cues.joined(separator: " ")))</p>" }
                o += "<p class=\"for\">For: \(e(rec.answers.joined(separator: "; ")))</p></article>"
            }
            o += "</section>\n"
        }

        o += curves(r)
        o += keyFrames(r)

        o += "<section id=\"tables\"><h2>Figures per stage</h2><p>Mean ± SD (strides) per side; a side needs "
        o += "\(MetricSummary.minimumSteps) strides for a mean. Side-view figures are for the \(e(r.markerSide.rawValue)) leg "
        o += "(the leg facing the side camera). Rows behind a finding are highlighted.</p>"
        for s in r.stages {
            o += "<h3>\(e(MarkdownReport.stageTitle(s)))</h3><table><thead><tr><th>metric</th><th>left</th><th>right</th>"
            o += "<th>L-R</th><th>reference</th><th>source</th></tr></thead><tbody>"
            for row in ReportTable(s, findings: r.findings, markerSide: r.markerSide, legLengthCm: r.manifest.athlete.legLengthCm).rows {
                o += "<tr\(row.flagged ? " class=\"flag\"" : "")><td>\(e(row.label))</td><td>\(e(row.left))</td><td>\(e(row.right))</td>"
                o += "<td>\(e(row.leftMinusRight))</td><td>\(e(row.reference))</td><td>\(e(row.sources))</td></tr>"
            }
            o += "</tbody></table>"
        }
        o += "</section>\n"

        let changes = StageChange.all(r.stages.map(\.input))
        if !changes.isEmpty {
            o += "<section id=\"changes\"><h2>Flat to incline</h2><p>Changes both sides share are the normal response to the "
            o += "grade; only a change that differs between the sides by more than the SDD is a finding.</p><table><thead><tr>"
            o += "<th>metric</th><th>side</th><th>flat</th><th>incline</th><th>change</th><th>SDD</th></tr></thead><tbody>"
            for c in changes {
                guard let m = StrideMetric(column: c.metric) else { continue }
                o += "<tr><td>\(e("\(m.title) (\(m.unit.rawValue))"))</td><td>\(e(SideWording.short(m, c.side)))</td><td>\(ReportNumber.plain(c.from, m))</td>"
                o += "<td>\(ReportNumber.plain(c.to, m))</td><td>\(e(ReportNumber.signed(c.change, m)))\(c.beyondSDD ? " (beyond SDD)" : "")</td>"
                o += "<td>\(c.sdd.map { ReportNumber.plain($0, m) } ?? "-")</td></tr>"
            }
            o += "</tbody></table></section>\n"
        }
        if !r.sessionNotes.isEmpty {
            o += "<section id=\"session-notes\"><h2>Clinician's notes</h2><ul>"
            o += r.sessionNotes.map { "<li><b>\(e($0.when))</b>: \(e($0.text))</li>" }.joined() + "</ul></section>\n"
        }
        if !r.notes.isEmpty {
            o += "<section id=\"notes\"><h2>Notes</h2><ul>" + r.notes.map { "<li>\(e($0))</li>" }.joined() + "</ul></section>\n"
        }
        o += "<section id=\"sources\"><h2>Sources</h2><ul>"
        o += LiteratureSource.allCases.sorted().map { "<li><b>\(e($0.key))</b>: \(e($0.citation))</li>" }.joined()
        o += "</ul></section>\n</body>\n</html>\n"
        return o
    }

    static func e(_ s: String) -> String { XMLText.escape(s) }

    /// Per angle: rear angles left vs right per stage and flat vs incline; side angles flat vs incline.
    static func curves(_ r: GaitReport) -> String {
        let all = r.stages.flatMap(\.curves)
        guard !all.isEmpty else { return "" }
        var o = "<section id=\"curves\"><h2>Angles over the gait cycle</h2><p>Mean (line) and SD (band) over the strides, 0 % "
        o += "and 100 % at initial contact; the thin dashed line is toe-off. Blue: left, red: right; dashed: incline.</p>"
        let stageNames = r.stages.map(\.info.directory)
        for variable in CycleVariable.allCases {
            let curves = all.filter { $0.variable == variable }
            guard !curves.isEmpty else { continue }
            func series(_ c: CycleCurve, band: Bool = true, label: String? = nil) -> SVGPlot.Series {
                let incline = r.stages.first { $0.info.directory == c.stage }.map { !$0.input.isLevel } ?? false
                return SVGPlot.Series(label: label ?? "\(c.side.rawValue), \(c.stage) (\(c.strides))",
                                      colour: c.side == .left ? leftColour : rightColour, dashed: incline, band: band,
                                      mean: c.mean, standardDeviation: c.standardDeviation, toeOffPercent: c.toeOffPercent)
            }
            var panels: [(String, [SVGPlot.Series])] = []
            if variable.view == .rear {
                for stage in stageNames {
                    let mine = curves.filter { $0.stage == stage }.sorted { $0.side.rawValue < $1.side.rawValue }
                    if !mine.isEmpty { panels.append(("\(variable.title): left vs right, \(stage)", mine.map { series($0) })) }
                }
                if stageNames.count > 1 {
                    panels.append(("\(variable.title): flat vs incline (means)", curves.map { series($0, band: false) }))
                }
            } else {
                panels.append(("\(variable.title) (\(r.markerSide.rawValue) leg): flat vs incline", curves.map { series($0) }))
            }
            let range = SVGPlot.range(panels.flatMap(\.1))
            o += "<figure class=\"curves\">"
            for (title, s) in panels { o += SVGPlot(title: title, unit: "deg", series: s, yRange: range).svg() }
            o += "<figcaption>\(e(caption(variable)))</figcaption></figure>"
        }
        return o + "</section>\n"
    }

    static func caption(_ v: CycleVariable) -> String {
        switch v {
        case .pelvicDrop: "Pelvis, + when the other (swing) side is lower during this leg's stance."
        case .hipAdduction: "Thigh against the pelvis, + knee toward the midline."
        case .kneeFrontal: "Thigh-shank angle seen from behind, + valgus; meaningful in stance only."
        case .kneeFlexion: "0 = straight knee."
        case .ankleDorsiflexion: "Shank against foot minus 90 deg, + dorsiflexion."
        case .tibiaAngle: "Shank against vertical, + ankle ahead of the knee."
        case .footAngle: "Foot against the belt, + toe up."
        case .trunkLean: "Trunk against vertical, + forward."
        case .hipFlexion: "Thigh against the trunk line, + flexion."
        case .thighAngle: "Thigh against vertical, + knee ahead of the hip."
        }
    }

    static func keyFrames(_ r: GaitReport) -> String {
        let frames = r.stages.flatMap(\.keyFrames)
        guard !frames.isEmpty else { return "" }
        var o = "<section id=\"keyframes\"><h2>Key frames</h2><p>Per stage, each finding at the event where it shows: "
        o += "both legs from behind for a rear-camera finding (a left-stance pelvic drop at left and at right midstance), the "
        o += "\(e(r.markerSide.rawValue)) leg from the side with the rear view at the same instant for a side-camera one; a stage "
        o += "without findings shows a typical stride at initial contact, midstance and toe-off. Values: TRUNK, HIP, KNEE, ANKLE "
        o += "(side); L/R ADD hip adduction, L/R FPPA knee frontal projection, PELVIS which side is low (rear). Markers: green "
        o += "detected, yellow predicted, blue placed by hand.</p>"
        for s in r.stages where !s.keyFrames.isEmpty {
            o += "<h3>\(e(MarkdownReport.stageTitle(s)))</h3><div class=\"frames\">"
            for k in s.keyFrames {
                let label = (k.shows.map { "\($0): " } ?? "")
                    + "\(s.info.directory), \(k.view.rawValue) view, \(eventName(k.event)) of the \(k.side.rawValue) leg, "
                    + "frame \(k.frame + 1), \(ReportNumber.format(k.seconds, decimals: 3)) s"
                o += "<figure><img src=\"\(k.dataURI)\" width=\"\(k.width)\" height=\"\(k.height)\" alt=\"\(e(label))\"/>"
                o += "<figcaption>\(e(label))</figcaption></figure>"
            }
            o += "</div>"
        }
        return o + "</section>\n"
    }

    static func eventName(_ k: GaitEvent.Kind) -> String {
        switch k {
        case .initialContact: "initial contact"
        case .midstance: "midstance"
        case .toeOff: "toe-off"
        }
    }

    static let style = """
        body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1150px;color:#222;line-height:1.4;padding:0 1em}\
        h1{margin-bottom:.2em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:1.6em}\
        .meta{list-style:none;padding:0;color:#555;font-size:.9em}.stage{font-size:.75em;color:#666;font-weight:normal}\
        .finding{margin-bottom:.8em}.finding h3{margin:.2em 0}.context{color:#666}cite{color:#666;font-size:.85em}\
        .none{background:#eef7ee;padding:.6em;border-radius:4px}.rec{border-left:4px solid #2166ac;padding-left:1em;margin:1em 0}\
        .cues,.for{color:#555;font-size:.9em}table{border-collapse:collapse;font-size:.85em;margin-bottom:1em}\
        th,td{border:1px solid #ccc;padding:3px 6px;text-align:left}tr.flag{background:#fde7e7}\
        figure{margin:.5em 0}figure.curves{display:inline-block;vertical-align:top;margin-right:10px}.curves svg{margin-right:6px}figure.curves figcaption{font-size:.8em;color:#555;max-width:360px}.plot{background:#fff;border:1px solid #ddd}\
        .ptitle{font-size:11px;font-weight:bold}.tick,.legend{font-size:9px;fill:#444}.grid{stroke:#eee}\
        .zero{stroke:#999}.mean{fill:none;stroke-width:1.8}.band{opacity:.18;stroke:none}\
        .toeoff{stroke-width:.8;stroke-dasharray:2 3;opacity:.7}.frames{display:flex;flex-wrap:wrap;gap:10px}\
        .frames figure{font-size:.75em;color:#555;max-width:330px}.frames img{max-width:320px;height:auto;border:1px solid #ccc}\
        @media print{h2{page-break-after:avoid}figure,table{page-break-inside:avoid}}
        """
}
