import Foundation
public import CaptureKit
public import MarkerTracker

/// The review console: a saved session played back slowly or frame by frame, both views locked
/// by timestamp, with the same overlays and numbers as live.
///
/// Keys: left/right one frame, PgUp/PgDn one second, Home/End, space play/pause, `+`/`-` speed
/// (1/2, 1/4, 1/8, 1/16 of real time), `i`/`m`/`t` next initial contact, midstance, toe-off,
/// `n`/`p` next/previous stage, `?` help, `q` quit.
public final class ReviewScreen: ConsoleScreen {
    public let session: RecordedSession
    public var pane: ViewPane
    public private(set) var stageIndex = 0
    /// Frame of the master view (side if recorded, else rear).
    public private(set) var frame = 0
    public private(set) var playing = false
    public static let speeds: [Double] = [1, 0.5, 0.25, 0.125, 0.0625]
    public private(set) var speedIndex = 2
    var playhead = 0.0
    var lastTick: Double?
    var helpVisible = false
    var stageStats: [Int: [CameraView: [AngleKind: RunningStats]]] = [:]
    var imageCache: [String: LumaImage] = [:]
    var message: (text: String, until: Double)?
    var now = 0.0
    /// The note being typed (`a`), saved to the session on Enter; nil when not typing.
    public private(set) var noteDraft: String?

    public init(session: RecordedSession, pane: ViewPane) {
        self.session = session
        self.pane = pane
    }

    var stage: RecordedSession.Stage? { session.stages.indices.contains(stageIndex) ? session.stages[stageIndex] : nil }

    /// The view whose frames the frame counter counts.
    var masterView: CameraView? {
        guard let s = stage else { return nil }
        return s.views[.side] != nil ? .side : (s.views[.rear] != nil ? .rear : nil)
    }

    var frameCount: Int {
        guard let s = stage, let m = masterView, let v = s.views[m] else { return 0 }
        return v.frameCount
    }

    /// The frame shown for `view`: the master frame, or the other view's frame nearest in time.
    public func frameIndex(for view: CameraView) -> Int? {
        guard let s = stage, let m = masterView, let mv = s.views[m], let v = s.views[view], frame < mv.frameCount else {
            return nil
        }
        if view == m { return frame }
        return v.nearestFrame(toTimestamp: mv.timestamps[frame])
    }

    public var speed: Double { ReviewScreen.speeds[speedIndex] }

    public func handle(_ key: Key) -> ScreenAction {
        if noteDraft != nil {
            editNote(key)
            return .none
        }
        if helpVisible, key != .resize {
            helpVisible = false
            return .none
        }
        let fps = masterFps
        switch key {
        case .character("q"), .character("Q"): return .quit
        case .right, .character("l"): step(1)
        case .left, .character("h"): step(-1)
        case .pageDown: step(Int(fps.rounded()))
        case .pageUp: step(-Int(fps.rounded()))
        case .home: seek(0)
        case .end: seek(frameCount - 1)
        case .character(" "):
            playing.toggle()
            playhead = Double(frame)
            lastTick = nil
        case .character("+"), .character("="):
            speedIndex = max(0, speedIndex - 1)
            flash("speed \(speedLabel)")
        case .character("-"), .character("_"):
            speedIndex = min(ReviewScreen.speeds.count - 1, speedIndex + 1)
            flash("speed \(speedLabel)")
        case .character("n"), .tab: changeStage(1)
        case .character("p"), .backTab: changeStage(-1)
        case .character("i"): jump(to: .initialContact)
        case .character("m"): jump(to: .midstance)
        case .character("t"): jump(to: .toeOff)
        case .character("?"): helpVisible = true
        case .character("a"):
            playing = false
            noteDraft = ""
        default: break
        }
        return .none
    }

    /// Typing a note: Enter saves it (stamped with the time of the frame on screen), Esc cancels.
    func editNote(_ key: Key) {
        guard var draft = noteDraft else { return }
        switch key {
        case .escape:
            noteDraft = nil
            return
        case .enter:
            noteDraft = nil
            guard !draft.trimmingCharacters(in: .whitespaces).isEmpty else { return }
            do {
                try session.addNote(draft, seconds: currentSeconds)
                flash("note saved")
            } catch {
                flash("note not saved: \(error)")
            }
            return
        case .backspace:
            if !draft.isEmpty { draft.removeLast() }
        case .character(let c) where draft.count < 200:
            draft.append(c)
        default:
            break
        }
        noteDraft = draft
    }

    /// Session-clock seconds of the master frame on screen.
    var currentSeconds: Double? {
        guard let s = stage, let m = masterView, let mv = s.views[m], frame < mv.frameCount else { return nil }
        return mv.times[frame]
    }

    var speedLabel: String {
        speed == 1 ? "1x" : "1/\(Int((1 / speed).rounded()))x"
    }

    var masterFps: Double {
        guard let m = masterView, let cam = session.manifest.camera(m) else { return 120 }
        return cam.measuredFps ?? cam.nominalFps
    }

    func flash(_ text: String) { message = (text, now + 2) }

    /// Opens at a stage and frame (0-based; clamped to what exists).
    public func open(stage: Int, frame: Int) {
        stageIndex = max(0, min(max(0, session.stages.count - 1), stage))
        seek(frame)
    }

    public func step(_ n: Int) {
        playing = false
        seek(frame + n)
    }

    public func seek(_ n: Int) {
        frame = max(0, min(max(0, frameCount - 1), n))
        playhead = Double(frame)
    }

    func changeStage(_ d: Int) {
        guard !session.stages.isEmpty else { return }
        let next = max(0, min(session.stages.count - 1, stageIndex + d))
        guard next != stageIndex else { return }
        stageIndex = next
        playing = false
        seek(0)
        imageCache.removeAll()
        flash("stage \(stageIndex + 1): \(stage?.info.kind ?? "")")
    }

    /// Moves to the next event of `kind` after the current frame (any side, this stage).
    func jump(to kind: GaitEvent.Kind) {
        guard let s = stage, let m = masterView, let mv = s.views[m] else { return }
        let t = frame < mv.times.count ? mv.times[frame] : 0
        let candidates = s.events.filter { $0.kind == kind && $0.time > t + 1e-6 }.sorted { $0.time < $1.time }
        guard let e = candidates.first else {
            flash("no later \(kind.rawValue) in this stage")
            return
        }
        // Events carry the frame of the view they were found in; map through time for the master.
        let target = e.view == m ? e.frame : (mv.nearestFrame(toTimestamp: timestamp(ofSeconds: e.time)) ?? frame)
        playing = false
        seek(target)
        flash("\(kind.rawValue) \(e.side.rawValue)")
    }

    func timestamp(ofSeconds s: Double) -> UInt64 {
        session.manifest.clockOriginNs &+ UInt64(max(0, (s * 1e9).rounded()))
    }

    public func tick(now: Double) -> ScreenAction {
        self.now = now
        guard playing, frameCount > 0 else {
            lastTick = now
            return .none
        }
        let dt = now - (lastTick ?? now)
        lastTick = now
        playhead += dt * masterFps * speed
        if playhead >= Double(frameCount) { playhead = 0 } // loop
        frame = Int(playhead)
        return .none
    }

    func image(_ view: CameraView, _ n: Int) -> LumaImage? {
        let key = "\(stageIndex)-\(view.rawValue)-\(n)"
        if let i = imageCache[key] { return i }
        guard let v = stage?.views[view], let img = try? v.image(at: n) else { return nil }
        if imageCache.count > 8 { imageCache.removeAll() }
        imageCache[key] = img
        return img
    }

    func stats(_ view: CameraView) -> [AngleKind: RunningStats] {
        if let s = stageStats[stageIndex]?[view] { return s }
        // One streaming pass over the angle table (memory does not grow with the recording).
        let out = (try? stage?.views[view]?.angleStatistics()) ?? [:]
        stageStats[stageIndex, default: [:]][view] = out
        return out
    }

    public func draw(into grid: inout CellGrid) {
        let views = CameraView.allCases.filter { stage?.views[$0] != nil }
        guard let layout = ConsoleLayout.compute(width: grid.width, height: grid.height, viewCount: max(1, views.count),
                                                 panelRows: AnglePanel.preferredRows) else {
            ConsoleLayout.drawTooSmall(into: &grid)
            return
        }
        grid.fill(column: 0, row: 0, width: grid.width, height: grid.height, with: .blank)
        drawHeader(into: &grid)
        var columns: [AnglePanel.Column] = []
        for (i, view) in views.enumerated() {
            guard let v = stage?.views[view], let n = frameIndex(for: view) else { continue }
            let set = MarkerSet.standard(for: view)
            let angles = v.angles(at: n)
            let time = n < v.times.count ? v.times[n] : 0
            let status = (n < v.statuses.count ? v.statuses[n]?.display : nil) ?? ""
            pane.draw(image: image(view, n), content: .init(markerSet: set, markers: v.markers(at: n), angles: angles),
                      title: view == .side ? "SIDE" : "REAR",
                      status: "frame \(n + 1)/\(v.frameCount)  \(TextFormat.fixed(time, 3)) s  \(status)",
                      statusColour: Palette.text, titleRect: layout.titles[i], rect: layout.views[i], into: &grid)
            columns.append(.init(title: view == .side ? "side" : "rear", view: view, current: angles,
                                 stage: stats(view), footer: eventFooter(view: view, time: time)))
        }
        if views.isEmpty {
            grid.put("This session has no recorded stages.", column: 2, row: 3, foreground: Palette.warning)
        }
        AnglePanel(utf8: pane.utf8, colour: pane.colour).draw(columns, in: layout.panel, into: &grid)
        drawHelpLine(into: &grid)
        if helpVisible { drawHelp(into: &grid) }
    }

    func eventFooter(view: CameraView, time: Double) -> [String] {
        guard let s = stage else { return [] }
        let mine = s.events.filter { $0.view == view }
        let before = mine.last { $0.time <= time + 1e-6 }
        let after = mine.first { $0.time > time + 1e-6 }
        var out: [String] = []
        if let b = before { out.append("last  \(b.kind.rawValue) \(b.side.letter)  \(TextFormat.fixed((time - b.time) * 1000, 0)) ms ago") }
        if let a = after { out.append("next  \(a.kind.rawValue) \(a.side.letter)  in \(TextFormat.fixed((a.time - time) * 1000, 0)) ms") }
        return out
    }

    func drawHeader(into grid: inout CellGrid) {
        grid.fill(column: 0, row: 0, width: grid.width, height: 1, with: Cell(" ", background: 236))
        var x = grid.put(" gaitlive REVIEW ", column: 0, row: 0, foreground: Palette.heading, background: 236,
                         attributes: [.bold])
        x = grid.put(session.manifest.athlete.name + "  ", column: x, row: 0, foreground: Palette.text, background: 236)
        if let s = stage {
            let st = s.info.kind == "incline" ? "incline \(TextFormat.fixed(s.info.inclinePercent, 0))%" : s.info.kind
            x = grid.put("stage \(stageIndex + 1)/\(session.stages.count) \(st)  ", column: x, row: 0,
                         foreground: pane.colour ? Palette.accent : Palette.heading, background: 236, attributes: [.bold])
        }
        x = grid.put("frame \(frame + 1)/\(frameCount)  ", column: x, row: 0, foreground: Palette.text, background: 236)
        let play = playing ? (pane.utf8 ? "▶ " : "> ") + speedLabel : (pane.utf8 ? "⏸ paused" : "|| paused")
        x = grid.put(play, column: x, row: 0, foreground: playing ? Palette.good : Palette.text, background: 236,
                     attributes: [.bold])
        if session.manifest.status == .recovered {
            grid.put("  (recovered after a crash)", column: x, row: 0, foreground: Palette.warning, background: 236)
        }
    }

    func drawHelpLine(into grid: inout CellGrid) {
        let row = grid.height - 1
        grid.fill(column: 0, row: row, width: grid.width, height: 1, with: Cell(" ", background: 236))
        if let draft = noteDraft {
            let x = grid.put(" note: ", column: 0, row: row, foreground: Palette.accent, background: 236, attributes: [.bold])
            let room = max(0, grid.width - x - 28)
            let end = grid.put(String(draft.suffix(room)) + "_", column: x, row: row, foreground: Palette.text, background: 236)
            grid.put("  Enter save  Esc cancel", column: end, row: row, foreground: Palette.text, background: 236)
            return
        }
        let keys = " ←/→ frame  space play  +/- speed  i/m/t IC/MS/TO  n/p stage  a note  ? help  q quit"
        let ascii = " left/right frame  space play  +/- speed  i/m/t IC/MS/TO  n/p stage  a note  ? help  q quit"
        let text = pane.utf8 ? keys : ascii
        grid.put(text, column: 0, row: row, foreground: Palette.text, background: 236)
        if let m = message, m.until > now {
            grid.put(m.text + " ", column: max(text.count + 2, grid.width - m.text.count - 1), row: row,
                     foreground: Palette.accent, background: 236, attributes: [.bold])
        }
    }

    func drawHelp(into grid: inout CellGrid) {
        TextFormat.drawOverlayBox([
            "left / right   previous / next frame (h / l too)",
            "PgUp / PgDn    one second back / forward",
            "Home / End     first / last frame of the stage",
            "space          play / pause (loops the stage)",
            "+ / -          faster / slower: 1x, 1/2, 1/4, 1/8, 1/16",
            "i  m  t        next initial contact, midstance, toe-off",
            "n / p          next / previous stage",
            "a              add a note at this frame (saved to the session)",
            "q              quit",
            "",
            "The rear view shows the frame nearest in time to the side frame.",
        ], title: "gaitlive review keys", into: &grid, utf8: pane.utf8)
    }
}
