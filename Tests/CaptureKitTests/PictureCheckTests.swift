import MarkerTracker
import Testing
@testable import CaptureKit
@testable import RunnerSimulation

/// The setup checks that need frames over time (`PictureMeter`): mains flicker and motion blur,
/// on the simulated runner with and without the fault (`gaitlive demo --setup-fault flicker`,
/// `slow-shutter`), and the camera settings they suggest. Prints `setup` lines.
@Suite struct PictureCheckTests {
    /// The meter after `frames` frames of `view` at `fps`, the athlete running unless `standing`;
    /// `tracked`: the markers tracked (from 1 s on, once the tracker has the athlete), else none
    /// (the flicker check reads the background only).
    static func meter(_ view: CameraView = .side, picture: CameraPicture, fps: Double = 120, frames: Int,
                      standing: Bool = false, tracked: Bool, width: Int = 640, height: Int = 480,
                      camera: VirtualCamera? = nil) -> PictureMeter {
        let runner = SimulatedRunner(profile: .flat, seed: 4, clockOrigin: 0, standSeconds: standing ? 60 : 0)
        let cam = SimulatedCamera(runner: runner, view: view, width: width, height: height, framesPerSecond: fps,
                                  pacing: .unpaced, camera: camera, picture: picture)
        var processor = ViewProcessor(view: view, framesPerSecond: fps, clockOrigin: 0)
        var meter = PictureMeter(view: view)
        let warmUp = tracked ? Int(fps) : 0
        for i in 0..<(frames + warmUp) {
            let t = Double(i) / fps
            let f = cam.render(index: UInt64(i), time: t)
            let p = tracked ? processor.process(f, inclinePercent: 0) : nil
            if i >= warmUp {
                meter.add(image: f.luma, markers: p?.tracked.markers ?? [], time: t, frame: i, events: p?.events ?? [])
            }
        }
        return meter
    }

    static func flicker(_ picture: CameraPicture, fps: Double = 120, standing: Bool = false) -> SetupFinding {
        let f = FlickerCheck.check(view: .side, levels: meter(picture: picture, fps: fps, frames: Int(1.3 * fps), standing: standing,
                                                              tracked: false, width: 320, height: 240).backgroundLevels,
                                   framesPerSecond: fps)
        print("setup \(picture) at \(Int(fps)) fps, flicker: \(f.verdict) - \(f.advice)")
        return f
    }

    static func blur(_ picture: CameraPicture, view: CameraView = .side, standing: Bool = false) -> SetupFinding {
        let f = MotionBlurCheck.check(view: view, streaks: meter(view, picture: picture, frames: 84, standing: standing, tracked: true).streaks,
                                      framesPerSecond: 120)
        print("setup \(picture) \(view), motion blur: \(f.verdict) - \(f.advice)")
        return f
    }

    @Test func theBeatOfMainsLightIsWhereTheCameraAliasesIt() {
        #expect(FlickerCheck.beat(light: 100, framesPerSecond: 120) == 20)
        #expect(FlickerCheck.beat(light: 120, framesPerSecond: 120) == 0)
        #expect(FlickerCheck.beat(light: 100, framesPerSecond: 60) == 20)
        #expect(abs(FlickerCheck.beat(light: 120, framesPerSecond: 50) - 20) < 1e-9)
        #expect(FlickerCheck.beat(light: 100, framesPerSecond: 30) == 10)
    }

    @Test func flickeringLampsOnFiftyHertzMainsAreCaughtAndNamed() {
        let f = Self.flicker(SetupFault.picture([.flicker]))
        #expect(f.verdict == .warn)
        #expect(f.advice.contains("beats at 20 Hz") && f.advice.contains("50 Hz mains"))
        #expect(f.fix == .powerLine(hertz: 50))
        // A weaker lamp, seen while the athlete stands: 3 % is still caught.
        #expect(Self.flicker(CameraPicture(flickerHertz: 120, flickerDepth: 0.03), fps: 100, standing: true).fix == .powerLine(hertz: 60))
    }

    /// A busy machine loses frames; the sensor's cadence, and so the beat, stay.
    @Test func framesLostInBetweenChangeNeitherTheFrameRateNorTheBeat() {
        let all = Self.meter(picture: SetupFault.picture([.flicker]), frames: 156, tracked: false, width: 320, height: 240).backgroundLevels
        let kept = all.enumerated().filter { $0.offset % 3 != 1 }.map(\.element)
        #expect(abs((FlickerCheck.frameRate(kept) ?? 0) - 120) < 0.01)
        let f = FlickerCheck.check(view: .side, levels: kept, framesPerSecond: 80)
        #expect(f.verdict == .warn && f.fix == .powerLine(hertz: 50), "\(f.advice)")
    }

    @Test func steadyLightAndTheRunnersOwnMotionAreNotFlicker() {
        #expect(Self.flicker(.ideal).verdict == .pass)
        #expect(Self.flicker(CameraPicture(exposureMilliseconds: 2, gain: 2)).verdict == .pass)
    }

    @Test func aFlickerTheFrameRateSamplesInPhaseIsSaidToBeUnchecked() {
        // 120 Hz light at 120 fps: every frame sees the same phase, no beat to measure.
        let f = Self.flicker(CameraPicture(flickerHertz: 120, flickerDepth: 0.15))
        #expect(f.verdict == .pass)
        #expect(f.advice.contains("60 Hz lights beat too slowly to see at 120 fps"))
    }

    @Test func aSlowShutterStreaksTheFeetAndAsksForAShorterExposure() throws {
        let f = Self.blur(SetupFault.picture([.slowShutter]))
        #expect(f.verdict == .warn)
        #expect(f.advice.contains("shorten the exposure to 2 ms"))
        // The exposure read from the streaks: 8 ms within a quarter.
        let ms = try #require(f.advice.firstMatch(of: /exposure about ([0-9.]+) ms/).map { Double($0.1)! })
        #expect(abs(ms - 8) < 2, "read \(ms) ms")
        guard case .shorterExposure(let fraction)? = f.fix else { Issue.record("no fix"); return }
        #expect(abs(fraction - 0.25) < 0.1)
        #expect(Self.blur(SetupFault.picture([.slowShutter]), view: .rear).verdict == .warn)
    }

    @Test func aShortShutterOrAStandingAthleteIsNotBlurred() {
        #expect(Self.blur(.ideal).verdict == .pass)
        #expect(Self.blur(CameraPicture(exposureMilliseconds: 1)).verdict == .pass)
        let standing = Self.blur(SetupFault.picture([.slowShutter]), standing: true)
        #expect(standing.verdict == .pass && standing.advice.contains("no fast LED yet"))
    }

    /// The rear camera swung 8 deg off the belt's axis: the heels drift sideways in stance.
    @Test func aRearCameraOffTheBeltsAxisIsCaughtWhileTheAthleteRuns() {
        func axis(_ camera: VirtualCamera?) -> SetupFinding {
            let m = Self.meter(.rear, picture: .ideal, frames: 300, tracked: true, camera: camera)
            let f = BeltAxisCheck.check(view: .rear, drifts: m.heelDrifts)
            print("setup rear camera \(camera == nil ? "on" : "8 deg off") the axis, belt axis: \(f.verdict) - \(f.advice) "
                  + "(\(m.heelDrifts.map { "\($0.side.letter) \(Int($0.degrees.rounded()))" }))")
            return f
        }
        let off = axis(SetupFault.rearCamera([.offAxisRear], width: 640, height: 480))
        #expect(off.verdict == .warn && off.advice.contains("off the belt's axis"))
        let on = axis(nil)
        #expect(on.verdict == .pass && on.advice.contains("heels drift"))
        #expect(BeltAxisCheck.check(view: .rear, drifts: [(.left, 40), (.right, 40), (.right, 40)]).advice
                    .contains("measured while the athlete runs"), "two stances of each leg")
    }

    @Test func fixesBecomeUVCControlSettings() {
        let uvc: [(key: String, value: Int64?, minimum: Int64, maximum: Int64)] = [
            ("auto_exposure", 3, 1, 3), ("exposure_time_absolute", 250, 3, 2047), ("power_line_frequency", 0, 0, 2),
        ]
        let shorter = SetupFix.shorterExposure(fraction: 0.25).settings(controls: uvc)
        #expect(shorter?.map(\.key) == ["auto_exposure", "exposure_time_absolute"])
        #expect(shorter?.map(\.value) == ["1", "63"])
        #expect(SetupFix.powerLine(hertz: 60).settings(controls: uvc)?.map(\.value) == ["60hz"])
        // At the shortest exposure already, or without the control: nothing to set.
        #expect(SetupFix.shorterExposure(fraction: 0.5).settings(controls: [("exposure_time_absolute", 3, 3, 2047)]) == nil)
        #expect(SetupFix.powerLine(hertz: 50).settings(controls: [("gain", 0, 0, 255)]) == nil)
    }
}
