import Foundation
import MarkerTracker
import OfflineAnalysis
import SessionStore

/// Review's two lists over the screen: the strides (`s`, each with its metrics and outliers) and
/// the notes (`N`), their keys and their drawing.
extension ReviewScreen {
    func handleStrideList(_ key: Key, selected: Int) -> ScreenAction {
        let strides = review?.strides.strides ?? []
        switch key {
        case .up, .character("k"): focus = .strides(selected: max(0, selected - 1))
        case .down, .character("j"): focus = .strides(selected: min(max(0, strides.count - 1), selected + 1))
        case .enter:
            focus = .frames
            guard strides.indices.contains(selected) else { return .none }
            playStride(strides[selected])
        case .character("o"):
            // The next stride with an odd value (wrapping round).
            let odd = strides.indices.filter { !strides[$0].outliers.isEmpty }
            guard let next = odd.first(where: { $0 > selected }) ?? odd.first else {
                flash("no stride stands out in this stage")
                return .none
            }
            focus = .strides(selected: next)
        case .escape, .character("s"): focus = .frames
        case .character("q"): return .quit
        default: break
        }
        return .none
    }

    func handleNoteList(_ key: Key, selected: Int) -> ScreenAction {
        let notes = noteList
        switch key {
        case .up, .character("k"): focus = .notes(selected: max(0, selected - 1))
        case .down, .character("j"): focus = .notes(selected: min(max(0, notes.count - 1), selected + 1))
        case .enter:
            focus = .frames
            guard notes.indices.contains(selected) else { return .none }
            let note = notes[selected]
            guard let t = note.seconds, let st = clock.stage(holding: t) else {
                flash("that note is not at a recorded moment")
                return .none
            }
            go(stage: st, seconds: t)
            flash("note: \(note.text)")
        case .escape, .character("N"): focus = .frames
        case .character("q"): return .quit
        default: break
        }
        return .none
    }

    /// The stride list: each accepted stride (the report's rule) with its metrics; values that
    /// stand out among the leg's strides (`StrideOutliers`) are marked `*` and the stride `!`.
    func drawStrideList(_ r: StageReview, selected: Int, into grid: inout CellGrid) {
        let strides = r.strides.strides
        let metrics = StrideColumns.metrics.filter { m in strides.contains { $0.values[m] != nil } }
        let room = grid.width - 6
        var shown: [StrideMetric] = []
        var width = 26
        for m in metrics where width + StrideColumns.width <= room {
            shown.append(m)
            width += StrideColumns.width
        }
        var lines = ["  side no.    start    time" + shown.map { TextFormat.padded(StrideColumns.heading($0), StrideColumns.width, right: true) }.joined()]
        var colours: [UInt8] = [Palette.heading]
        let rows = max(3, grid.height - 8)
        let first = max(0, min(selected - rows / 2, strides.count - rows))
        for (i, s) in strides.enumerated() where i >= first && i < first + rows {
            let mark = i == selected ? (pane.utf8 ? "▶" : ">") : " "
            let odd = s.outliers.isEmpty ? " " : "!"
            var line = "\(mark) \(s.side.letter)  \(TextFormat.padded(String(s.number), 4, right: true, cut: false))\(odd) \(TextFormat.padded(TextFormat.fixed(s.start, 2), 8, right: true, cut: false))"
                + " \(TextFormat.padded(TextFormat.fixed(s.duration * 1000, 0), 4, right: true, cut: false))ms"
            for m in shown {
                let v = s.values[m].map { StrideColumns.format($0, m) + (s.outliers.contains(m) ? "*" : " ") } ?? "-- "
                line += TextFormat.padded(v, StrideColumns.width, right: true, cut: false)
            }
            lines.append(line)
            colours.append(s.outliers.isEmpty ? Palette.text : Palette.warning)
        }
        if strides.isEmpty {
            lines.append("no strides the report accepts in this stage")
            colours.append(Palette.dimText)
        }
        let out = r.strides.partial + r.strides.implausible
        lines.append("\(strides.count) strides" + (out > 0 ? " (\(out) left out, as in the report: a missed contact or the stage's edge)" : ""))
        lines.append("* outlier (modified z > 3.5 of the leg), ! a stride with one")
        colours += [Palette.dimText, Palette.dimText]
        TextFormat.drawOverlayBox(lines, title: "strides, stage \(stageIndex + 1) (\(selected + 1)/\(strides.count))", into: &grid,
                                  utf8: pane.utf8, colours: colours)
    }

    /// The notes by REC clock, where each is in the session.
    func drawNoteList(selected: Int, into grid: inout CellGrid) {
        let notes = noteList
        var lines: [String] = []
        let rows = max(3, grid.height - 6)
        let first = max(0, min(selected - rows / 2, notes.count - rows))
        for (i, n) in notes.enumerated() where i >= first && i < first + rows {
            let mark = i == selected ? (pane.utf8 ? "▶" : ">") : " "
            var when = "whole session"
            if let t = n.seconds {
                if let st = clock.stage(holding: t) {
                    when = "REC \(TextFormat.clock(clock.recorded(stage: st, at: t)))  \(session.stages[st].info.kind)"
                } else {
                    when = "not recorded (\(TextFormat.fixed(t, 1)) s)"
                }
            }
            lines.append("\(mark) \(TextFormat.padded(when, 22))  \(n.text)")
        }
        if notes.isEmpty { lines.append("no notes yet: m in the live console, a here") }
        TextFormat.drawOverlayBox(lines, title: "notes (\(notes.count))", into: &grid, utf8: pane.utf8)
    }
}
