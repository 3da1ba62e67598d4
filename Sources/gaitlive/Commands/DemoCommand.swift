import ArgumentParser
import CaptureKit
import Foundation
import MarkerTracker
import ReviewTUI
import LivePipeline
import OfflineAnalysis
import SessionStore
import RunnerSimulation

/// `gaitlive demo`: the whole product on a simulated runner, no cameras needed.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a whole two-camera session on a simulated runner (no cameras needed).",
        usage: """
            gaitlive demo
            gaitlive demo --hip-drop 4 --hip-drop-side left --overstride 8
            gaitlive demo --headless --duration 20 --out /tmp/demo-session
            gaitlive demo --motion data/realdata/RBDS032runT35markers.txt --leg-length 92
            """,
        discussion: """
            Without --headless: the live console. Press r to record, s to switch between the flat and \
            incline stages, q to quit; then open the saved session with 'gaitlive review DIR'.
            With --headless: runs the same pipeline without the console, as fast as the machine allows, \
            records --duration seconds of each stage, saves the session and prints a summary.
            """)

    @Flag(name: .long, help: "Run without the console, record, print a summary.")
    var headless = false

    @Option(name: .long, help: ArgumentHelp("Headless: seconds recorded per stage.", valueName: "seconds"))
    var duration: Double = 10

    @Flag(name: .long, inversion: .prefixedNo, help: "Headless: record an incline stage after the flat one.")
    var inclineStage = true

    @Flag(name: .long, help: ArgumentHelp("Headless: keep recording through the settle period after the stage switch "
                                          + "(its strides are left out of the means as settling) instead of pausing for it."))
    var recordSettle = false

    @Flag(name: .long, help: "Headless: pace the cameras in real time instead of as fast as possible.")
    var realtime = false

    @Option(name: .long, help: ArgumentHelp("Session directory to create (must not exist or be empty). Default: a new directory under the sessions root.", valueName: "dir"))
    var out: String?

    @Option(name: .long, help: "Athlete's name, as stored in the session (a known athlete whatever the case and accents; a near miss is warned of).")
    var athlete = "Demo Runner"

    @Option(name: .long, help: ArgumentHelp("Athlete's leg length (greater trochanter to floor).", valueName: "cm"))
    var legLength: Double = 90

    @Flag(name: .long, help: "Hide the simulator's ground-truth crosses in the console.")
    var noTruth = false

    @Option(name: .long, help: ArgumentHelp("Refuse to start unless the disk holds this many minutes of recording. Default: 2 for the console, the planned recording for --headless.", valueName: "minutes"))
    var minFreeMinutes: Double?

    @OptionGroup var simulation: SimulationOptions
    @OptionGroup var recorded: MotionOptions
    @OptionGroup var display: DisplayOptions
    @OptionGroup var recording: RecordingOptions
    @OptionGroup var preRecord: PreRecordOption
    @OptionGroup var calibration: CalibrationOptions

    /// Seconds the simulated athlete stands before running.
    var standSeconds: Double {
        recorded.motion != nil ? 0 : simulation.stand ?? (headless ? 0 : 3)
    }

    func validate() throws {
        guard duration > 0, duration <= 3600 else { throw ValidationError("--duration must be between 0 and 3600 seconds (got \(duration))") }
        guard (40...130).contains(legLength) else { throw ValidationError("--leg-length must be 40 to 130 cm (got \(legLength))") }
        guard !athlete.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--athlete must not be empty") }
        if let m = minFreeMinutes, !(0...1440).contains(m) {
            throw ValidationError("--min-free-minutes must be 0 to 1440 (got \(m))")
        }
        if recorded.motion != nil {
            // Options that shape the simulated runner would be silently ignored by a replay.
            if simulation.findings != ClinicalFindings.none {
                throw ValidationError("--hip-drop, --extra-dorsiflexion and --overstride shape the simulated runner; a --motion recording moves as it was recorded")
            }
            if simulation.stand != nil {
                throw ValidationError("--stand applies to the simulated runner; a --motion recording runs from its first frame")
            }
            if !simulation.setupFault.isEmpty {
                throw ValidationError("--setup-fault applies to the simulated runner, not to a --motion recording")
            }
            if !simulation.fault.isEmpty {
                throw ValidationError("--fault applies to the simulated runner, not to a --motion recording")
            }
        }
    }

    /// What the virtual cameras film, for the summary.
    var subject: String {
        recorded.motion.map { "recorded motion \($0)" } ?? "simulated runner"
    }

    func options(directory: String, origin: UInt64, lossless: Bool) -> LiveSession.Options {
        LiveSession.Options(
            athlete: .init(name: athlete, legLengthCm: legLength), directory: directory,
            source: recorded.motion == nil ? "simulated" : "replay",
            inclinePercent: simulation.incline, lossless: lossless,
            queueFramesPerCamera: Int(simulation.fps * 2), markerSide: simulation.cameraSide,
            simulation: .init(seed: simulation.seed, findings: simulation.findings,
                              varying: recorded.motion == nil && !simulation.steadyRunner ? true : nil), clockOrigin: origin,
            software: "gaitlive \(GaitLive.version)",
            minimumFreeMinutes: minFreeMinutes ?? (headless ? duration * Double(inclineStage ? 2 : 1) / 60 : 2),
            videoStorage: recording.storage, preRecordSeconds: preRecord.seconds,
            detectStanding: !headless || standSeconds > 0, standingScale: try? calibration.scale())
    }

    mutating func run() throws {
        // The library's spelling of a known athlete (case and accents aside); a near miss is warned of.
        if athlete != "Demo Runner" { athlete = AthleteOption.resolve(athlete, root: SessionLayout.defaultRoot()) }
        let directory = try SessionDirectory.check(out: out, athlete: athlete)
        if headless {
            try runHeadless(directory: directory)
        } else {
            try runConsole(directory: directory)
        }
    }

    /// Builds the runner and the session; the stage observer tilts the simulated treadmill.
    func makeSession(directory: String, origin: UInt64, pacing: SimulatedCamera.Pacing, frameLimit: Int?,
                     lossless: Bool) throws -> (LiveSession, SimulatedRunner) {
        var profile = simulation.profile()
        profile.placement = SetupFault.placement(simulation.setupFault)
        let runner = SimulatedRunner(profile: profile, findings: simulation.findings, seed: simulation.seed,
                                     sideCameraOn: simulation.cameraSide, clockOrigin: origin, standSeconds: standSeconds)
        let incline = simulation.incline
        let base = profile
        let session: LiveSession
        do {
            session = try LiveSession(
                cameras: try recorded.cameras(simulation: simulation, origin: origin, pacing: pacing, frameLimit: frameLimit)
                    ?? simulation.cameras(runner: runner, pacing: pacing, frameLimit: frameLimit),
                options: options(directory: directory, origin: origin, lossless: lossless),
                onStageChange: { stage in
                    let profile = stage.kind == .incline ? base.inclined(percent: incline) : base
                    runner.switchProfile(at: runner.simulationTime(ofTimestamp: stage.startNanoseconds), to: profile)
                })
        } catch let e as SystemError {
            throw Failure.badInput(e.description)
        } catch let e as FreeSpace.Shortage {
            throw Failure.badInput(e.description)
        }
        return (session, runner)
    }

    func runHeadless(directory: String) throws {
        let fps = simulation.fps
        // The standing seconds are recorded at the start of the flat stage, before its --duration.
        let standFrames = Int((standSeconds * fps).rounded())
        let perStage = Int((duration * fps).rounded())
        let stages = inclineStage ? 2 : 1
        // The belt takes the settle period to reach the incline: the run waits it out, not
        // recording (or records it with --record-settle), then records --duration of the incline.
        let settle = stages == 2 && !recordSettle
            ? Int((SettlePeriod.seconds(fromPercent: 0, toPercent: simulation.incline) * fps).rounded()) : 0
        let origin: UInt64 = realtime ? MonotonicClock.now() + 200_000_000 : 1_000_000_000
        let (session, _) = try makeSession(directory: directory, origin: origin,
                                           pacing: realtime ? .realtime : .unpaced,
                                           frameLimit: standFrames + perStage * stages + settle, lossless: !realtime)
        func at(_ frames: Int) -> UInt64 { origin + UInt64((Double(frames) / fps * 1e9).rounded()) }
        session.setRecording(true, at: origin)
        if stages == 2 {
            session.nextStage(at: at(standFrames + perStage))
            if settle > 0 {
                session.setRecording(false, at: at(standFrames + perStage))
                session.setRecording(true, at: at(standFrames + perStage + settle))
            }
        }
        print(HeadlessSummary.diskLine(session: session, directory: directory))
        session.start()
        while !session.allCamerasEnded {
            usleep(20_000)
        }
        let status = session.stop()
        if let failure = status.failure {
            // A full disk: the summary shows what was saved; the exit status says it was cut short.
            FileHandle.standardError.write(Data("gaitlive: \(failure)\n".utf8))
            try HeadlessSummary.print(directory: directory, session: session, subject: subject, seed: simulation.seed,
                                      size: simulation.size, fps: fps)
            Foundation.exit(1)
        }
        try HeadlessSummary.print(directory: directory, session: session, subject: subject, seed: simulation.seed,
                                  size: simulation.size, fps: fps)
    }

    func runConsole(directory: String) throws {
        let (terminal, pane) = try display.openTerminal()
        let origin = MonotonicClock.now() + 100_000_000
        let session: LiveSession
        do {
            (session, _) = try makeSession(directory: directory, origin: origin, pacing: .realtime, frameLimit: nil,
                                           lossless: false)
        } catch {
            terminal.end()
            throw error
        }
        session.start()
        let screen = LiveScreen(session: session, pane: pane, title: "demo: \(athlete)")
        screen.showSetup = true // the clinic's flow begins with the setup checks
        screen.showTruth = !noTruth
        let ending = display.runConsole(terminal, screen)
        let status = session.stop()
        let recorded = status.framesWritten.values.reduce(0, +)
        if let failure = status.failure {
            print("gaitlive: \(failure)")
        }
        if recorded > 0 {
            print("Session saved: \(directory)")
            print("Review it with: gaitlive review \(directory.contains(" ") ? "'\(directory)'" : directory)")
            if let problem = SessionDirectory.readBackProblem(directory) {
                print("gaitlive: \(problem)")
                Foundation.exit(1)
            }
        } else {
            print("Nothing was recorded (press r in the console to record).")
        }
        if case .signal(let s) = ending { Foundation.exit(128 + s) }
    }
}
