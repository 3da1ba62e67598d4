import MarkerTracker
import SessionStore

/// `gaitlive report DIR --compare OTHER --format html`: one self-contained file in the report's
/// style: the findings' fates, the real changes, per stage a before/after plot of each metric
/// with a real change (both sides, mean ± SD), and the Markdown's tables.
public enum CompareHTML {
    public static func render(_ c: SessionComparison) -> String {
        let e = HTMLReport.e
        let title = "Before and after: " + c.after.manifest.athlete.name
        var o = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        o += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        o += "<title>\(e(title))</title>\n<style>\(HTMLReport.style).sdbar{stroke-width:1}</style>\n</head>\n<body>\n"
        o += "<header><h1>\(e(title))</h1><ul class=\"meta\">"
        o += "<li>\(e("Before: \(c.before.manifest.created), \(c.before.directory)"))</li>"
        o += "<li>\(e("After: \(c.after.manifest.created), \(c.after.directory)"))</li></ul>"
        o += "<p>\(e(ProgressWording.rule))</p></header>\n"
        o += "<section id=\"findings\"><h2>Findings</h2>"
        o += c.findings.isEmpty ? "<p class=\"none\">No findings in either session.</p>"
                                : "<ul>" + c.findings.map { "<li>\(e(CompareMarkdown.line($0)))</li>" }.joined() + "</ul>"
        o += "</section>\n<section id=\"changes\"><h2>Real changes</h2>"
        let real = CompareMarkdown.realChanges(c)
        o += real.isEmpty ? "<p class=\"none\">None: every judged change is within its threshold.</p>"
                          : "<ul>" + real.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
        let dates = [String(c.before.manifest.created.prefix(10)), String(c.after.manifest.created.prefix(10))]
        for stage in AthleteProgress.stageKinds {
            for metric in StrideMetric.allCases {
                let both = c.rows.filter { $0.stage == stage && $0.metric == metric }
                guard both.contains(where: { $0.change?.isReal == true }) else { continue }
                let series = both.map { r in
                    TrendPlot.Series(label: ProgressWording.side(r.side, metric),
                                     colour: r.side == .left ? HTMLReport.leftColour : HTMLReport.rightColour,
                                     mean: [r.before?.mean, r.after?.mean],
                                     standardDeviation: [r.before?.standardDeviation, r.after?.standardDeviation])
                }
                o += "<figure class=\"curves\">"
                o += TrendPlot(title: "\(stage): \(metric.title)", unit: metric.unit.rawValue, dates: dates, series: series).svg()
                o += "</figure>"
            }
        }
        o += "</section>\n<section id=\"tables\"><h2>Every metric</h2>"
        for stage in AthleteProgress.stageKinds {
            let mine = c.rows.filter { $0.stage == stage }
            guard !mine.isEmpty else { continue }
            o += "<h3>\(e(stage))</h3><table><thead><tr><th>metric</th><th>side</th><th>before</th><th>after</th><th>change</th>"
            o += "</tr></thead><tbody>"
            for r in mine {
                o += "<tr\(r.change?.isReal == true ? " class=\"flag\"" : "")><td>\(e(ReportTable.label(r.metric)))</td>"
                o += "<td>\(e(ProgressWording.side(r.side, r.metric)))</td><td>\(e(CompareMarkdown.cell(r.before)))</td>"
                o += "<td>\(e(CompareMarkdown.cell(r.after)))</td><td>\(e(ProgressWording.change(r.change, r.metric)))</td></tr>"
            }
            o += "</tbody></table>"
        }
        return o + "</section>\n</body>\n</html>\n"
    }
}
