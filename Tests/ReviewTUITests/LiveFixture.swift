import CaptureKit
import Foundation
import MarkerTracker
import SessionStore
import RunnerSimulation
import LivePipeline

/// A running live session of two small simulated cameras in real time, its directory removed
/// when stopped; waits until both views have a first snapshot.
final class LiveFixture {
    let directory: String
    let session: LiveSession

    /// `standSeconds`: the athlete stands still that long before running.
    /// `picture`: how both cameras' pictures depart from perfect (e.g. flickering room light).
    init(seed: UInt64 = 2, preRecordSeconds: Double = 0, standSeconds: Double = 0, picture: CameraPicture = .ideal) throws {
        directory = NSTemporaryDirectory() + "gaitlive-live-\(UUID().uuidString.prefix(8))"
        let runner = SimulatedRunner(seed: seed, clockOrigin: MonotonicClock.now(), standSeconds: standSeconds)
        let cameras = CameraView.allCases.map { view in
            LiveSession.Camera(
                view: view,
                source: Transfer(SimulatedCamera(runner: runner, view: view, width: 160, height: 120,
                                                 framesPerSecond: 60, pacing: .realtime, picture: picture)),
                description: .init(view: view, device: "simulated", width: 160, height: 120, pixelFormat: "GREY",
                                   nominalFps: 60),
                recordingFormat: Y4MHeader(width: 160, height: 120, framesPerSecond: 60, colour: .mono))
        }
        session = try LiveSession(cameras: cameras, options: .init(
            athlete: .init(name: "Live"), directory: directory, source: "simulated", clockOrigin: runner.clockOrigin,
            software: "test", preRecordSeconds: preRecordSeconds))
        session.start()
        var waited = 0
        while (session.snapshot(.side) == nil || session.snapshot(.rear) == nil) && waited < 300 {
            usleep(10_000)
            waited += 1
        }
    }

    /// Polls `condition` every 20 ms until it holds, giving up after `seconds` of polling (a state
    /// is waited for, never a time; the bound only keeps a broken build from hanging).
    static func wait(_ seconds: Double = 30, _ condition: () -> Bool) -> Bool {
        var waited = 0.0
        while !condition() {
            if waited > seconds { return false }
            usleep(20_000)
            waited += 0.02
        }
        return true
    }

    func stop() {
        _ = session.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
