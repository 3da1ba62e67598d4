import Foundation
import MarkerTracker
import Testing
@testable import CaptureKit
@testable import SessionStore
@testable import RunnerSimulation
@testable import LivePipeline
@testable import OfflineAnalysis

/// The standing calibration end to end: a live session whose athlete stands, then runs, fills the
/// manifest's `calibration` block by itself and records raw angles; reading the session applies
/// it; `RecordedCalibration` (`gaitlive calibrate`) takes it again from the recording and rewrites
/// nothing but that block; a moment the athlete runs is refused.
@Suite struct StandingSessionTests {
    static let fps = 60.0

    /// Records 2.5 s standing and 1.5 s running, both cameras, 320x240 at 60 fps.
    static func record(into root: String) throws -> SimulatedRunner {
        let origin: UInt64 = 1_000_000_000
        let runner = SimulatedRunner(seed: 4, clockOrigin: origin, standSeconds: 2.5)
        let frames = Int(4 * fps)
        let cameras = CameraView.allCases.map { view in
            LiveSession.Camera(
                view: view,
                source: Transfer(SimulatedCamera(runner: runner, view: view, width: 320, height: 240,
                                                 framesPerSecond: fps, pacing: .unpaced, frameLimit: frames)),
                description: .init(view: view, device: "simulated", width: 320, height: 240, pixelFormat: "GREY",
                                   nominalFps: fps),
                recordingFormat: Y4MHeader(width: 320, height: 240, framesPerSecond: fps, colour: .mono))
        }
        let session = try LiveSession(
            cameras: cameras,
            options: .init(athlete: .init(name: "T", legLengthCm: 91), directory: root, source: "simulated", lossless: true,
                           queueFramesPerCamera: 8, clockOrigin: origin, software: "test", detectStanding: true))
        session.setRecording(true, at: origin)
        session.start()
        while !session.allCamerasEnded { usleep(10_000) }
        #expect(session.stop().failure == nil)
        #expect(!session.isCalibrating)
        return runner
    }

    @Test func aLiveSessionCalibratesItselfAndCanBeCalibratedAgain() throws {
        let dir = TestDirectory()
        let root = dir.file("s")
        let runner = try StandingSessionTests.record(into: root)
        let session = try RecordedSession(directory: root)
        let c = session.manifest.calibration
        #expect(c != .none)
        #expect(c.scaleSource == "leg-length")
        #expect(c.centimetresPerPixel != nil)

        // The truth: the standing pose's raw angles as the side camera sees it.
        let cam = SimulatedCamera(runner: runner, view: .side, width: 320, height: 240, framesPerSecond: 60, pacing: .unpaced)
        let truth = try #require(cam.render(index: 60, time: 1).truth)
        let ankle = try #require(truth.angles[.ankleDorsiflexion])
        #expect(abs(c.neutralAnkle - ankle) <= 0.5)

        // Recorded raw; read calibrated (a standing frame's ankle then reads about 0).
        let side = try #require(session.stages[0].views[.side])
        let raw = try #require(side.rawAngles(at: 60)[.ankleDorsiflexion])
        let read = try #require(side.angles(at: 60)[.ankleDorsiflexion])
        #expect(abs(raw - ankle) <= 0.5)
        #expect(abs(read) <= 0.5)
        #expect(abs(raw - read - c.neutralAnkle) < 1e-6)

        // Again from the recording, at a standing moment: the same numbers.
        let again = try RecordedCalibration.measure(session, at: 1.2, scale: .legLength(centimetres: 91))
        #expect(abs(again.neutralAnkle - c.neutralAnkle) <= 0.2)
        #expect(abs(again.standingObliquity - c.standingObliquity) <= 0.2)
        #expect(again.recalibrated)
        let before = try ManifestStore.read(from: root)
        try RecordedCalibration.save(again, directory: root)
        var after = try ManifestStore.read(from: root)
        #expect(after.calibration == again)
        after.calibration = before.calibration
        #expect(after == before)

        // A moment the athlete runs is refused, saying why.
        #expect {
            _ = try RecordedCalibration.measure(session, at: 3.5, scale: nil)
        } throws: { e in
            (e as? RecordedCalibration.Problem)?.description.contains("no standing moment at 3.5 s") == true
        }
    }

    @Test func anOldCalibrationBlockReadsAsBefore() throws {
        let old = #"{"neutralAnkle": 2.5, "neutralFoot": 1, "centimetresPerPixel": null}"#
        let c = try JSONDecoder().decode(SideCalibration.self, from: Data(old.utf8))
        #expect(c == SideCalibration(neutralAnkle: 2.5, neutralFoot: 1))
        #expect(c.standingTrunkLean == 0 && c.standingObliquity == 0 && !c.recalibrated)
        // Written back, it keeps its fields (and reads the same again).
        let back = try JSONDecoder().decode(SideCalibration.self, from: JSONEncoder().encode(c))
        #expect(back == c)
    }
}
