import Foundation
public import CaptureKit
public import MarkerTracker
public import LivePipeline
public import OfflineAnalysis
public import SessionStore

/// The live console: both cameras with overlays, per-camera health, recording and stage, the
/// numbers panel, and the keys the therapist uses during the run.
///
/// Keys: `r` start/stop recording, `s` next stage (flat <-> incline), `m` mark this moment with a
/// note, `c` choose the angle of the strip chart, `t` angle tables or stage means per side (both
/// on wide terminals), `x` camera controls (exposure, gain, ...: `ControlsOverlay`), `d` debug line (redraw time, terminal bytes per
/// second), `?` help, `q` quit (asks first while recording). Reads the newest snapshots from the
/// `LiveSession`; never blocks it.
public final class LiveScreen: ConsoleScreen {
    public let session: LiveSession
    public var pane: ViewPane
    public var title: String
    public var showTruth = true
    /// The `?` box while open.
    var help: HelpOverlay?
    var confirmingQuit = false
    var message: (text: String, until: Double)?
    var now = 0.0
    /// The note being typed, the moment it marks (monotonic ns when `m` was pressed) and the REC
    /// clock then (nil when not recording).
    var note: (editor: LineEditor, at: UInt64, rec: Double?)?
    /// The angle shown in the strip chart.
    public var chartAngle: AngleKind = .kneeFlexion
    /// Seconds of history in the strip chart.
    public var chartSeconds = 6.0
    var showDiagnostics = false
    /// The standing calibration the header last showed (a new one is announced once).
    var shownCalibration = SideCalibration.none
    /// The setup screen (checks per camera and the calibration) is shown instead of the panel.
    public var showSetup = false
    let setupPanel = SetupPanel()
    /// On terminals too narrow for both, the panel shows the stride means instead of the angle tables.
    public var showStrideMeans = false
    /// The first metric row of the stage means shown (`t` pages through them when they do not fit).
    public var meansTop = 0
    /// Metric rows of the stage means that fit at the last draw, and whether they were shown.
    var meansRowsShown = StridePanel.metrics.count
    var meansVisible = false
    var bothTablesShown = false
    /// The picture drawn last in each view (noise below a few levels does not repaint cells).
    var canvases: [CameraView: FrameCanvas] = [:]
    var diagnostics = ConsoleDiagnostics()

    /// The recorder's figures of the status read at the start of the current draw (one read a draw).
    var lastRecorder: SessionRecorder.Status?
    /// Instant replay while it plays (`i`); any key returns to live.
    public internal(set) var replay: InstantReplay?
    /// The camera-controls box while open.
    var controlsBox: ControlsOverlay?
    /// Where the controls box finds a camera's controls (the session's V4L2 cameras by default).
    public var controlsProvider: (CameraView) -> (any CameraControlling)?

    public init(session: LiveSession, pane: ViewPane, title: String) {
        self.session = session
        self.pane = pane
        self.title = title
        controlsProvider = { [session] view in session.controls(view) }
    }

    public func update(diagnostics: ConsoleDiagnostics) {
        self.diagnostics = diagnostics
    }

    public func handle(_ key: Key) -> ScreenAction {
        if var n = note {
            switch n.editor.handle(key) {
            case .editing:
                note = n
            case .cancelled:
                note = nil
                flash("note discarded")
            case .accepted(let text):
                note = nil
                session.addNote(text, at: n.at)
                // The REC clock of the header, which review shows the note by too.
                flash(n.rec.map { "note saved at REC \(TextFormat.clock($0))" } ?? "note saved (not recording: review lists it, not on a frame)")
            }
            return .none
        }
        if var box = controlsBox, key != .resize {
            controlsBox = box.handle(key) == .close ? nil : box
            return .none
        }
        if replay != nil, key != .resize {
            replay = nil
            flash("live")
            return .none
        }
        if confirmingQuit {
            confirmingQuit = false
            if key == .character("y") || key == .character("Y") { return .quit }
            flash("still running")
            return .none
        }
        if var h = help, key != .resize {
            help = h.handle(key) ? h : nil
            return .none
        }
        if showSetup && key == .enter {
            showSetup = false
            flash("to the run: r records, s next stage; u returns to the setup checks")
            return .none
        }
        guard let command = KeyTable.command(for: key, in: LiveScreen.keys) else { return .none }
        switch command {
        case .quit:
            if session.isRecording {
                confirmingQuit = true
                return .none
            }
            return .quit
        case .record:
            let on = !session.isRecording
            session.setRecording(on)
            flash(on ? "recording" : "recording paused (saved so far)")
        case .nextStage:
            let st = session.nextStage()
            flash("stage \(st.kind.rawValue)" + (st.kind == .incline ? " \(Int(st.inclinePercent))%" : ""))
        case .note:
            let status = session.status
            let at = MonotonicClock.now()
            let rec = status.recording ? recordingClock(status, now: at) : nil
            note = (LineEditor(prompt: rec.map { "note at REC \(TextFormat.clock($0)):" } ?? "note for this moment:"), at, rec)
        case .chart, .chartBack:
            let kinds = AngleKind.allCases.filter { session.views.contains($0.view) }
            let step = command == .chart ? 1 : kinds.count - 1
            if let i = kinds.firstIndex(of: chartAngle) { chartAngle = kinds[(i + step) % kinds.count] }
            flash("chart: \(chartAngle.shortName)")
        case .means:
            toggleMeans()
        case .cameraControls:
            controlsBox = ControlsOverlay(views: session.views, provider: controlsProvider)
        case .replay:
            replay = InstantReplay(session: session, now: now)
            if let r = replay {
                flash(r.strides == 2 ? "instant replay: the last two strides at 1/8 speed; any key: live"
                      : "instant replay: fewer than three contacts seen, the last 2 s at 1/8 speed; any key: live")
            } else {
                flash("nothing to replay yet")
            }
        case .setup:
            showSetup.toggle()
            flash(showSetup ? "setup checks; Enter or u: to the run" : "to the run: r records, s next stage")
        case .applyFix:
            flash(showSetup ? applySetupFixes() : "a applies the setup checks' suggestions: u shows them")
        case .calibrate:
            session.calibrateNow()
            flash("standing calibration: the athlete stands still on the belt; taking the next 2 s")
        case .diagnostics:
            showDiagnostics.toggle()
        case .help:
            help = HelpOverlay(title: session.options.source == "v4l2" ? "gaitlive live keys" : "gaitlive demo keys",
                               keys: LiveScreen.keys, notes: [
                "The clinic's flow: setup (u: the checks per camera), calibrate (the athlete",
                "stands still on the belt; found by itself, or k), flat stage (r records),",
                "incline stage (s), then gaitlive review DIR and gaitlive report DIR.",
                "Markers: yellow detected, orange predicted (gap bridged),",
                "green + ground truth (simulated runner only).",
                "Angles in degrees; stage mean and SD over tracked frames.",
                "Stage means per side need 7 strides (n/7 until then).",
            ])
        }
        return .none
    }

    /// What a live key does.
    public enum Command: Sendable, Equatable {
        case record, nextStage, note, chart, chartBack, means, cameraControls, replay, setup, applyFix, calibrate, diagnostics, help, quit
    }

    /// `t`: the angle table or the stage means; where the means do not fit, the next page of them
    /// first. Says nothing when nothing changes (both tables shown, every row fits).
    func toggleMeans() {
        let total = StridePanel.metrics.count
        if meansVisible && meansTop + meansRowsShown < total {
            meansTop += meansRowsShown
            flash("stage means, rows \(meansTop + 1)-\(min(total, meansTop + meansRowsShown)) of \(total)")
            return
        }
        if bothTablesShown {
            if meansTop > 0 {
                meansTop = 0
                flash("stage means, rows 1-\(min(total, meansRowsShown)) of \(total)")
            }
            return
        }
        meansTop = 0
        showStrideMeans.toggle()
        flash(showStrideMeans ? "stage means per side" : "angles now")
    }

    /// The REC clock: seconds recorded so far, pauses left out (as review counts it).
    func recordingClock(_ s: LiveStatus, now: UInt64) -> Double { s.recordedSeconds }

    /// Every key of the live screen, in the order the help and the footer show them.
    public static let keys: [KeyBinding<Command>] = [
        .init([(.character("r"), .record), (.character("R"), .record)], "r",
              "start or pause recording (everything recorded is kept); starting also keeps the `--pre-record` seconds before the press (default 5, never before the stage began or the last recording ended)",
              footer: ("r record/pause", "r record/pause")),
        .init([(.character("s"), .nextStage), (.character("S"), .nextStage)], "s", "next treadmill stage: flat <-> incline",
              footer: ("s next stage", "s next stage")),
        .init([(.character("m"), .note), (.character("M"), .note)], "m", "mark this moment with a note (Enter saves it in the session, Esc cancels)",
              footer: ("m mark a moment", "m mark a moment")),
        .init([(.character("c"), .chart), (.character("C"), .chartBack)], "c / C",
              "next / previous angle of the strip chart (the last six seconds)", footer: ("c chart", "c chart")),
        .init([(.character("t"), .means), (.character("T"), .means)], "t",
              "angle table or stage means per side (both shown on wide terminals); pages through the means when they do not fit",
              footer: ("t means", "t means")),
        .init([(.character("x"), .cameraControls), (.character("X"), .cameraControls)], "x",
              "camera controls of a V4L2 camera while it streams: exposure, gain, white balance, power-line frequency (Tab other camera, up/down choose, left/right step, PgUp/PgDn ten steps, space toggles or next menu item, 0 default)", footer: ("x camera", "x camera")),
        .init([(.character("i"), .replay), (.character("I"), .replay)], "i",
              "instant replay: the last two strides of both views at 1/8 speed with the angles, looping, while capture and recording go on; any key returns to live",
              footer: ("i replay", "i replay")),
        .init([(.character("u"), .setup), (.character("U"), .setup)], "u",
              "setup checks (shown first): per camera the LEDs found and missing, exposure, flicker, motion blur, frame rate and drops, geometry and LED placement, pass / warn / fail with advice, and the standing calibration; Enter or u goes to the run",
              footer: ("u setup", "u setup")),
        .init([(.character("a"), .applyFix), (.character("A"), .applyFix)], "a",
              "on the setup checks: apply the camera setting they suggest (a shorter exposure, the power-line frequency) through the V4L2 camera's controls, as x would"),
        .init([(.character("k"), .calibrate), (.character("K"), .calibrate)], "k",
              "standing calibration now: the athlete stands still on the belt, the next 2 s give the neutral ankle and foot, trunk and pelvis and the cm scale (found by itself too when the athlete stands still before the run)",
              footer: ("k calibrate", "k calibrate")),
        .init(.character("d"), .diagnostics, "d", "debug line: redraw time, bytes per second sent to the terminal, redraws per second, the replay ring's memory"),
        .init([(.character("?"), .help), (.character("h"), .help)], "? (h)", "this list of keys (down or space: the next page when it does not fit); any other key closes it",
              footer: ("? help", "? help")),
        .init([(.character("q"), .quit), (.character("Q"), .quit)], "q", "quit (asks first while recording)",
              footer: ("q quit", "q quit")),
    ]

    func flash(_ text: String) { message = (text, now + 2.5) }

    public func tick(now: Double) -> ScreenAction {
        self.now = now
        return .none
    }

    public func draw(into grid: inout CellGrid) {
        let status = session.status
        lastRecorder = status.recorder
        let views = session.views
        guard let layout = ConsoleLayout.compute(width: grid.width, height: grid.height, viewCount: views.count,
                                                 panelRows: AnglePanel.preferredRows) else {
            ConsoleLayout.drawTooSmall(into: &grid)
            return
        }
        grid.fill(column: 0, row: 0, width: grid.width, height: grid.height, with: .blank)
        drawHeader(status, into: &grid)
        var columns: [AnglePanel.Column] = []
        var stages: [StageFigures] = []
        let moment = replay?.moment(now: now)
        for (i, view) in views.enumerated() {
            let snap = session.snapshot(view)
            if let st = snap?.stage { stages.append(st) }
            let set = MarkerSet.standard(for: view)
            // In instant replay the picture, markers and angles are the replay's; the rest is live.
            let shot = moment.flatMap { replay?.shot(view, at: $0) }
            let processed = shot?.entry.item.processed ?? snap?.processed
            let tracked = processed?.tracked
            let markers = tracked?.markers ?? MarkerFrame(repeating: nil, count: set.count)
            let angles = processed?.angles ?? AngleSet()
            let truth = showTruth && shot == nil ? snap?.processed.frame.truth?.markers : nil
            let stats = status.cameras[view] ?? CameraStatistics()
            var title = viewTitle(view)
            var (health, colour) = healthText(stats, tracked: tracked, markerSet: set, room: layout.titles[i].width - title.count - 1)
            if health.count > layout.titles[i].width - title.count - 1 {
                title = view == .side ? "SIDE \(session.options.markerSide.letter)" : "REAR"
                (health, colour) = healthText(stats, tracked: tracked, markerSet: set, room: layout.titles[i].width - title.count - 1)
            }
            if let moment, let r = replay {
                title = (view == .side ? "SIDE " : "REAR ") + (pane.utf8 ? "▶ " : "> ") + "REPLAY 1/8"
                health = r.strideNumber(at: moment).map { "stride \($0) of 2" } ?? "last 2 s"
                health += String(format: "  %.2f s ago", Double(MonotonicClock.now() - min(MonotonicClock.now(), moment)) / 1e9)
                colour = Palette.accent
            }
            pane.draw(image: shot.map { $0.image } ?? snap?.processed.frame.luma,
                      content: .init(markerSet: set, markers: markers, angles: angles, truth: truth),
                      title: title, status: health, statusColour: colour,
                      titleRect: layout.titles[i], rect: layout.views[i], into: &grid, memory: &canvases[view])
            var footer: [String] = []
            if let c = snap?.stage.cadence.stepsPerMinute {
                footer.append(String(format: "cadence %.0f steps/min", c))
            }
            if let e = snap?.recentEvents.last {
                footer.append("last event \(e.kind.rawValue) \(e.side.letter) at \(TextFormat.fixed(e.time, 2)) s")
            }
            columns.append(.init(title: view == .side ? "side \(session.options.markerSide.letter) leg" : "rear",
                                 view: view, current: angles, stage: snap?.stage.angles ?? [:], footer: footer))
        }
        if showSetup {
            setupPanel.update(session: session, now: now)
            setupPanel.draw(session: session, utf8: pane.utf8, in: layout.panel, into: &grid)
        } else {
            drawPanel(columns, strides: StageFigures.combinedSummary(stages), stage: status.stage, in: layout.panel, into: &grid)
        }
        drawHelpLine(into: &grid)
        if let box = controlsBox { box.draw(into: &grid, utf8: pane.utf8) }
        if help != nil { help?.draw(into: &grid, utf8: pane.utf8) }
    }

    /// The angle tables, the stage means per side, and the strip chart, as the width allows: all
    /// three on wide terminals; otherwise angles or stride means (`t`) with the chart beside them.
    func drawPanel(_ columns: [AnglePanel.Column], strides: StageSummary, stage: SessionTimeline.Stage, in rect: CellRect,
                   into grid: inout CellGrid) {
        let tableWidth = min(42, rect.width / max(1, columns.count))
        let anglesWidth = tableWidth * columns.count
        let strideWidth = StridePanel.preferredWidth
        let stageTitle = stage.kind == .incline ? "incline \(TextFormat.fixed(stage.inclinePercent, 0))%" : "flat"
        let both = rect.width - anglesWidth - strideWidth - 2 >= 24
        bothTablesShown = both
        meansVisible = both || showStrideMeans
        let leftWidth = both ? anglesWidth + 1 + strideWidth : (showStrideMeans ? strideWidth : anglesWidth)
        let chartWidth = rect.width - leftWidth - 1
        let left = CellRect(column: rect.column, row: rect.row, width: chartWidth >= 24 ? leftWidth : rect.width,
                            height: rect.height)
        if both {
            AnglePanel(utf8: pane.utf8, colour: pane.colour)
                .draw(columns, in: CellRect(column: left.column, row: left.row, width: anglesWidth, height: left.height),
                      into: &grid)
            let x = left.column + anglesWidth + 1
            meansRowsShown = StridePanel(utf8: pane.utf8, colour: pane.colour)
                .draw(strides, stageTitle: stageTitle, in: CellRect(column: x, row: left.row, width: strideWidth,
                                                                    height: left.height), first: meansTop, into: &grid)
            for r in left.row..<(left.row + left.height) {
                grid[x - 1, r] = Cell(pane.utf8 ? "│" : "|", foreground: Palette.dimText)
            }
        } else if showStrideMeans {
            meansRowsShown = StridePanel(utf8: pane.utf8, colour: pane.colour)
                .draw(strides, stageTitle: stageTitle, in: left, first: meansTop, into: &grid)
        } else {
            AnglePanel(utf8: pane.utf8, colour: pane.colour).draw(columns, in: left, into: &grid)
        }
        let tables = left
        var chartRows = rect.height
        if showDiagnostics {
            // The ring of recent pictures (instant replay, pre-record): bounded memory, shown here.
            var line = diagnostics.summary
            if let rec = lastRecorder {
                line += String(format: "; replay ring %.1f MB, %.1f s", Double(rec.ringBytes) / 1e6, rec.ringSeconds)
            }
            grid.put(String(line.prefix(rect.width)), column: rect.column, row: rect.row + rect.height - 1,
                     foreground: Palette.dimText)
            chartRows -= 1
        }
        guard chartWidth >= 24, chartRows >= 4 else { return }
        let x = tables.column + tables.width + 1
        // A rule between the tables and the chart, so the chart's axis numbers are not read as a column.
        for r in rect.row..<(rect.row + chartRows) { grid[x - 1, r] = Cell(pane.utf8 ? "│" : "|", foreground: Palette.dimText) }
        let history = session.history(chartAngle.view)
        let end = history?.latestTime ?? 0
        let title = "\(chartAngle.shortName), last \(Int(chartSeconds)) s  (c: change)"
        grid.put(String(title.prefix(chartWidth)), column: x, row: rect.row, foreground: pane.colour ? Palette.accent : Palette.heading,
                 attributes: [.bold])
        var chart = LineChart(xRange: (end - chartSeconds)...max(end, end - chartSeconds + 1e-3), utf8: pane.utf8,
                              colour: pane.colour)
        chart.unit = pane.utf8 ? "°" : "deg"
        let points = history?.series(chartAngle).filter { $0.x >= end - chartSeconds } ?? []
        chart.draw([.init(points: points, colour: Palette.segment)],
                   in: CellRect(column: x, row: rect.row + 1, width: chartWidth, height: chartRows - 1), into: &grid)
    }

    func viewTitle(_ view: CameraView) -> String {
        view == .side ? "SIDE (\(session.options.markerSide.rawValue) leg)" : "REAR"
    }

    /// Frame rates below this are flagged in the view's title: the tracker is checked at 120 fps,
    /// and at 60 fps fast runners' markers get wrong labels (docs/accuracy.md, "The runner
    /// population").
    static let checkedFramesPerSecond = 100.0

    /// The view's health for its title row, in the longest form that fits `room` columns: the frame
    /// rate and the drops are kept to the last (the tracking detail gives way first). The full
    /// form says why markers are missing, when the tracker knows.
    func healthText(_ s: CameraStatistics, tracked: TrackedFrame?, markerSet: MarkerSet, room: Int = .max) -> (String, UInt8) {
        let full = healthText(s, tracked: tracked, markerSet: markerSet, compact: false)
        if full.0.count <= room { return full }
        return healthText(s, tracked: tracked, markerSet: markerSet, compact: true)
    }

    func healthText(_ s: CameraStatistics, tracked: TrackedFrame?, markerSet: MarkerSet, compact: Bool) -> (String, UInt8) {
        let fps = compact ? String(format: "%.0f fps", s.measuredFramesPerSecond) : String(format: "%.1f fps", s.measuredFramesPerSecond)
        let drops = compact ? "\(s.dropped) drop" : "\(s.dropped) dropped"
        let track = tracked.map { t in
            let n = t.markers.filter { $0?.source == .detected }.count
            if compact { return "\(n)/\(t.markers.count)" + (t.strayLights > 0 ? " +\(t.strayLights)" : "") }
            let stray = t.strayLights > 0 ? "  \(t.strayLights) stray light" + (t.strayLights > 1 ? "s" : "") : ""
            return t.statusLine(markerSet) + stray
        } ?? "waiting"
        switch s.state {
        case .lost(let why): return ("camera lost: \(why)", Palette.alarm)
        case .stalled: return ("no frames  \(drops)", Palette.alarm)
        case .starting: return ("starting", Palette.dimText)
        case .finished, .stopped: return ("stopped  \(fps)  \(drops)", Palette.dimText)
        case .streaming:
            let colour: UInt8 = tracked?.status == .tracking ? Palette.good
                : (tracked?.status == .partial ? Palette.warning : Palette.alarm)
            // Below the rate the tracker is checked at, the PT is told (in the warning colour).
            let slow = s.measuredFramesPerSecond > 0 && s.measuredFramesPerSecond < LiveScreen.checkedFramesPerSecond
            let rate = !slow ? fps : (compact ? fps + "!" : fps + " (tracking checked at 120)")
            return ("\(track)  \(rate)  \(drops)", s.dropped > 0 || slow ? Palette.warning : colour)
        }
    }

    func drawHeader(_ s: LiveStatus, into grid: inout CellGrid) {
        grid.fill(column: 0, row: 0, width: grid.width, height: 1, with: Cell(" ", background: 236))
        var x = grid.put(" gaitlive ", column: 0, row: 0, foreground: Palette.heading, background: 236, attributes: [.bold])
        x = grid.put(title + "  ", column: x, row: 0, foreground: Palette.text, background: 236)
        let stage = s.stage.kind == .incline
            ? "INCLINE \(TextFormat.fixed(s.stage.inclinePercent, 0))%" : "FLAT"
        x = grid.put("stage \(s.stageNumber): ", column: x, row: 0, foreground: Palette.text, background: 236)
        x = grid.put(stage, column: x, row: 0, foreground: pane.colour ? Palette.accent : Palette.heading,
                     background: 236, attributes: [.bold])
        x += 2
        x = drawCalibration(into: &grid, column: x) + 2
        if s.recording {
            // Seconds recorded so far, pauses left out: the clock notes and review use.
            x = grid.put((pane.utf8 ? "● " : "* ") + "REC " + TextFormat.clock(s.recordedSeconds), column: x, row: 0,
                         foreground: pane.colour ? Palette.record : Palette.heading, background: 236,
                         attributes: pane.colour ? [.bold] : [.bold, .reverse])
        } else {
            x = grid.put("not recording", column: x, row: 0, foreground: Palette.dimText, background: 236)
        }
        x += 2
        if let rec = s.recorder {
            if let failure = rec.failure {
                x = grid.put(failure, column: x, row: 0, foreground: Palette.alarm, background: 236, attributes: [.bold])
            } else if rec.bytesWritten > 0 {
                let drops = rec.droppedByRecorder.values.reduce(0, +)
                x = grid.put(String(format: "saved %.1f s, %.0f MB", s.recordedSeconds, Double(rec.bytesWritten) / 1e6)
                             + (drops > 0 ? ", \(drops) not saved" : ""), column: x, row: 0,
                             foreground: drops > 0 ? Palette.warning : Palette.dimText, background: 236)
            }
        }
        if let minutes = s.minutesLeft, s.recorder?.failure == nil {
            // What the disk still holds at the current rate; a warning when little is left.
            let text = "  " + LiveScreen.roomText(minutes: minutes)
            let low = minutes < RecordingRoom.warningMinutes
            if x + text.count < grid.width {
                x = grid.put(text, column: x, row: 0, foreground: low ? Palette.warning : Palette.dimText, background: 236,
                             attributes: low ? [.bold] : [])
            }
        }
        if let off = s.cameraOffsetMilliseconds {
            var text = String(format: "  side-rear %+.1f ms", off)
            if let jitter = s.cameraJitterMilliseconds { text += String(format: " jitter %.1f", jitter) }
            if x + text.count < grid.width { grid.put(text, column: x, row: 0, foreground: Palette.dimText, background: 236) }
        }
    }

    /// "disk: 37 min left", "disk: 14 h left", "disk: 40 s left".
    static func roomText(minutes: Double) -> String {
        if minutes >= 600 { return "disk: \(Int(minutes / 60)) h left" }
        if minutes >= 1 { return "disk: \(Int(minutes)) min left" }
        return "disk: \(Int((minutes * 60).rounded(.down))) s left"
    }

    func drawHelpLine(into grid: inout CellGrid) {
        let row = grid.height - 1
        if let n = note {
            n.editor.draw(into: &grid, row: row, utf8: pane.utf8)
            return
        }
        grid.fill(column: 0, row: row, width: grid.width, height: 1, with: Cell(" ", background: 236))
        if confirmingQuit {
            grid.put(" Recording in progress. Quit now? Everything recorded so far is saved. (y/n) ", column: 0, row: row,
                     foreground: Palette.warning, background: 236, attributes: [.bold])
            return
        }
        // A message takes the room of the keys that give way first; `? help  q quit` stay.
        let shown = message.flatMap { $0.until > now ? $0.text : nil }
        let keys = KeyTable.footer(LiveScreen.keys, utf8: pane.utf8, width: grid.width - (shown.map { $0.count + 3 } ?? 0))
        grid.put(keys, column: 0, row: row, foreground: Palette.text, background: 236)
        if let text = shown {
            let t = String(text.prefix(max(0, grid.width - keys.count - 3)))
            grid.put(t + " ", column: max(keys.count + 2, grid.width - t.count - 1), row: row,
                     foreground: Palette.accent, background: 236, attributes: [.bold])
        }
    }
}
