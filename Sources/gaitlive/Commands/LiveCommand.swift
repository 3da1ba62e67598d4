import ArgumentParser
import CaptureKit
import Foundation
import MarkerTracker
import ReviewTUI
import LivePipeline
import OfflineAnalysis
import SessionStore

/// `gaitlive live`: the live console on real cameras (V4L2), the same pipeline as the demo.
struct LiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Run a session on real cameras: live tracking, recording, the console.",
        usage: """
            gaitlive live --side /dev/video0 --rear /dev/video2 --size 640x480 --fps 120
            gaitlive live                      (the cameras remembered with 'gaitlive devices --assign')
            gaitlive live --side /dev/video0   (one camera)
            gaitlive live --side side --rear rear --headless --duration 30 --out /tmp/run1
            """,
        discussion: """
            Each camera gets the requested size at the requested rate (default: the fastest it offers up \
            to 120 fps) in the format cheapest to track: GREY or YUYV where offered, MJPEG (decoded) where the \
            camera gives that rate only compressed. What the camera granted is printed. A camera unplugged \
            during the run shows 'camera lost' and resumes by itself when plugged back in; the other keeps \
            recording. Keys in the console: r record, s next stage, ? help, q quit.
            """)

    @Option(name: .long, help: ArgumentHelp("Side-view camera: /dev/videoN, videoN, or 'side' (remembered).", valueName: "device"))
    var side: String?

    @Option(name: .long, help: ArgumentHelp("Rear-view camera: /dev/videoN, videoN, or 'rear' (remembered).", valueName: "device"))
    var rear: String?

    @Option(name: .long, help: ArgumentHelp("Frame size to capture (WxH, even, 64x48 to 4096x4096; default 640x480)", valueName: "WxH"),
            transform: FrameSize.parse)
    var size: FrameSize = FrameSize(width: 640, height: 480)

    @Option(name: .long, help: "Frames per second to capture (default: the fastest offered, up to 120).")
    var fps: Double?

    @Option(name: .long, help: ArgumentHelp("Force a pixel format (e.g. YUYV, MJPG).", valueName: "fourcc"))
    var format: String?

    @Option(name: .long, help: ArgumentHelp("The leg carrying the side-view markers (the side of the treadmill the side camera is on).", valueName: "left|right"))
    var markerSide: BodySide = .right

    @Option(name: .long, help: "Grade of the incline stage, percent.")
    var incline: Double = 5

    @Option(name: .long, help: ArgumentHelp("Session directory to create (must not exist or be empty). Default: a new directory under the sessions root.", valueName: "dir"))
    var out: String?

    @Option(name: .long, help: "Athlete's name, as stored in the session (a known athlete whatever the case and accents; a near miss is warned of).")
    var athlete = "Athlete"

    @Option(name: .long, help: ArgumentHelp("Athlete's leg length (greater trochanter to floor).", valueName: "cm"))
    var legLength: Double?

    @Flag(name: .long, help: "Run without the console: record --duration seconds, print a summary.")
    var headless = false

    @Option(name: .long, help: ArgumentHelp("Headless: seconds to record.", valueName: "seconds"))
    var duration: Double = 10

    @OptionGroup var display: DisplayOptions
    @OptionGroup var recording: RecordingOptions
    @OptionGroup var preRecord: PreRecordOption
    @OptionGroup var calibration: CalibrationOptions

    func validate() throws {
        if let fps { guard fps >= 1, fps <= 480 else { throw ValidationError("--fps must be between 1 and 480 (got \(fps))") } }
        if let format { guard PixelFormat(fourcc: format) != nil else { throw ValidationError("--format must be a FOURCC such as YUYV or MJPG (got '\(format)')") } }
        guard duration > 0, duration <= 24 * 3600 else { throw ValidationError("--duration must be positive (got \(duration))") }
        if let legLength { guard (40...130).contains(legLength) else { throw ValidationError("--leg-length must be 40 to 130 cm (got \(legLength))") } }
        guard (0...20).contains(incline) else { throw ValidationError("--incline must be 0 to 20 percent (got \(incline))") }
        guard !athlete.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--athlete must not be empty") }
    }

    /// The devices for each view: the options, else the remembered roles.
    func devices() throws -> [(CameraView, String)] {
        var out: [(CameraView, String)] = []
        if side == nil && rear == nil {
            let roles: CameraRoles
            do { roles = try CameraRoles.load() } catch { throw Failure.badInput("\(error)") }
            for view in CameraView.allCases where roles[view] != nil {
                out.append((view, try CameraResolver.path(for: view.rawValue, option: "--\(view.rawValue)")))
            }
            guard !out.isEmpty else {
                throw Failure.badInput("no camera given: use --side DEVICE and/or --rear DEVICE "
                                       + "('gaitlive devices' lists them), or remember them with 'gaitlive devices --assign side=DEVICE'")
            }
            return out
        }
        if let side { out.append((.side, try CameraResolver.path(for: side, option: "--side"))) }
        if let rear { out.append((.rear, try CameraResolver.path(for: rear, option: "--rear"))) }
        if out.count == 2 && out[0].1 == out[1].1 { throw Failure.badInput("--side and --rear are the same device (\(out[0].1))") }
        return out
    }

    /// Opens and negotiates every camera; any problem is one line and exit status 2.
    func openCameras() throws -> [V4L2Camera] {
        let request = V4L2Camera.Request(width: size.width, height: size.height, fps: fps,
                                         pixelFormat: format.flatMap { PixelFormat(fourcc: $0) })
        var cameras: [V4L2Camera] = []
        for (view, path) in try devices() {
            do {
                cameras.append(try V4L2Camera(path: path, view: view, request: request))
            } catch {
                for c in cameras { c.stop() }
                throw CameraResolver.failure(error)
            }
        }
        return cameras
    }

    static func grantedLine(_ c: V4L2Camera) -> String {
        let asked = "\(c.request.width)x\(c.request.height)" + (c.request.fps.map { " at \(FrameInterval(framesPerSecond: $0)) fps" } ?? "")
        let clock = c.kernelTimestamps ? "kernel timestamps" : "no kernel timestamps: stamped on arrival"
        return "\(c.view.rawValue): \(c.path) \(c.description.card) (\(c.description.busInfo)): \(c.negotiated) "
            + "(asked \(asked); \(clock))"
    }

    mutating func run() throws {
        // The library's spelling of a known athlete (case and accents aside); a near miss is warned of.
        if athlete != "Athlete" { athlete = AthleteOption.resolve(athlete, root: SessionLayout.defaultRoot()) }
        let directory = try SessionDirectory.check(out: out, athlete: athlete)
        let cameras = try openCameras()
        let lines = cameras.map(LiveCommand.grantedLine)
        if headless { for l in lines { print(l) } }
        let origin = MonotonicClock.now()
        let options = LiveSession.Options(
            athlete: .init(name: athlete, legLengthCm: legLength), directory: directory, source: "v4l2",
            inclinePercent: incline, lossless: false,
            queueFramesPerCamera: Int(max(60, (cameras.map(\.nominalFramesPerSecond).max() ?? 30) * 2)),
            markerSide: markerSide, clockOrigin: origin, software: "gaitlive \(GaitLive.version)",
            videoStorage: recording.storage, preRecordSeconds: preRecord.seconds,
            detectStanding: true, standingScale: try? calibration.scale())
        let session: LiveSession
        do {
            session = try LiveSession(cameras: cameras.map { $0.sessionCamera(markerSide: markerSide) }, options: options)
        } catch {
            throw Failure.badInput("\(error)")
        }
        if headless {
            try runHeadless(session, directory: directory)
        } else {
            try runConsole(session, directory: directory, lines: lines)
        }
    }

    func runHeadless(_ session: LiveSession, directory: String) throws {
        SignalFlags.installTerminationHandlers()
        session.setRecording(true)
        session.start()
        let end = MonotonicClock.now() + UInt64(duration * 1e9)
        while MonotonicClock.now() < end && SignalFlags.pending == nil {
            usleep(20_000)
        }
        let status = session.stop()
        if let failure = status.failure { throw Failure.failed(failure) }
        try LiveSummary.print(directory: directory, statistics: session.status.cameras)
    }

    func runConsole(_ session: LiveSession, directory: String, lines: [String]) throws {
        let (terminal, pane) = try display.openTerminal()
        SignalFlags.installTerminationHandlers()
        session.start()
        let screen = LiveScreen(session: session, pane: pane, title: "live: \(athlete)")
        screen.showSetup = true // the clinic's flow begins with the setup checks
        let ending = ConsoleLoop.run(screen, on: terminal)
        terminal.end()
        let status = session.stop()
        for l in lines { print(l) }
        if let failure = status.failure { print("gaitlive: \(failure)") }
        if status.framesWritten.values.reduce(0, +) > 0 {
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
