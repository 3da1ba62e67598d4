import CaptureKit
import MarkerTracker
import LivePipeline

/// The setup screen's check list, drawn in the live console's panel before the run: one line per
/// check per camera (LEDs, exposure, flicker, motion blur, frame rate, geometry, placement, and
/// the rear camera's belt axis), pass / warn / fail and one line of
/// advice, then the standing calibration's state. The picture checks run on the newest snapshot
/// of each camera at most twice a second (blob detection over a whole frame); drops are counted
/// over the last `dropSeconds`.
final class SetupPanel {
    static let dropSeconds = 5.0
    private(set) var findings: [SetupFinding] = []
    private var checkedAt = -Double.infinity
    /// Per camera: (seconds, dropped so far) over the last `dropSeconds`.
    private var drops: [CameraView: [(time: Double, dropped: Int)]] = [:]
    /// Per camera: the markers of the last second's checks, to tell a standing athlete.
    private var recent: [CameraView: [StandingCalibration.Sample]] = [:]

    /// Runs the checks again when half a second has passed since the last time.
    func update(session: LiveSession, now: Double) {
        let status = session.status
        for view in session.views {
            let d = status.cameras[view]?.dropped ?? 0
            var h = drops[view, default: []]
            h.append((now, d))
            h.removeAll { $0.time < now - SetupPanel.dropSeconds }
            drops[view] = h
        }
        guard now - checkedAt >= 0.5 else { return }
        checkedAt = now
        var out: [SetupFinding] = []
        for view in session.views {
            guard let snap = session.snapshot(view) else {
                out.append(SetupFinding(view: view, check: "camera", verdict: .fail, advice: "no frames yet"))
                continue
            }
            let p = snap.processed
            var checks = SetupChecks.frame(view: view, image: p.frame.luma, markers: p.tracked.markers,
                                           side: session.options.markerSide)
            // Geometry and placement are read from the standing athlete: while the markers move,
            // they wait.
            var samples = recent[view, default: []]
            samples.append(.init(time: now, markers: p.tracked.markers))
            samples.removeAll { $0.time < now - 1.2 }
            recent[view] = samples
            if let moving = StandingCalibration.stillnessProblem(samples, view: view, stillPixels: 12), samples.count >= 2 {
                for i in checks.indices where checks[i].check == "geometry" || checks[i].check == "placement" {
                    checks[i].verdict = .warn
                    checks[i].advice = "the athlete is not standing still (\(moving)): checked standing"
                }
            }
            let h = drops[view] ?? []
            let recent = (h.last?.dropped ?? 0) - (h.first?.dropped ?? 0)
            let nominal = session.nominalFramesPerSecond(view)
            let fps = snap.statistics.measuredFramesPerSecond > 0 ? snap.statistics.measuredFramesPerSecond : nominal
            checks.insert(FrameRateCheck.check(view: view, nominal: nominal, measured: snap.statistics.measuredFramesPerSecond,
                                               droppedRecently: recent, seconds: SetupPanel.dropSeconds), at: 2)
            if let meter = session.pictureMeter(view) {
                checks.insert(MotionBlurCheck.check(view: view, streaks: meter.streaks, framesPerSecond: fps), at: 2)
                checks.insert(FlickerCheck.check(view: view, levels: meter.backgroundLevels, framesPerSecond: fps), at: 2)
                if view == .rear { checks.append(BeltAxisCheck.check(view: view, drifts: meter.heelDrifts)) }
            }
            out += checks
        }
        findings = out
    }

    /// The lines in `rect`: a heading, the checks, the calibration, the keys.
    func draw(session: LiveSession, utf8: Bool, in rect: CellRect, into grid: inout CellGrid) {
        grid.fill(column: rect.column, row: rect.row, width: rect.width, height: rect.height, with: .blank)
        var row = rect.row
        func line(_ text: String, _ colour: UInt8, bold: Bool = false) {
            guard row < rect.row + rect.height else { return }
            grid.put(String(text.prefix(rect.width)), column: rect.column, row: row, foreground: colour,
                     attributes: bold ? [.bold] : [])
            row += 1
        }
        line(" SETUP: check each camera, then the athlete stands still to calibrate; Enter: to the run", Palette.heading, bold: true)
        let calibration: String
        if let p = session.standingProblem {
            calibration = " calibration: waiting for the athlete to stand still (" + p + "); k: take the next 2 s now"
        } else if session.calibration != .none {
            calibration = " calibration: done (" + RecordedCalibrationWords.summary(session.calibration) + ")"
        } else {
            calibration = " calibration: none yet; k: the athlete stands still, take the next 2 s"
        }
        line(calibration, session.calibration != .none ? Palette.good : Palette.warning)
        // What does not fit: the passing checks go first, counted on the last line.
        var shown = findings
        let room = rect.row + rect.height - row
        var hidden = 0
        while shown.count > room, let i = shown.lastIndex(where: { $0.verdict == .pass }) {
            shown.remove(at: i)
            hidden += 1
        }
        if hidden > 0, shown.count >= room, let i = shown.lastIndex(where: { $0.verdict == .pass }) ?? shown.indices.last {
            shown.remove(at: i)
            hidden += 1
        }
        for f in shown {
            let mark: String
            let colour: UInt8
            switch f.verdict {
            case .pass: (mark, colour) = ("pass", Palette.good)
            case .warn: (mark, colour) = ("WARN", Palette.warning)
            case .fail: (mark, colour) = ("FAIL", Palette.alarm)
            }
            let name = (f.view == .side ? "side " : "rear ") + f.check
            line(" " + mark + "  " + TextFormat.padded(name, 17) + " " + f.advice, colour)
        }
        if hidden > 0 { line(" (\(hidden) more checks not shown, passing first: a taller terminal shows them all)", Palette.dimText) }
    }
}

/// The calibration in a few words for the console.
enum RecordedCalibrationWords {
    static func summary(_ c: SideCalibration) -> String {
        func d(_ v: Double) -> String { TextFormat.fixed(v, 1) }
        var s = "ankle \(d(c.neutralAnkle)), foot \(d(c.neutralFoot)), trunk \(d(c.standingTrunkLean)), pelvis \(d(c.standingObliquity)) deg"
        if let cm = c.centimetresPerPixel { s += ", " + TextFormat.fixed(cm, 3) + " cm/px" }
        return s
    }
}
