import Foundation
public import CaptureKit
public import MarkerTracker
public import OfflineAnalysis
public import SessionStore

/// The review console: a saved session played back slowly or frame by frame, both views locked
/// by timestamp, with the same overlays and numbers as live, where the therapist shows the
/// athlete what happens in a stride.
///
/// Keys: `ReviewScreen.keys` (the footer, the help overlay and the README's table are drawn from
/// it). Playback (frame, speed, loop) is a `Playback` value.
public final class ReviewScreen: ConsoleScreen {
    public let session: RecordedSession
    public var pane: ViewPane
    public private(set) var stageIndex = 0
    /// Frame, play/pause, speed and loop of the master view (side if recorded, else rear).
    public private(set) var playback = Playback(frameCount: 0)
    /// The angle of the gait-cycle chart.
    public private(set) var chartAngle: AngleKind = .kneeFlexion
    public private(set) var compare: CompareMode = .off

    /// What a review key does.
    public enum Command: Sendable, Equatable {
        case previousFrame, nextFrame, secondBack, secondForward, first, last, playPause, faster, slower
        case nextContact, nextMidstance, nextToeOff, strides, endLoop, chart, compare, correct, note, report
        case nextStage, previousStage, help, quit
    }

    /// Every key of the review screen, in the order the help and the footer show them.
    public static let keys: [KeyBinding<Command>] = [
        .init([(.left, .previousFrame), (.right, .nextFrame), (.character("h"), .previousFrame), (.character("l"), .nextFrame)],
              "left / right (h / l)", "previous / next frame", footer: ("←/→ frame", "left/right frame")),
        .init([(.pageUp, .secondBack), (.pageDown, .secondForward)], "PgUp / PgDn", "one second back / forward"),
        .init([(.home, .first), (.end, .last)], "Home / End", "first / last frame of the stage (of the stride, when one loops)"),
        .init(.character(" "), .playPause, "space", "play / pause (loops)", footer: "space play"),
        .init([(.character("+"), .faster), (.character("="), .faster), (.character("-"), .slower), (.character("_"), .slower)],
              "+ / -", "faster / slower: 1x, 1/2, 1/4, 1/8, 1/16 of real time", footer: ("+/- speed", "+/- speed")),
        .init([(.character("i"), .nextContact), (.character("m"), .nextMidstance), (.character("t"), .nextToeOff)],
              "i  m  t", "next initial contact, midstance, toe-off", footer: ("i/m/t IC/MS/TO", "i/m/t IC/MS/TO")),
        .init(.character("s"), .strides, "s",
              "stride list per stage and side; Enter plays the chosen stride slowly, looping", footer: "s strides"),
        .init(.escape, .endLoop, "Esc", "stop looping a stride: play the whole stage"),
        .init(.character("c"), .chart, "c",
              "angle of the gait-cycle chart (every stride of the leg, this one highlighted, a cursor at the current phase)",
              footer: "c chart"),
        .init(.character("v"), .compare, "v",
              "compare at the same phase, side by side: left vs right, then flat vs incline, then off", footer: "v compare"),
        .init(.character("e"), .correct, "e",
              "correct a marker: Tab picks it, arrows move 1 px (H J K L 5 px), Enter saves it as manual", footer: "e correct"),
        .init(.character("a"), .note, "a", "add a note at this frame (one line; Enter saves it into the session, Esc cancels)",
              footer: "a note"),
        .init(.character("R"), .report, "R", "the report (findings, what to work on, figures per side); Esc closes",
              footer: "R report"),
        .init([(.character("n"), .nextStage), (.tab, .nextStage), (.character("p"), .previousStage), (.backTab, .previousStage)],
              "n / p (Tab)", "next / previous stage", footer: ("n/p stage", "n/p stage")),
        .init(.character("?"), .help, "?", "this list of keys", footer: "? help"),
        .init([(.character("q"), .quit), (.character("Q"), .quit)], "q", "quit", footer: ("q quit", "q quit")),
    ]

    /// The frame shown (master view).
    public var frame: Int { playback.frame }
    public var playing: Bool { playback.playing }
    /// Master frames played in a loop (a stride), or nil for the whole stage.
    public var loop: ClosedRange<Int>? { playback.loop }
    public var speed: Double { playback.speed }

    /// What the two panes compare.
    public enum CompareMode: Sendable, Equatable {
        case off
        /// The chart angle's view, this stride beside the other leg's at the same phase.
        case leftRight
        /// This stride beside the same leg's stride in the other stage at the same phase.
        case stages
    }

    enum Focus {
        case frames
        case strides(selected: Int)
        case edit(MarkerEditor)
        case note(LineEditor, seconds: Double)
    }

    var focus = Focus.frames

    /// The note being typed (`a`), nil when not typing.
    public var noteDraft: String? {
        if case .note(let editor, _) = focus { return editor.text }
        return nil
    }
    var helpVisible = false
    var stages: [Int: StageReview] = [:]
    var imageCache: [String: LumaImage] = [:]
    var message: (text: String, until: Double)?
    var now = 0.0
    var canvases: [String: FrameCanvas] = [:]
    /// The report overlay (`R`), nil when closed.
    public var report: ReportOverlay?

    public init(session: RecordedSession, pane: ViewPane) {
        self.session = session
        self.pane = pane
    }

    /// The current stage with corrections applied.
    public var review: StageReview? {
        guard session.stages.indices.contains(stageIndex) else { return nil }
        if let r = stages[stageIndex] { return r }
        let r = StageReview(session: session, index: stageIndex)
        stages[stageIndex] = r
        return r
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
        guard let s = stage, let m = masterView, let mv = s.views[m], s.views[view] != nil, frame < mv.frameCount else {
            return nil
        }
        if view == m { return frame }
        return s.views[view]?.nearestFrame(toTimestamp: mv.timestamps[frame])
    }

    /// Session seconds of the master frame.
    public var currentTime: Double {
        guard let m = masterView else { return 0 }
        return review?.time(m, frame) ?? 0
    }

    var speedLabel: String { playback.speedLabel }

    var masterFps: Double {
        guard let m = masterView, let cam = session.manifest.camera(m) else { return 120 }
        return cam.measuredFps ?? cam.nominalFps
    }

    func flash(_ text: String) { message = (text, now + 2.5) }

    // MARK: - keys

    public func handle(_ key: Key) -> ScreenAction {
        if helpVisible, key != .resize {
            helpVisible = false
            return .none
        }
        if var r = report {
            report = r.handle(key) == .close ? nil : r
            return .none
        }
        switch focus {
        case .edit(var editor):
            switch editor.handle(key) {
            case .editing: focus = .edit(editor)
            case .cancel:
                focus = .frames
                flash("correction discarded")
            case .save(let m, let p):
                focus = .frames
                do {
                    try review?.correct(editor.view, frame: editor.frame, marker: m, to: p)
                    flash("\(editor.label) saved as manual; angles and events recomputed")
                } catch {
                    flash("could not save: \(error)")
                }
            }
            return .none
        case .note(var editor, let seconds):
            switch editor.handle(key) {
            case .editing: focus = .note(editor, seconds: seconds)
            case .cancelled: focus = .frames
            case .accepted(let text):
                focus = .frames
                do {
                    _ = try session.addNote(text, seconds: seconds)
                    flash("note saved at \(TextFormat.fixed(seconds, 2)) s")
                } catch {
                    flash("could not save the note: \(error)")
                }
            }
            return .none
        case .strides(let selected):
            return handleStrideList(key, selected: selected)
        case .frames:
            break
        }
        guard let command = KeyTable.command(for: key, in: ReviewScreen.keys) else { return .none }
        syncFrameCount()
        let fps = Int(masterFps.rounded())
        switch command {
        case .quit: return .quit
        case .nextFrame: step(1)
        case .previousFrame: step(-1)
        case .secondForward: step(fps)
        case .secondBack: step(-fps)
        case .first: seek(playback.firstFrame)
        case .last: seek(playback.lastFrame)
        case .playPause: playback.togglePlaying()
        case .faster:
            playback.faster()
            flash("speed \(speedLabel)")
        case .slower:
            playback.slower()
            flash("speed \(speedLabel)")
        case .nextStage: changeStage(1)
        case .previousStage: changeStage(-1)
        case .nextContact: jump(to: .initialContact)
        case .nextMidstance: jump(to: .midstance)
        case .nextToeOff: jump(to: .toeOff)
        case .strides:
            let strides = review?.strides.strides ?? []
            let current = strides.lastIndex { $0.start <= currentTime } ?? 0
            focus = .strides(selected: current)
        case .endLoop:
            if playback.endLoop() { flash("playing the whole stage") }
        case .chart:
            let kinds = AngleKind.allCases.filter { stage?.views[$0.view] != nil }
            if let i = kinds.firstIndex(of: chartAngle), !kinds.isEmpty { chartAngle = kinds[(i + 1) % kinds.count] }
            flash("chart: \(chartAngle.shortName)")
        case .compare:
            compare = compare == .off ? .leftRight : (compare == .leftRight ? .stages : .off)
            flash(compare == .off ? "compare off" : (compare == .leftRight ? "compare left vs right" : "compare flat vs incline"))
        case .correct:
            startEditing()
        case .note:
            playback.pause()
            focus = .note(LineEditor(prompt: "note at \(TextFormat.fixed(currentTime, 2)) s:"), seconds: currentTime)
        case .help: helpVisible = true
        case .report:
            playback.pause()
            report = ReportOverlay(session: session)
        }
        return .none
    }

    func handleStrideList(_ key: Key, selected: Int) -> ScreenAction {
        let strides = review?.strides.strides ?? []
        switch key {
        case .up, .character("k"): focus = .strides(selected: max(0, selected - 1))
        case .down, .character("j"): focus = .strides(selected: min(max(0, strides.count - 1), selected + 1))
        case .enter:
            focus = .frames
            guard strides.indices.contains(selected) else { return .none }
            playStride(strides[selected])
        case .escape, .character("s"): focus = .frames
        case .character("q"): return .quit
        default: break
        }
        return .none
    }

    /// Loops the master frames of `stride`, playing at the current slow speed.
    public func playStride(_ stride: StrideIndex.Stride) {
        guard let m = masterView, let r = review, let a = r.frame(m, atSeconds: stride.start),
              let b = r.frame(m, atSeconds: stride.end) else { return }
        syncFrameCount()
        playback.play(looping: a...max(a, b - 1))
        flash("\(stride.side.rawValue) stride \(stride.number) at \(speedLabel), looping (Esc: whole stage)")
    }

    func startEditing() {
        guard let m = masterView, let r = review, let rv = r.view(m) else { return }
        playback.pause()
        focus = .edit(MarkerEditor(view: m, frame: frame, markers: r.markers(m, frame),
                                   imageWidth: rv.video.header.width, imageHeight: rv.video.header.height))
    }

    public func step(_ n: Int) {
        syncFrameCount()
        playback.step(n)
    }

    public func seek(_ n: Int) {
        syncFrameCount()
        playback.seek(n)
    }

    /// Opens at a stage and frame (0-based; clamped to what exists).
    public func open(stage: Int, frame: Int) {
        stageIndex = max(0, min(max(0, session.stages.count - 1), stage))
        playback.reset(frameCount: frameCount)
        seek(frame)
    }

    /// Playback knows the stage's frame count (the stage is opened lazily).
    func syncFrameCount() {
        if playback.frameCount != frameCount { playback.reset(frameCount: frameCount) }
    }

    func changeStage(_ d: Int) {
        guard !session.stages.isEmpty else { return }
        let next = max(0, min(session.stages.count - 1, stageIndex + d))
        guard next != stageIndex else { return }
        stageIndex = next
        playback.reset(frameCount: frameCount)
        imageCache.removeAll()
        flash("stage \(stageIndex + 1): \(stage?.info.kind ?? "")")
    }

    /// Moves to the next event of `kind` after the current frame (any side, this stage).
    func jump(to kind: GaitEvent.Kind) {
        guard let r = review, let m = masterView else { return }
        let t = currentTime
        guard let e = r.events.filter({ $0.kind == kind && $0.time > t + 1e-6 }).min(by: { $0.time < $1.time }) else {
            flash("no later \(kind.rawValue) in this stage")
            return
        }
        playback.pause()
        seek(e.view == m ? e.frame : (r.frame(m, atSeconds: e.time) ?? frame))
        flash("\(kind.rawValue) \(e.side.rawValue)")
    }

    public func tick(now: Double) -> ScreenAction {
        self.now = now
        syncFrameCount()
        playback.tick(now: now, framesPerSecond: masterFps)
        return .none
    }

    // MARK: - drawing

    func image(_ stageIndex: Int, _ view: CameraView, _ n: Int) -> LumaImage? {
        let key = "\(stageIndex)-\(view.rawValue)-\(n)"
        if let i = imageCache[key] { return i }
        guard session.stages.indices.contains(stageIndex), let v = session.stages[stageIndex].views[view],
              let img = try? v.image(at: n) else { return nil }
        if imageCache.count > 8 { imageCache.removeAll() }
        imageCache[key] = img
        return img
    }

    /// The side whose stride the chart and the comparison follow for the chart angle.
    var chartSide: BodySide {
        switch chartAngle {
        case .hipAdductionLeft, .kneeFrontalLeft: .left
        case .hipAdductionRight, .kneeFrontalRight: .right
        default: review?.markerSide ?? .right
        }
    }

    public func draw(into grid: inout CellGrid) {
        guard let r = review else {
            grid.put("This session has no recorded stages.", column: 2, row: 3, foreground: Palette.warning)
            return
        }
        let views = r.views
        guard let layout = ConsoleLayout.compute(width: grid.width, height: grid.height, viewCount: max(1, views.count),
                                                 panelRows: AnglePanel.preferredRows) else {
            ConsoleLayout.drawTooSmall(into: &grid)
            return
        }
        grid.fill(column: 0, row: 0, width: grid.width, height: grid.height, with: .blank)
        drawHeader(into: &grid)
        if compare != .off, let c = comparison(r) {
            drawComparison(c, layout: layout, into: &grid)
        } else {
            for (i, view) in views.enumerated() {
                guard let v = r.view(view), let n = frameIndex(for: view) else { continue }
                var markers = r.markers(view, n)
                var title = view == .side ? "SIDE" : "REAR"
                if case .edit(let editor) = focus, editor.view == view {
                    markers = editor.markers
                    title += "  editing \(editor.label)"
                }
                let status = (n < v.statuses.count ? v.statuses[n]?.display : nil) ?? ""
                pane.draw(image: image(stageIndex, view, n),
                          content: .init(markerSet: .standard(for: view), markers: markers, angles: r.angles(view, n)),
                          title: title,
                          status: "frame \(n + 1)/\(v.frameCount)  \(TextFormat.fixed(r.time(view, n), 3)) s  \(status)",
                          statusColour: Palette.text, titleRect: layout.titles[i], rect: layout.views[i], into: &grid,
                          memory: &canvases["\(view.rawValue)-\(i)"])
            }
        }
        drawPanel(r, in: layout.panel, into: &grid)
        drawHelpLine(into: &grid)
        if case .strides(let selected) = focus { drawStrideList(r, selected: selected, into: &grid) }
        if helpVisible { drawHelp(into: &grid) }
        if report != nil { report?.draw(into: &grid, utf8: pane.utf8) }
    }

    /// The numbers panel: compact angle tables, then the chart of the chosen angle over the cycle.
    func drawPanel(_ r: StageReview, in rect: CellRect, into grid: inout CellGrid) {
        var columns: [AnglePanel.Column] = []
        for view in r.views {
            guard let n = frameIndex(for: view) else { continue }
            columns.append(.init(title: view == .side ? "side \(r.markerSide.letter)" : "rear", view: view,
                                 current: r.angles(view, n), stage: r.stats(view),
                                 footer: eventFooter(r, view: view, time: r.time(view, n))))
        }
        let tableWidth = min(40, rect.width / max(1, columns.count + 1))
        let tables = CellRect(column: rect.column, row: rect.row, width: tableWidth * columns.count, height: rect.height)
        let chartWidth = rect.width - tables.width - 1
        AnglePanel(utf8: pane.utf8, colour: pane.colour).draw(columns, in: chartWidth >= 30 ? tables : rect, into: &grid)
        guard chartWidth >= 30, rect.height >= 5 else { return }
        drawCycleChart(r, in: CellRect(column: tables.column + tables.width + 1, row: rect.row, width: chartWidth,
                                       height: rect.height), into: &grid)
    }

    /// The chosen angle over the gait cycle (0-100 %): every stride of the leg dim, this stride
    /// bright, a cursor at the current phase; in compare mode the compared stride too.
    func drawCycleChart(_ r: StageReview, in rect: CellRect, into grid: inout CellGrid) {
        let side = chartSide
        let view = chartAngle.view
        let strides = r.strides.strides(of: side)
        let t = r.time(view, frameIndex(for: view) ?? 0)
        let current = r.strides.stride(of: side, containing: t)
        func curve(_ review: StageReview, _ s: StrideIndex.Stride) -> [(x: Double, y: Double?)] {
            guard let a = review.frame(view, atSeconds: s.start), let b = review.frame(view, atSeconds: s.end), b > a else { return [] }
            return (a...b).map { n in (100 * s.phase(at: review.time(view, n)), review.angles(view, n)[chartAngle]) }
        }
        var series: [LineChart.Series] = strides.filter { $0 != current }.map { .init(points: curve(r, $0), colour: 240) }
        if compare != .off, let c = comparison(r), let other = c.otherStride {
            series.append(.init(points: curve(c.otherReview, other), colour: Palette.rightSide))
        }
        if let current { series.append(.init(points: curve(r, current), colour: Palette.segment)) }
        let title = "\(chartAngle.shortName) over the \(side.rawValue) gait cycle, \(strides.count) strides  (c: angle)"
        grid.put(String(title.prefix(rect.width)), column: rect.column, row: rect.row,
                 foreground: pane.colour ? Palette.accent : Palette.heading, attributes: [.bold])
        guard !strides.isEmpty else {
            grid.put("no strides found in this stage yet", column: rect.column, row: rect.row + 2, foreground: Palette.dimText)
            return
        }
        LineChart(xRange: 0...100, utf8: pane.utf8, colour: pane.colour)
            .draw(series, in: CellRect(column: rect.column, row: rect.row + 1, width: rect.width, height: rect.height - 2),
                  cursorX: current.map { 100 * $0.phase(at: t) }, into: &grid)
        var legend = "0%  contact" + String(repeating: " ", count: max(1, rect.width - 24)) + "100%"
        if let to = current?.toeOff, let c = current {
            legend = "0% IC   toe-off \(Int((100 * c.phase(at: to)).rounded()))%   now \(Int((100 * c.phase(at: t)).rounded()))%"
        }
        grid.put(String(legend.prefix(rect.width)), column: rect.column + 6, row: rect.row + rect.height - 1,
                 foreground: Palette.dimText)
    }

    /// Two strides side by side at the same phase.
    struct Comparison {
        var view: CameraView
        var stride: StrideIndex.Stride
        var otherReview: StageReview
        var otherStride: StrideIndex.Stride?
        var phase: Double
        /// Why there is no other stride, when there is none.
        var missing = "no stride to compare"
    }

    func comparison(_ r: StageReview) -> Comparison? {
        let view = chartAngle.view
        guard let n = frameIndex(for: view) else { return nil }
        let t = r.time(view, n)
        let side = chartSide
        guard let s = r.strides.stride(of: side, containing: t) else { return nil }
        let phase = s.phase(at: t)
        switch compare {
        case .off:
            return nil
        case .leftRight:
            // The side camera films the markers of one leg: the other leg's stride (timed by the
            // rear camera) would show this leg half a cycle later, not the other leg.
            if view == .side {
                return Comparison(view: view, stride: s, otherReview: r, otherStride: nil, phase: phase,
                                  missing: "no \(side.opposite.rawValue) stride: the side camera films the \(side.rawValue) leg")
            }
            let others = r.strides.strides(of: side.opposite)
            let other = others.min { abs($0.start - s.start) < abs($1.start - s.start) }
            return Comparison(view: view, stride: s, otherReview: r, otherStride: other, phase: phase)
        case .stages:
            let kind = r.stage.info.kind == "flat" ? "incline" : "flat"
            guard let j = session.stages.firstIndex(where: { $0.info.kind == kind }) else {
                return Comparison(view: view, stride: s, otherReview: r, otherStride: nil, phase: phase)
            }
            let o = stages[j] ?? StageReview(session: session, index: j)
            stages[j] = o
            let same = o.strides.strides(of: side)
            let other = same.first { $0.number == s.number } ?? same.last
            return Comparison(view: view, stride: s, otherReview: o, otherStride: other, phase: phase)
        }
    }

    func drawComparison(_ c: Comparison, layout: ConsoleLayout, into grid: inout CellGrid) {
        guard let r = review, layout.views.count >= 2 else { return }
        let pct = Int((100 * c.phase).rounded())
        let stageName = { (o: StageReview) in o.stage.info.kind }
        // Left pane: this stride now.
        if let n = frameIndex(for: c.view) {
            pane.draw(image: image(stageIndex, c.view, n),
                      content: .init(markerSet: .standard(for: c.view), markers: r.markers(c.view, n), angles: r.angles(c.view, n)),
                      title: "\(c.view == .side ? "SIDE" : "REAR") \(stageName(r)) \(c.stride.side.rawValue) stride \(c.stride.number)",
                      status: "\(pct)% of the cycle", statusColour: Palette.segment, titleRect: layout.titles[0],
                      rect: layout.views[0], into: &grid, memory: &canvases["cmp-0"])
        }
        // Right pane: the other stride at the same phase.
        var title = c.missing
        var img: LumaImage?
        var content = OverlayPainter.Content(markerSet: .standard(for: c.view),
                                             markers: MarkerFrame(repeating: nil, count: MarkerSet.standard(for: c.view).count),
                                             angles: AngleSet())
        if let other = c.otherStride, let n = c.otherReview.frame(c.view, atSeconds: other.time(atPhase: c.phase)) {
            title = "\(c.view == .side ? "SIDE" : "REAR") \(stageName(c.otherReview)) \(other.side.rawValue) stride \(other.number)"
            img = image(c.otherReview.index, c.view, n)
            content = .init(markerSet: .standard(for: c.view), markers: c.otherReview.markers(c.view, n),
                            angles: c.otherReview.angles(c.view, n))
        }
        pane.draw(image: img, content: content, title: title, status: "\(pct)% of the cycle", statusColour: Palette.rightSide,
                  titleRect: layout.titles[1], rect: layout.views[1], into: &grid, memory: &canvases["cmp-1"])
    }

    func eventFooter(_ r: StageReview, view: CameraView, time: Double) -> [String] {
        let mine = r.events.filter { $0.view == view }
        let before = mine.last { $0.time <= time + 1e-6 }
        let after = mine.first { $0.time > time + 1e-6 }
        var out: [String] = []
        if let b = before { out.append("last \(b.kind.rawValue) \(b.side.letter) \(TextFormat.fixed((time - b.time) * 1000, 0)) ms ago") }
        if let a = after { out.append("next \(a.kind.rawValue) \(a.side.letter) in \(TextFormat.fixed((a.time - time) * 1000, 0)) ms") }
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
        if loop != nil { x = grid.put("  stride loop", column: x, row: 0, foreground: Palette.accent, background: 236) }
        if session.manifest.status == .recovered {
            grid.put("  (recovered after a crash)", column: x, row: 0, foreground: Palette.warning, background: 236)
        }
    }

    func drawHelpLine(into grid: inout CellGrid) {
        let row = grid.height - 1
        if case .note(let editor, _) = focus {
            editor.draw(into: &grid, row: row, utf8: pane.utf8)
            return
        }
        grid.fill(column: 0, row: row, width: grid.width, height: 1, with: Cell(" ", background: 236))
        let text: String
        switch focus {
        case .edit(let e):
            text = " editing \(e.label): arrows move 1 px, H J K L 5 px, Tab next marker, Enter save, Esc discard"
        case .strides:
            text = " strides: up/down choose, Enter play it slowly in a loop, Esc back"
        default:
            text = KeyTable.footer(ReviewScreen.keys, utf8: pane.utf8)
        }
        grid.put(String(text.prefix(grid.width)), column: 0, row: row, foreground: Palette.text, background: 236)
        if let m = message, m.until > now {
            let t = String(m.text.prefix(max(0, grid.width - 2)))
            grid.put(t + " ", column: max(0, grid.width - t.count - 1), row: row, foreground: Palette.accent,
                     background: 236, attributes: [.bold])
        }
    }

    func drawStrideList(_ r: StageReview, selected: Int, into grid: inout CellGrid) {
        let strides = r.strides.strides
        var lines = ["side  no.   start      duration   toe-off"]
        if strides.isEmpty { lines.append("no strides found in this stage") }
        let first = max(0, min(selected - 8, strides.count - 16))
        for (i, s) in strides.enumerated() where i >= first && i < first + 16 {
            let to = s.toeOff.map { "\(Int((100 * s.phase(at: $0)).rounded()))%" } ?? "--"
            let mark = i == selected ? (pane.utf8 ? "▶" : ">") : " "
            lines.append("\(mark) \(s.side.letter)   \(pad(String(s.number), 3))  \(pad(TextFormat.fixed(s.start, 2), 7)) s  "
                         + "\(pad(TextFormat.fixed(s.duration * 1000, 0), 5)) ms   \(to)")
        }
        TextFormat.drawOverlayBox(lines, title: "strides, stage \(stageIndex + 1)", into: &grid, utf8: pane.utf8)
    }

    func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }

    func drawHelp(into grid: inout CellGrid) {
        TextFormat.drawOverlayBox(KeyTable.helpLines(ReviewScreen.keys)
                                  + ["", "The rear view shows the frame nearest in time to the side frame."],
                                  title: "gaitlive review keys", into: &grid, utf8: pane.utf8)
    }
}
