import Foundation
public import CaptureKit
public import MarkerTracker
public import OfflineAnalysis
public import SessionStore

/// The session's report in the review console (key `R`): findings with their evidence, what to
/// work on, then per stage every stride metric per side with its reference, scrolled with the
/// arrow keys, PgUp/PgDn, Home/End; Esc, `q` or `R` closes it. The same `GaitReport` as
/// `gaitlive report`, without plots and pictures.
public struct ReportOverlay {
    /// One line of the report before wrapping: its text, colour and indent for continuation lines.
    struct Line {
        var text: String
        var colour: UInt8 = Palette.text
        var bold = false
        var indent = 0
    }

    let lines: [Line]
    public private(set) var top = 0
    /// Rows shown at the last draw (the page for PgUp/PgDn).
    var page = 20

    /// What a key did.
    public enum Action: Equatable {
        case stay
        case close
    }

    /// Builds the report of `session` with the exercise library gaitlive would use
    /// (`GAITLIVE_EXERCISES`, the configuration directory, else the built-in one).
    public init(session: RecordedSession) {
        do {
            let library = try ExerciseLibrary.locate(explicit: nil, environment: ProcessInfo.processInfo.environment,
                                                     executable: nil)
            let report = try GaitReport.build(session: session, library: library.library, libraryPath: library.path,
                                              options: .init(curves: false, keyFrames: false))
            lines = ReportOverlay.lines(report)
        } catch {
            lines = [Line(text: "The report cannot be made:", colour: Palette.warning, bold: true), Line(text: "\(error)")]
        }
    }

    /// The text of the overlay, unwrapped (for tests).
    public var text: [String] { lines.map(\.text) }

    static func lines(_ r: GaitReport) -> [Line] {
        var out: [Line] = []
        func heading(_ s: String) { out.append(Line(text: s, colour: Palette.heading, bold: true)) }
        heading("Findings")
        if r.findings.isEmpty { out.append(Line(text: MarkdownReport.noFindings(r), colour: Palette.good)) }
        for (i, f) in r.findings.enumerated() {
            out.append(Line(text: "\(i + 1). \(f.title) (\(f.stage))", colour: Palette.warning, bold: true, indent: 3))
            for e in f.evidence {
                out.append(Line(text: "   - \(e.text)", colour: e.rule == .context ? Palette.dimText : Palette.text, indent: 5))
            }
        }
        if !r.recommendations.isEmpty {
            out.append(Line(text: ""))
            heading("What to work on")
            for rec in r.recommendations {
                out.append(Line(text: "\(rec.title) (\(rec.side.rawValue))", colour: Palette.accent, bold: true))
                for x in rec.exercises {
                    out.append(Line(text: "  - \(x.name)" + (x.dose.map { ": \($0)" } ?? ""), indent: 4))
                }
                if !rec.cues.isEmpty { out.append(Line(text: "  Cues: " + rec.cues.joined(separator: " "), colour: Palette.dimText, indent: 8)) }
            }
        }
        for s in r.stages {
            out.append(Line(text: ""))
            heading("Stage \(MarkdownReport.stageTitle(s)): mean ± SD (strides)")
            out.append(Line(text: TextFormat.column("metric", 22) + TextFormat.column("left", 18) + TextFormat.column("right", 18) + TextFormat.column("L-R", 7) + "reference",
                            colour: Palette.dimText))
            for row in ReportTable(s, findings: r.findings, markerSide: r.markerSide).rows {
                out.append(Line(text: TextFormat.column(row.label, 22) + TextFormat.column(row.left, 18) + TextFormat.column(row.right, 18) + TextFormat.column(row.leftMinusRight, 7)
                                    + row.reference, colour: row.flagged ? Palette.warning : Palette.text))
            }
        }
        if !r.notes.isEmpty {
            out.append(Line(text: ""))
            heading("Notes")
            for n in r.notes { out.append(Line(text: "- " + n, colour: Palette.dimText, indent: 2)) }
        }
        return out
    }

    /// Wraps the lines to `width` columns.
    func wrapped(_ width: Int) -> [Line] {
        var out: [Line] = []
        for l in lines {
            var rest = Substring(l.text)
            var first = true
            repeat {
                let room = max(10, width - (first ? 0 : l.indent))
                var cut = rest.endIndex
                if rest.count > room {
                    cut = rest.index(rest.startIndex, offsetBy: room)
                    if let space = rest[..<cut].lastIndex(of: " "), rest.distance(from: rest.startIndex, to: space) > room / 2 { cut = space }
                }
                out.append(Line(text: (first ? "" : String(repeating: " ", count: l.indent)) + rest[..<cut], colour: l.colour, bold: l.bold))
                rest = rest[cut...].drop { $0 == " " }
                first = false
            } while !rest.isEmpty
        }
        return out
    }

    public mutating func handle(_ key: Key) -> Action {
        switch key {
        case .escape, .character("q"), .character("R"): return .close
        case .down, .character("j"): top += 1
        case .up, .character("k"): top = max(0, top - 1)
        case .pageDown, .character(" "): top += page
        case .pageUp: top = max(0, top - page)
        case .home: top = 0
        case .end: top = Int.max / 2
        default: break
        }
        return .stay
    }

    /// Draws the overlay over everything but the header row, the full width and down to the
    /// last row (nothing of the screen underneath shows through).
    public mutating func draw(into grid: inout CellGrid, utf8: Bool) {
        let x = 0, y = 1, w = grid.width, h = grid.height - 1
        guard w > 20, h > 4 else { return }
        grid.fill(column: x, row: y, width: w, height: h, with: Cell(" ", background: 234))
        let body = wrapped(w - 4)
        page = h - 3
        top = min(top, max(0, body.count - page))
        let title = " report (up/down PgUp/PgDn scroll, Esc close) "
        grid.put(String(repeating: utf8 ? "─" : "-", count: w), column: x, row: y, foreground: Palette.accent, background: 234)
        grid.put(title, column: x + 2, row: y, foreground: Palette.heading, background: 234, attributes: [.bold])
        for (i, l) in body.dropFirst(top).prefix(page).enumerated() {
            grid.put(l.text, column: x + 2, row: y + 1 + i, foreground: l.colour, background: 234, attributes: l.bold ? [.bold] : [])
        }
        let shown = body.isEmpty ? "" : " lines \(top + 1)-\(min(body.count, top + page)) of \(body.count) "
        grid.put(String(repeating: utf8 ? "─" : "-", count: w), column: x, row: y + h - 1, foreground: Palette.accent, background: 234)
        grid.put(shown, column: x + w - shown.count - 2, row: y + h - 1, foreground: Palette.dimText, background: 234)
    }
}
