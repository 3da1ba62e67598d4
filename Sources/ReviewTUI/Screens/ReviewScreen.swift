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
    public internal(set) var stageIndex = 0
    /// Frame, play/pause, speed and loop of the master view (side if recorded, else rear).
    public internal(set) var playback = Playback(frameCount: 0)
    /// The angle of the gait-cycle chart.
    public private(set) var chartAngle: AngleKind = .kneeFlexion
    public private(set) var compare: CompareMode = .off

    /// What a review key does.
    public enum Command: Sendable, Equatable {
        case previousFrame, nextFrame, secondBack, secondForward, first, last, playPause, faster, slower
        case nextContact, nextMidstance, nextToeOff, previousContact, previousMidstance, previousToeOff
        case strides, endLoop, chart, chartBack, compare, correct, undo, note, notes, goTo, report
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
              "+ / -", "faster / slower: 1x, 1/2, 1/4, 1/8, 1/16 of real time"),
        .init([(.character("i"), .nextContact), (.character("m"), .nextMidstance), (.character("t"), .nextToeOff),
               (.character("I"), .previousContact), (.character("M"), .previousMidstance), (.character("T"), .previousToeOff)],
              "i m t / I M T", "next / previous initial contact, midstance, toe-off (the countdown says when a pause lies between)",
              footer: ("i/m/t IC/MS/TO", "i/m/t IC/MS/TO")),
        .init(.character("g"), .goTo, "g",
              "go to a time: the REC clock as in the header (1:02.5), seconds as beside the frame number (93.5), or f and a frame (f922)"),
        .init(.character("s"), .strides, "s",
              "stride list with each stride's metrics, outliers marked * (o: the next stride with one); Enter plays the chosen stride slowly, looping",
              footer: "s strides"),
        .init(.escape, .endLoop, "Esc", "stop looping a stride: play the whole stage"),
        .init([(.character("c"), .chart), (.character("C"), .chartBack)], "c / C",
              "next / previous angle of the gait-cycle chart (every stride of the leg, this one highlighted, a cursor at the current phase)",
              footer: ("c chart", "c chart")),
        .init(.character("v"), .compare, "v",
              "compare at the same phase, side by side: left vs right, then flat vs incline, then (review DIR --with OTHER) this stage against the other session's, strides aligned at contact, then off", footer: "v compare"),
        .init(.character("e"), .correct, "e",
              "correct a marker: Tab picks it, arrows move 1 px (H J K L 5 px), Enter saves it as manual and re-measures the strides touching the frame",
              footer: "e correct"),
        .init(.character("u"), .undo, "u", "undo the newest marker correction of this stage (the undo is saved too)"),
        .init(.character("a"), .note, "a", "add a note at this frame (one line; Enter saves it into the session, Esc cancels)",
              footer: "a note"),
        .init(.character("N"), .notes, "N", "the notes (live m, review a) by REC clock, ♦ on the timeline; Enter goes to the chosen one"),
        .init(.character("R"), .report, "R", "the report (findings, what to work on, figures per side); Esc closes",
              footer: "R report"),
        .init([(.character("n"), .nextStage), (.tab, .nextStage), (.character("p"), .previousStage), (.backTab, .previousStage)],
              "n / p (Tab)", "next / previous stage", footer: ("n/p stage", "n/p stage")),
        .init(.character("?"), .help, "?", "this list of keys (down or space: the next page when it does not fit)", footer: "? help"),
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
        /// This stride beside the same leg's stride of the same stage in the other session
        /// (`review DIR --with OTHER`): both begin at initial contact and play at one phase.
        case sessions
    }

    enum Focus {
        case frames
        case strides(selected: Int)
        case edit(MarkerEditor)
        case note(LineEditor, seconds: Double)
        case notes(selected: Int)
        case goTo(LineEditor)
    }

    var focus = Focus.frames

    /// The note being typed (`a`), nil when not typing.
    public var noteDraft: String? {
        if case .note(let editor, _) = focus { return editor.text }
        return nil
    }
    /// The `?` box while open.
    var help: HelpOverlay?
    var stages: [Int: StageReview] = [:]
    var imageCache: [String: LumaImage] = [:]
    var message: (text: String, until: Double)?
    var now = 0.0
    var canvases: [String: FrameCanvas] = [:]
    /// The report overlay (`R`), nil when closed.
    public var report: ReportOverlay?
    /// The REC clock (as the live header), made on first use.
    var clockCache: RecordingClock?

    /// A second session of the same athlete to compare with (`v`), or nil.
    public let other: RecordedSession?
    var otherStages: [Int: StageReview] = [:]

    public init(session: RecordedSession, pane: ViewPane, other: RecordedSession? = nil) {
        self.session = session
        self.pane = pane
        self.other = other
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
        if var h = help, key != .resize {
            help = h.handle(key) ? h : nil
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
                    let again = try review?.correct(editor.view, frame: editor.frame, marker: m, to: p) ?? []
                    flash("correction saved: \(editor.label) frame \(editor.frame + 1), \(strideCount(again)) re-measured")
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
                    flash("note saved at REC \(TextFormat.clock(clock.recorded(stage: stageIndex, at: seconds)))")
                } catch {
                    flash("could not save the note: \(error)")
                }
            }
            return .none
        case .goTo(var editor):
            switch editor.handle(key) {
            case .editing: focus = .goTo(editor)
            case .cancelled: focus = .frames
            case .accepted(let text):
                focus = .frames
                goTo(text)
            }
            return .none
        case .notes(let selected):
            return handleNoteList(key, selected: selected)
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
        case .previousContact: jump(to: .initialContact, forward: false)
        case .previousMidstance: jump(to: .midstance, forward: false)
        case .previousToeOff: jump(to: .toeOff, forward: false)
        case .strides:
            let strides = review?.strides.strides ?? []
            let current = strides.lastIndex { $0.start <= currentTime } ?? 0
            focus = .strides(selected: current)
        case .endLoop:
            if playback.endLoop() { flash("playing the whole stage") }
        case .chart, .chartBack:
            let kinds = AngleKind.allCases.filter { stage?.views[$0.view] != nil }
            let step = command == .chart ? 1 : kinds.count - 1
            if let i = kinds.firstIndex(of: chartAngle), !kinds.isEmpty { chartAngle = kinds[(i + step) % kinds.count] }
            flash("chart: \(chartAngle.shortName)")
        case .compare:
            switch compare {
            case .off: compare = .leftRight
            case .leftRight: compare = .stages
            case .stages: compare = other != nil ? .sessions : .off
            case .sessions: compare = .off
            }
            var text: String
            switch compare {
            case .off: text = "compare off"
            case .leftRight: text = "compare left vs right"
            case .stages: text = "compare flat vs incline"
            case .sessions: text = "compare with the session of \(ReviewScreen.day(other?.manifest.created ?? "")), strides aligned at contact"
            }
            if compare == .leftRight, chartAngle.view == .side, stage?.views[.rear] != nil {
                // The side camera films one leg: compare the legs on the rear camera's angle.
                chartAngle = chartSide == .left ? .hipAdductionLeft : .hipAdductionRight
                text += " (rear view: \(chartAngle.shortName))"
            }
            flash(text)
        case .correct:
            startEditing()
        case .undo:
            undoCorrection()
        case .note:
            playback.pause()
            let rec = clock.recorded(stage: stageIndex, at: currentTime)
            focus = .note(LineEditor(prompt: "note at REC \(TextFormat.clock(rec)):"), seconds: currentTime)
        case .notes:
            playback.pause()
            let notes = noteList
            focus = .notes(selected: notes.lastIndex { ($0.seconds ?? 0) <= currentTime + 1e-6 } ?? 0)
        case .goTo:
            playback.pause()
            focus = .goTo(LineEditor(prompt: "go to (REC 1:02.5, seconds 93.5, or frame f922):"))
        case .help:
            help = HelpOverlay(title: "gaitlive review keys", keys: ReviewScreen.keys,
                               notes: ["The rear view shows the frame nearest in time to the side frame."])
        case .report:
            playback.pause()
            report = ReportOverlay(session: session)
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
                                   imageWidth: rv.video.width, imageHeight: rv.video.height))
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

    public func tick(now: Double) -> ScreenAction {
        self.now = now
        syncFrameCount()
        playback.tick(now: now, framesPerSecond: masterFps)
        return .none
    }

    // MARK: - drawing

    func image(_ stageIndex: Int, _ view: CameraView, _ n: Int, otherSession: Bool = false) -> LumaImage? {
        let key = "\(otherSession ? "o" : "")\(stageIndex)-\(view.rawValue)-\(n)"
        if let i = imageCache[key] { return i }
        guard let from = otherSession ? other : session, from.stages.indices.contains(stageIndex),
              let v = from.stages[stageIndex].views[view], let img = try? v.image(at: n) else { return nil }
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
                let time = TextFormat.fixed(r.time(view, n), 3) + " s"
                // The longest form that fits beside the title: the tracking word is never cut.
                let forms = ["frame \(n + 1)/\(v.frameCount)  \(time)  \(status)", "\(n + 1)/\(v.frameCount)  \(time)  \(status)",
                             "\(n + 1)/\(v.frameCount) \(time) \(status)", "\(n + 1)/\(v.frameCount) \(status)", status]
                let room = layout.titles[i].width - title.count - 1
                pane.draw(image: image(stageIndex, view, n),
                          content: .init(markerSet: .standard(for: view), markers: markers, angles: r.angles(view, n)),
                          title: title,
                          status: forms.first { $0.count <= room } ?? "",
                          statusColour: Palette.text, titleRect: layout.titles[i], rect: layout.views[i], into: &grid,
                          memory: &canvases["\(view.rawValue)-\(i)"])
            }
        }
        drawPanel(r, in: layout.panel, into: &grid)
        drawHelpLine(into: &grid)
        if case .strides(let selected) = focus { drawStrideList(r, selected: selected, into: &grid) }
        if case .notes(let selected) = focus { drawNoteList(selected: selected, into: &grid) }
        if help != nil { help?.draw(into: &grid, utf8: pane.utf8) }
        if report != nil { report?.draw(into: &grid, utf8: pane.utf8) }
    }

    /// The numbers panel: compact angle tables, then the chart of the chosen angle over the cycle.
    func drawPanel(_ r: StageReview, in whole: CellRect, into grid: inout CellGrid) {
        var rect = whole
        if whole.height >= 6, let m = masterView, let v = r.view(m), v.frameCount > 0 {
            // The stage's timeline on the panel's last row: playhead, notes, pauses.
            rect.height -= 1
            let start = r.time(m, 0), end = r.time(m, v.frameCount - 1)
            let notes = session.manifest.notes.compactMap(\.seconds).filter { $0 >= start - 0.5 && $0 <= end + 0.5 }
            ReviewTimeline(start: start, end: end, recordedStart: clock.recorded(stage: stageIndex, at: start),
                           recordedEnd: clock.recorded(stage: stageIndex, at: end), now: currentTime, notes: notes,
                           pauses: clock.pauses(stage: stageIndex), utf8: pane.utf8, colour: pane.colour)
                .draw(in: CellRect(column: whole.column, row: whole.row + whole.height - 1, width: whole.width, height: 1),
                      into: &grid)
        }
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
        /// The other stride is in the other session.
        var otherSession = false
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
            // The stride at the same place in the other stage's list (numbers run on across stages).
            let same = o.strides.strides(of: side)
            let i = r.strides.strides(of: side).firstIndex(of: s) ?? 0
            let other = same.isEmpty ? nil : same[min(i, same.count - 1)]
            return Comparison(view: view, stride: s, otherReview: o, otherStride: other, phase: phase)
        case .sessions:
            // The same stage (the first of its kind) and leg in the other session, the stride at
            // the same place in its list: both aligned at initial contact, played at one phase.
            let kind = r.stage.info.kind
            guard let other, let j = other.stages.firstIndex(where: { $0.info.kind == kind }) else {
                return Comparison(view: view, stride: s, otherReview: r, otherStride: nil, phase: phase,
                                  missing: "no \(kind) stage in the other session")
            }
            let o = otherStages[j] ?? StageReview(session: other, index: j)
            otherStages[j] = o
            let same = o.strides.strides(of: side)
            let i = r.strides.strides(of: side).firstIndex(of: s) ?? 0
            return Comparison(view: view, stride: s, otherReview: o, otherStride: same.isEmpty ? nil : same[min(i, same.count - 1)],
                              phase: phase, missing: "no \(side.rawValue) stride in the other session's \(kind) stage",
                              otherSession: true)
        }
    }

    func drawComparison(_ c: Comparison, layout: ConsoleLayout, into grid: inout CellGrid) {
        guard let r = review, layout.views.count >= 2 else { return }
        let pct = Int((100 * c.phase).rounded())
        // Sessions compared are told apart by their dates; stages by their kinds.
        let sessions = compare == .sessions
        let stageName = { (o: StageReview) in sessions ? "\(o.stage.info.kind) \(ReviewScreen.day(o.manifest.created))" : o.stage.info.kind }
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
            img = image(c.otherReview.index, c.view, n, otherSession: c.otherSession)
            content = .init(markerSet: .standard(for: c.view), markers: c.otherReview.markers(c.view, n),
                            angles: c.otherReview.angles(c.view, n))
        }
        pane.draw(image: img, content: content, title: title, status: "\(pct)% of the cycle", statusColour: Palette.rightSide,
                  titleRect: layout.titles[1], rect: layout.views[1], into: &grid, memory: &canvases["cmp-1"])
    }

    /// The date of an ISO 8601 time ("2026-10-22T09:15:00Z" -> "2026-10-22").
    static func day(_ iso: String) -> String { String(iso.prefix(10)) }

    /// The last and the next event of the view; a countdown never crosses a pause silently.
    func eventFooter(_ r: StageReview, view: CameraView, time: Double) -> [String] {
        let mine = r.events.filter { $0.view == view }
        let before = mine.last { $0.time <= time + 1e-6 }
        let after = mine.first { $0.time > time + 1e-6 }
        var out: [String] = []
        if let b = before {
            if let p = pause(between: b.time, and: time) {
                out.append("last \(b.kind.rawValue) \(b.side.letter) before a \(TextFormat.fixed(p, 1)) s pause")
            } else {
                out.append("last \(b.kind.rawValue) \(b.side.letter) \(TextFormat.fixed((time - b.time) * 1000, 0)) ms ago")
            }
        }
        if let a = after {
            if let p = pause(between: time, and: a.time) {
                out.append("next \(a.kind.rawValue) \(a.side.letter) after a \(TextFormat.fixed(p, 1)) s pause")
            } else {
                out.append("next \(a.kind.rawValue) \(a.side.letter) in \(TextFormat.fixed((a.time - time) * 1000, 0)) ms")
            }
        }
        return out
    }

    func drawHeader(into grid: inout CellGrid) {
        grid.fill(column: 0, row: 0, width: grid.width, height: 1, with: Cell(" ", background: 236))
        var stageText = ""
        if let s = stage {
            let st = s.info.kind == "incline" ? "incline \(TextFormat.fixed(s.info.inclinePercent, 0))%" : s.info.kind
            stageText = "stage \(stageIndex + 1)/\(session.stages.count) \(st)  "
        }
        let frameText = "frame \(frame + 1)/\(frameCount)  "
        let rec = "REC \(TextFormat.clock(clock.recorded(stage: stageIndex, at: currentTime)))  "
        let play = playing ? (pane.utf8 ? "▶ " : "> ") + speedLabel : (pane.utf8 ? "⏸ paused" : "|| paused")
        let loopText = loop != nil ? "  stride loop" : ""
        // On a narrow terminal the athlete's name gives way first: the state must stay whole.
        var name = session.manifest.athlete.name + "  "
        let rest = 17 + stageText.count + frameText.count + rec.count + play.count + loopText.count
        if rest + name.count > grid.width { name = "" }
        var x = grid.put(" gaitlive REVIEW ", column: 0, row: 0, foreground: Palette.heading, background: 236,
                         attributes: [.bold])
        x = grid.put(name, column: x, row: 0, foreground: Palette.text, background: 236)
        x = grid.put(stageText, column: x, row: 0, foreground: pane.colour ? Palette.accent : Palette.heading, background: 236,
                     attributes: [.bold])
        x = grid.put(frameText, column: x, row: 0, foreground: Palette.text, background: 236)
        x = grid.put(rec, column: x, row: 0, foreground: Palette.text, background: 236)
        x = grid.put(play, column: x, row: 0, foreground: playing ? Palette.good : Palette.text, background: 236,
                     attributes: [.bold])
        if loop != nil { x = grid.put(loopText, column: x, row: 0, foreground: Palette.accent, background: 236) }
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
        if case .goTo(let editor) = focus {
            editor.draw(into: &grid, row: row, utf8: pane.utf8)
            return
        }
        grid.fill(column: 0, row: row, width: grid.width, height: 1, with: Cell(" ", background: 236))
        let text: String
        switch focus {
        case .edit(let e):
            text = grid.width >= 88 ? " editing \(e.label): arrows move 1 px, H J K L 5 px, Tab next marker, Enter save, Esc discard"
                : " \(e.label): arrows 1 px, HJKL 5 px, Tab next marker, Enter save, Esc discard"
        case .strides:
            text = grid.width >= 86 ? " strides: up/down choose, o next odd stride, Enter play it slowly in a loop, Esc back"
                : " strides: up/down, o next odd stride, Enter play it looping, Esc back"
        case .notes:
            text = " notes: up/down choose, Enter go to it, Esc back"
        default:
            // A message takes the room of the keys that give way first; `? help  q quit` stay.
            let room = message.map { $0.until > now ? $0.text.count + 3 : 0 } ?? 0
            text = KeyTable.footer(ReviewScreen.keys, utf8: pane.utf8, width: max(16, grid.width - room))
        }
        grid.put(String(text.prefix(grid.width)), column: 0, row: row, foreground: Palette.text, background: 236)
        if let m = message, m.until > now {
            let t = String(m.text.prefix(max(0, grid.width - min(text.count, grid.width) - 3)))
            grid.put(t + " ", column: max(0, grid.width - t.count - 1), row: row, foreground: Palette.accent,
                     background: 236, attributes: [.bold])
        }
    }

}
