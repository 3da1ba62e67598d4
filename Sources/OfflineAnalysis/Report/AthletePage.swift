public import MarkerTracker
import SessionStore

/// The athlete's page (`gaitlive report DIR --for athlete`): one page in plain words: what was
/// found, what to work on (the exercise library's exercises and running cues), and pictures of
/// where each finding shows. No statistics, thresholds, sources or times: those are in the
/// clinician's report (the default). Markdown (pictures as PNG `data:` URIs) or HTML.
public enum AthletePage {
    /// One line per finding kind and side, with the stages it was seen in.
    struct Item {
        var finding: Finding
        var stageKinds: [String]
    }

    static func items(_ r: GaitReport) -> [Item] {
        var out: [Item] = []
        for f in r.findings {
            if let i = out.firstIndex(where: { $0.finding.kind == f.kind && $0.finding.side == f.side && $0.finding.metric == f.metric }) {
                out[i].stageKinds.append(f.stageKind)
            } else {
                out.append(Item(finding: f, stageKinds: [f.stageKind]))
            }
        }
        return out
    }

    static let title = "Your running analysis"

    static func intro(_ r: GaitReport) -> String {
        "We filmed you running on the treadmill from the side and from behind"
            + (r.stages.contains { !$0.input.isLevel } ? ", on the flat and uphill" : "") + ". Here is what we saw and what to work on."
    }

    static let nothing = "We found nothing that needs work: keep running the way you do."

    static let closing = "Start gently and stop any exercise that hurts. Your therapist will go through each exercise with you "
        + "and check your progress at the next visit."

    /// Plain caption of a picture.
    static func caption(_ k: KeyFrame) -> String {
        let moment = switch k.event {
        case .initialContact: "as your \(k.side.rawValue) foot lands"
        case .midstance: "with your \(k.side.rawValue) foot on the ground"
        case .toeOff: "as your \(k.side.rawValue) foot leaves the ground"
        }
        return "\(k.view == .rear ? "From behind" : "From the side"), \(moment)"
    }

    /// The pictures that show a finding (or the typical stride's when there is none), of the flat
    /// stage first.
    static func pictures(_ r: GaitReport) -> [KeyFrame] {
        let ordered = r.stages.filter(\.input.isLevel) + r.stages.filter { !$0.input.isLevel }
        var out: [KeyFrame] = []
        var seen: Set<String> = []
        for s in ordered {
            for k in s.keyFrames where k.shows != nil || r.findings.isEmpty {
                let key = "\(k.view) \(k.side) \(k.event) \(k.shows ?? "")"
                if seen.insert(key).inserted { out.append(k) }
            }
        }
        return out
    }

    public static func markdown(_ r: GaitReport) -> String {
        var o = "# \(title): \(r.manifest.athlete.name)\n\n\(intro(r))\n\n## What we found\n\n"
        let items = items(r)
        if items.isEmpty { o += nothing + "\n\n" }
        for it in items { o += "- \(PlainWords.sentence(it.finding)) (\(PlainWords.stages(it.stageKinds)))\n" }
        if !items.isEmpty { o += "\n" }
        let pictures = pictures(r)
        if !pictures.isEmpty {
            o += "## Pictures\n\n"
            for k in pictures { o += "![\(caption(k))](\(k.dataURI))\n\n*\(caption(k))*\n\n" }
        }
        if !r.recommendations.isEmpty {
            o += "## What to work on\n\n"
            for rec in r.recommendations {
                o += "### \(rec.title)\n\n"
                if let why = rec.why { o += why + "\n\n" }
                for x in rec.exercises { o += x.markdownItem }
                if !rec.cues.isEmpty { o += "- While you run: " + rec.cues.joined(separator: " ") + "\n" }
                o += "\n"
            }
        }
        return o + closing + "\n"
    }

    public static func html(_ r: GaitReport) -> String {
        func e(_ s: String) -> String { XMLText.escape(s) }
        var o = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        o += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        o += "<title>\(e(title + ": " + r.manifest.athlete.name))</title>\n<style>\(style)</style>\n</head>\n<body>\n"
        o += "<header><h1>\(e(title + ": " + r.manifest.athlete.name))</h1><p>\(e(intro(r)))</p></header>\n"
        o += "<section id=\"found\"><h2>What we found</h2>"
        let items = items(r)
        if items.isEmpty { o += "<p class=\"none\">\(e(nothing))</p>" }
        o += "<ul>" + items.map { "<li>\(e(PlainWords.sentence($0.finding))) <span class=\"when\">(\(e(PlainWords.stages($0.stageKinds))))</span></li>" }.joined() + "</ul>"
        let pictures = pictures(r)
        if !pictures.isEmpty {
            o += "<div class=\"frames\">"
            for k in pictures {
                o += "<figure><img src=\"\(k.dataURI)\" width=\"\(k.width)\" height=\"\(k.height)\" alt=\"\(e(caption(k)))\"/>"
                o += "<figcaption>\(e(caption(k)))</figcaption></figure>"
            }
            o += "</div>"
        }
        o += "</section>\n"
        if !r.recommendations.isEmpty {
            o += "<section id=\"work\"><h2>What to work on</h2>"
            for rec in r.recommendations {
                o += "<article class=\"rec\"><h3>\(e(rec.title))</h3>"
                if let why = rec.why { o += "<p>\(e(why))</p>" }
                o += "<ul>" + rec.exercises.map(\.htmlItem).joined() + "</ul>"
                if !rec.cues.isEmpty { o += "<p class=\"cues\">While you run: \(e(rec.cues.joined(separator: " ")))</p>" }
                o += "</article>"
            }
            o += "</section>\n"
        }
        o += "<footer><p>\(e(closing))</p></footer>\n</body>\n</html>\n"
        return o
    }

    static let style = """
        body{font-family:system-ui,sans-serif;margin:1.5em auto;max-width:900px;color:#222;line-height:1.45;padding:0 1em}\
        h1{margin-bottom:.2em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:1.2em}.when{color:#666}\
        .none{background:#eef7ee;padding:.6em;border-radius:4px}.rec{border-left:4px solid #2166ac;padding-left:1em;margin:.8em 0}\
        .cues{color:#444}.frames{display:flex;flex-wrap:wrap;gap:10px}.frames figure{margin:.3em 0;font-size:.85em;color:#555;max-width:280px}\
        .frames img{max-width:270px;height:auto;border:1px solid #ccc}footer{color:#555;font-size:.9em;margin-top:1.5em}\
        @media print{body{margin:0;font-size:11pt}.frames img{max-width:200px}figure{page-break-inside:avoid}}
        """
}
