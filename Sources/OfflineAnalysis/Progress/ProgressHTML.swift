import MarkerTracker

/// `gaitlive progress --format html`: one self-contained file in the report's style
/// (`HTMLReport.style`, its colours for left and right): the real changes, then per stage a trend
/// plot per metric (both sides, mean ± SD per session) and the Markdown's tables.
public enum ProgressHTML {
    public static func render(_ p: AthleteProgress) -> String {
        let e = HTMLReport.e
        var o = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        o += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        o += "<title>\(e("Progress: " + p.athlete))</title>\n<style>\(HTMLReport.style).sdbar{stroke-width:1}</style>\n</head>\n<body>\n"
        o += "<header><h1>\(e("Progress: " + p.athlete))</h1><ol class=\"meta\">"
        for s in p.sessions { o += "<li>\(e("\(s.date) (\(s.created)): \(s.directory)"))</li>" }
        o += "</ol>"
        for s in p.skipped { o += "<p class=\"context\">\(e("not read: \(s.directory): \(s.reason)"))</p>" }
        o += "<p>\(e(ProgressWording.rule))</p></header>\n"
        o += "<section id=\"changes\"><h2>Real changes, first session to last</h2>"
        let real = ProgressMarkdown.realChanges(p)
        o += real.isEmpty ? "<p class=\"none\">None: every judged change is within its threshold.</p>"
                          : "<ul>" + real.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
        o += "</section>\n"
        let dates = p.sessions.map(\.date)
        for stage in AthleteProgress.stageKinds {
            let mine = p.series.filter { $0.stage == stage }
            guard !mine.isEmpty else { continue }
            o += "<section class=\"stage\"><h2>\(e(stage.prefix(1).uppercased() + stage.dropFirst()))</h2>"
            for metric in StrideMetric.allCases {
                let both = BodySide.allCases.compactMap { side in mine.first { $0.metric == metric && $0.side == side } }
                guard !both.isEmpty else { continue }
                let series = both.map { s -> TrendPlot.Series in
                    var mean = [Double?](repeating: nil, count: dates.count), sd = mean
                    for pt in s.points {
                        mean[pt.session] = pt.summary.mean
                        sd[pt.session] = pt.summary.standardDeviation
                    }
                    return TrendPlot.Series(label: ProgressWording.side(s.side, metric),
                                            colour: s.side == .left ? HTMLReport.leftColour : HTMLReport.rightColour,
                                            mean: mean, standardDeviation: sd)
                }
                o += "<figure class=\"curves\">"
                o += TrendPlot(title: "\(stage): \(metric.title)", unit: metric.unit.rawValue, dates: dates, series: series).svg()
                o += "<figcaption>\(e(caption(both, metric)))</figcaption></figure>"
            }
            o += "</section>\n"
        }
        o += "<section id=\"tables\"><h2>Every session</h2>" + tables(p) + "</section>\n"
        return o + "</body>\n</html>\n"
    }

    /// "left: -5.0, real decrease (beyond 2.8); right: +0.3, no real change (within 2.8)", first to last.
    static func caption(_ both: [AthleteProgress.Series], _ m: StrideMetric) -> String {
        let parts = both.compactMap { s in s.overall.map { "\(ProgressWording.side(s.side, m)): \(ProgressWording.change($0, m))" } }
        return parts.isEmpty ? "Fewer than two sessions with a mean." : "First to last: " + parts.joined(separator: "; ")
    }

    /// The Markdown's per-metric tables as HTML tables.
    static func tables(_ p: AthleteProgress) -> String {
        let e = HTMLReport.e
        var o = ""
        for stage in AthleteProgress.stageKinds {
            let mine = p.series.filter { $0.stage == stage }
            guard !mine.isEmpty else { continue }
            for metric in StrideMetric.allCases {
                let both = BodySide.allCases.compactMap { side in mine.first { $0.metric == metric && $0.side == side } }
                guard !both.isEmpty else { continue }
                o += "<h3>\(e("\(stage): \(ReportTable.label(metric))"))</h3><table><thead><tr><th>session</th><th>date</th>"
                for s in both { o += "<th>\(e(ProgressWording.side(s.side, metric)))</th><th>from first</th><th>from previous</th>" }
                o += "</tr></thead><tbody>"
                for (i, session) in p.sessions.enumerated() {
                    let cells = both.map { s -> [String] in
                        guard let pt = s.points.first(where: { $0.session == i }) else { return ["-", "", ""] }
                        return [ProgressWording.summary(pt.summary), ProgressWording.change(pt.fromFirst, metric),
                                ProgressWording.change(pt.fromPrevious, metric)]
                    }
                    guard cells.contains(where: { $0[0] != "-" }) else { continue }
                    let real = both.contains { s in s.points.first { $0.session == i }?.fromPrevious?.isReal == true }
                    o += "<tr\(real ? " class=\"flag\"" : "")><td>\(i + 1)</td><td>\(e(session.date))</td>"
                    o += cells.flatMap { $0 }.map { "<td>\(e($0))</td>" }.joined() + "</tr>"
                }
                o += "</tbody></table>"
            }
        }
        return o
    }
}
