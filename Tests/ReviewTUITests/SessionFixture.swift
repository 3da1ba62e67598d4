import CaptureKit
import Foundation
import MarkerTracker
import SessionStore
import RunnerSimulation
import LivePipeline

/// A small recorded two-stage session (320x240, 120 fps, `seconds` per stage) in a temp directory;
/// with `pause`, recording is paused over that span of the first stage (seconds from its start).
/// After the stage switch recording waits out the settle period (`SettlePeriod`, 7 s for flat to
/// 5 %), as the headless demo does, so the second stage's strides count (`settle: false` records
/// straight on: every stride of a short second stage is then `settling`).
final class SessionFixture: Sendable {
    let directory: String
    let perStage: Int

    init(seconds: Double = 0.75, seed: UInt64 = 5, pause: ClosedRange<Double>? = nil, settle: Bool = true) throws {
        directory = NSTemporaryDirectory() + "gaitlive-review-\(UUID().uuidString.prefix(8))"
        let origin: UInt64 = 2_000_000_000
        let runner = SimulatedRunner(seed: seed, clockOrigin: origin)
        let fps = 120.0
        perStage = Int(seconds * fps)
        let settleFrames = settle ? Int((SettlePeriod.seconds(fromPercent: 0, toPercent: 5) * fps).rounded()) : 0
        let total = 2 * perStage + settleFrames
        let cameras = CameraView.allCases.map { view in
            LiveSession.Camera(
                view: view,
                source: Transfer(SimulatedCamera(runner: runner, view: view, width: 320, height: 240,
                                                 framesPerSecond: fps, pacing: .unpaced, frameLimit: total)),
                description: .init(view: view, device: "simulated", width: 320, height: 240, pixelFormat: "GREY",
                                   nominalFps: fps),
                recordingFormat: Y4MHeader(width: 320, height: 240, framesPerSecond: fps, colour: .mono))
        }
        let session = try LiveSession(
            cameras: cameras,
            options: .init(athlete: .init(name: "Fixture Runner"), directory: directory, source: "simulated",
                           lossless: true, clockOrigin: origin, software: "test"),
            onStageChange: { st in
                runner.switchProfile(at: runner.simulationTime(ofTimestamp: st.startNanoseconds), to: .incline)
            })
        session.setRecording(true, at: origin)
        if let pause {
            session.setRecording(false, at: origin + UInt64(pause.lowerBound * 1e9))
            session.setRecording(true, at: origin + UInt64(pause.upperBound * 1e9))
        }
        let switchAt = origin + UInt64(Double(perStage) / fps * 1e9)
        session.nextStage(at: switchAt)
        if settleFrames > 0 {
            session.setRecording(false, at: switchAt)
            session.setRecording(true, at: origin + UInt64(Double(perStage + settleFrames) / fps * 1e9))
        }
        session.start()
        while !session.allCamerasEnded { usleep(10_000) }
        _ = session.stop()
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }
}
