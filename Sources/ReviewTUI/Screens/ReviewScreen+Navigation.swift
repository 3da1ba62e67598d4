import Foundation
import MarkerTracker
import OfflineAnalysis
import SessionStore

/// Moving about a session in review: to events (forward and back, saying when a pause lies
/// between), to notes and to times on the REC clock; undoing a correction.
extension ReviewScreen {
    /// Moves to the next (or previous) event of `kind` from the current frame (any side, this
    /// stage); says so when a pause lies between.
    func jump(to kind: GaitEvent.Kind, forward: Bool = true) {
        guard let r = review, let m = masterView else { return }
        let t = currentTime
        // By the master frame each event is shown at: an event of the other camera a few
        // milliseconds away is on this frame, not the next or the previous one.
        let candidates = r.events.filter { $0.kind == kind }.map { e in (e, e.view == m ? e.frame : (r.frame(m, atSeconds: e.time) ?? -1)) }
            .filter { forward ? $0.1 > frame : ($0.1 >= 0 && $0.1 < frame) }
        guard let (e, n) = forward ? candidates.min(by: { $0.0.time < $1.0.time }) : candidates.max(by: { $0.0.time < $1.0.time }) else {
            flash("no \(forward ? "later" : "earlier") \(kind.rawValue) in this stage")
            return
        }
        playback.pause()
        seek(n)
        let crossed = pause(between: t, and: e.time)
        flash("\(kind.rawValue) \(e.side.rawValue)" + (crossed.map { ", across a pause of \(TextFormat.fixed($0, 1)) s" } ?? ""))
    }

    /// The REC clock of the session (as the live header shows it).
    var clock: RecordingClock {
        if let c = clockCache { return c }
        let c = RecordingClock(session: session)
        clockCache = c
        return c
    }

    /// Seconds of the pauses of this stage that lie (even in part) between session times `a` and `b`, if any.
    func pause(between a: Double, and b: Double) -> Double? {
        let lo = min(a, b), hi = max(a, b)
        let gaps = clock.pauses(stage: stageIndex).filter { $0.upperBound > lo + 1e-6 && $0.lowerBound < hi - 1e-6 }
        return gaps.isEmpty ? nil : gaps.reduce(0) { $0 + $1.upperBound - $1.lowerBound }
    }

    /// "2 strides" (of which sides), for the correction messages.
    func strideCount(_ records: [StrideRecord]) -> String {
        records.count == 1 ? "1 stride" : "\(records.count) strides"
    }

    /// Undoes the newest correction of the master view in this stage.
    func undoCorrection() {
        guard let m = masterView, let r = review else { return }
        do {
            guard let (c, again) = try r.undoCorrection(m) else {
                flash("no correction to undo in this stage")
                return
            }
            let label = MarkerSet.standard(for: m).labels[c.marker]
            flash("correction undone: \(label) frame \(c.frame + 1), \(strideCount(again)) re-measured")
        } catch {
            flash("could not undo: \(error)")
        }
    }

    /// The session's notes, by time (whole-session notes first).
    var noteList: [SessionManifest.Note] {
        session.manifest.notes.sorted { ($0.seconds ?? -1) < ($1.seconds ?? -1) }
    }

    /// Shows stage `st` at session time `t` (paused).
    func go(stage st: Int, seconds t: Double) {
        if st != stageIndex {
            stageIndex = st
            playback.reset(frameCount: frameCount)
            imageCache.removeAll()
        }
        guard let m = masterView, let r = review, let n = r.frame(m, atSeconds: t) else { return }
        playback.pause()
        seek(n)
    }

    /// `g`: a REC clock time (m:ss or mm:ss.s), session seconds (93.5), or a frame (f922).
    func goTo(_ text: String) {
        let s = text.trimmingWhitespace().lowercased()
        if s.hasPrefix("f") || s.hasPrefix("#"), let n = Int(String(s.dropFirst()).trimmingWhitespace()) {
            seek(n - 1)
            flash("frame \(frame + 1)")
            return
        }
        let parts = s.hasPrefix("rec") ? String(s.dropFirst(3)).trimmingWhitespace() : s
        if parts.contains(":") {
            let f = parts.split(separator: ":")
            guard f.count == 2, let mm = Double(f[0]), let ss = Double(f[1]),
                  let (st, t) = clock.sessionTime(recorded: mm * 60 + ss) else {
                flash("not a time: \(text)")
                return
            }
            go(stage: st, seconds: t)
            flash("REC \(TextFormat.clock(mm * 60 + ss))")
            return
        }
        guard let t = Double(parts), let st = clock.stage(holding: t) else {
            flash("no recorded frame at \(text)")
            return
        }
        go(stage: st, seconds: t)
        flash("\(TextFormat.fixed(currentTime, 3)) s")
    }
}
