public import ArgumentParser
import CaptureKit
import MarkerTracker
import LivePipeline
import OfflineAnalysis
import SessionStore
import RunnerSimulation

/// The simulated runner and its virtual cameras: what `gaitlive demo` films.
struct SimulationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Frame size of both virtual cameras (WxH, even, 64x48 to 4096x4096; default 640x480)", valueName: "WxH"),
            transform: FrameSize.parse)
    var size: FrameSize = FrameSize(width: 640, height: 480)

    @Option(name: .long, help: "Frames per second of both virtual cameras.")
    var fps: Double = 120

    @Option(name: .long, help: "Random seed: the same seed gives the same run, frame for frame.")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Side of the treadmill the side camera stands on (its LEDs are on that leg).",
                                            valueName: "left|right"))
    var cameraSide: BodySide = .right

    @Option(name: .long, help: "Grade of the incline stage, percent.")
    var incline: Double = 5

    @Option(name: .long, help: ArgumentHelp("Extra contralateral pelvic drop in degrees during stance of --hip-drop-side (weak hip abductors).", valueName: "degrees"))
    var hipDrop: Double = 0

    @Option(name: .long, help: ArgumentHelp("Stance leg whose opposite pelvis drops further.", valueName: "left|right"))
    var hipDropSide: BodySide = .right

    @Option(name: .long, help: ArgumentHelp("Extra ankle dorsiflexion at midstance, degrees.", valueName: "degrees"))
    var extraDorsiflexion: Double = 0

    @Option(name: .long, help: ArgumentHelp("Leg with the extra dorsiflexion.", valueName: "left|right"))
    var dorsiflexionSide: BodySide = .right

    @Option(name: .long, help: ArgumentHelp("Over-striding: the heel lands this much further ahead of the hip.", valueName: "cm"))
    var overstride: Double = 0

    @Flag(name: .long, help: "Every stride the same, as in the accuracy tests (by default strides vary from one to the next, and each --seed is another day: docs/simulated-runner.md).")
    var steadyRunner = false

    @Option(name: .long, help: ArgumentHelp("""
        A fault a clinic meets, for training (repeatable): arm-swing (the near hand hides the hip LED \
        every stride), stray-lights (a lamp and reflections), glare (a window, a streak on the belt), \
        led-dropout (one LED per view dark for half a second, a third into the run), off-belt (every \
        LED gone for a second, two thirds into the run). In the console the run counts as 30 s.
        """, valueName: "fault"))
    var fault: [SimulatedFaults.Preset] = []

    @Option(name: .long, help: ArgumentHelp("""
        A set-up done wrong, for the setup checks (repeatable): tilted-camera (the side camera rolled \
        6 degrees), bloom (LEDs far too bright for the exposure), misplaced-knee (the knee LEDs off \
        their landmarks), dark-knee (the side knee LED hidden), flicker (room lamps on 50 Hz mains \
        flickering 15 %), slow-shutter (an 8 ms exposure: the running feet's LEDs streak), \
        off-axis-rear (the rear camera 8 degrees off the belt's axis).
        """, valueName: "fault"))
    var setupFault: [SetupFault] = []

    @Option(name: .long, help: ArgumentHelp("""
        Seconds the athlete stands still on the belt before running (the standing calibration's \
        moment). Default: 3 in the console, 0 with --headless.
        """, valueName: "seconds"))
    var stand: Double?

    func validate() throws {
        if let stand, !(0...60).contains(stand) { throw ValidationError("--stand must be 0 to 60 seconds (got \(stand))") }
        guard fps >= 10, fps <= 480 else { throw ValidationError("--fps must be between 10 and 480 (got \(fps))") }
        guard (0...20).contains(incline) else { throw ValidationError("--incline must be 0 to 20 percent (got \(incline))") }
        guard (0...15).contains(hipDrop) else { throw ValidationError("--hip-drop must be 0 to 15 degrees (got \(hipDrop))") }
        guard (0...20).contains(extraDorsiflexion) else {
            throw ValidationError("--extra-dorsiflexion must be 0 to 20 degrees (got \(extraDorsiflexion))")
        }
        guard (0...25).contains(overstride) else { throw ValidationError("--overstride must be 0 to 25 cm (got \(overstride))") }
    }

    var findings: ClinicalFindings {
        ClinicalFindings(hipDropDegrees: hipDrop, hipDropStanceSide: hipDropSide,
                         extraDorsiflexionDegrees: extraDorsiflexion, dorsiflexionSide: dorsiflexionSide,
                         overstrideCentimetres: overstride)
    }

    /// The runner's profile on a belt at `inclinePercent`: varying from stride to stride and from
    /// day (seed) to day unless `--steady-runner`.
    func profile(inclinePercent: Double = 0) -> RunnerProfile {
        let day = steadyRunner ? RunnerProfile.flat : RunnerProfile.flat.varying(seed: seed)
        return inclinePercent == 0 ? day : day.inclined(percent: inclinePercent)
    }

    /// The two virtual cameras as `LiveSession` cameras.
    func cameras(runner: SimulatedRunner, pacing: SimulatedCamera.Pacing, frameLimit: Int?) -> [LiveSession.Camera] {
        CameraView.allCases.map { view in
            let seconds = frameLimit.map { Double($0) / fps } ?? 30
            var faults = SimulatedFaults(presets: fault, seconds: seconds, width: size.width, height: size.height)
            if view == .side { faults.dropouts += SetupFault.dropouts(setupFault) }
            let camera = view == .side
                ? SetupFault.sideCamera(setupFault, on: cameraSide, width: size.width, height: size.height)
                : SetupFault.rearCamera(setupFault, width: size.width, height: size.height)
            let cam = SimulatedCamera(runner: runner, view: view, width: size.width, height: size.height,
                                      framesPerSecond: fps, pacing: pacing, frameLimit: frameLimit, faults: faults,
                                      camera: camera, picture: SetupFault.picture(setupFault))
            let description = SessionManifest.Camera(
                view: view, device: "simulated", card: "gaitlive virtual \(view.rawValue) camera",
                width: size.width, height: size.height, pixelFormat: "GREY", nominalFps: fps,
                markerSide: view == .side ? cameraSide : nil)
            return LiveSession.Camera(view: view, source: Transfer(cam), description: description,
                                      recordingFormat: Y4MHeader(width: size.width, height: size.height,
                                                                 framesPerSecond: fps, colour: .mono,
                                                                 comments: ["GAITLIVE_VIEW=\(view.rawValue)"]))
        }
    }
}

/// A frame size given as WxH.
struct FrameSize: ExpressibleByArgument, Equatable {
    var width: Int
    var height: Int

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    init?(argument: String) {
        guard let s = try? FrameSize.parse(argument) else { return nil }
        self = s
    }

    /// Reads WxH, saying what is wrong with a size that is not usable.
    static func parse(_ argument: String) throws -> FrameSize {
        let parts = argument.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]) else {
            throw ValidationError("'\(argument)' is not a size; give it as WxH, e.g. 640x480")
        }
        guard (64...4096).contains(w), (48...4096).contains(h) else {
            throw ValidationError("\(argument) is outside 64x48 to 4096x4096")
        }
        guard w % 2 == 0, h % 2 == 0 else {
            throw ValidationError("\(argument) must have an even width and height (4:2:0 video)")
        }
        return FrameSize(width: w, height: h)
    }

    var defaultValueDescription: String { "\(width)x\(height)" }
}

extension BodySide: ExpressibleByArgument {}
extension SimulatedFaults.Preset: ExpressibleByArgument {}
extension SetupFault: ExpressibleByArgument {}

/// A terminal size given as COLUMNSxROWS.
struct TerminalSize: ExpressibleByArgument, Equatable {
    var columns: Int
    var rows: Int

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x")
        guard parts.count == 2, let c = Int(parts[0]), let r = Int(parts[1]), (1...1000).contains(c),
              (1...1000).contains(r) else { return nil }
        columns = c
        rows = r
    }
}
