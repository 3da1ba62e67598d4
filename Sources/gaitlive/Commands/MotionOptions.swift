import ArgumentParser
import CaptureKit
import Foundation
import MarkerTracker
import LivePipeline
import SessionStore
import RunnerSimulation

/// `--motion FILE`: film a real runner's recorded motion instead of the simulated runner.
struct MotionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Replay recorded running motion (a TRC file or a tab-separated marker table, e.g. data/realdata/RBDS032runT35markers.txt) instead of the simulated runner; it loops.", valueName: "file"))
    var motion: String?

    @Option(name: .long, help: ArgumentHelp("The standing trial that goes with a marker table (default: the file named like it with 'static').", valueName: "file"))
    var standing: String?

    /// The two virtual cameras filming the recording, or nil without --motion.
    func cameras(simulation: SimulationOptions, origin: UInt64, pacing: SimulatedCamera.Pacing,
                 frameLimit: Int?) throws -> [LiveSession.Camera]? {
        guard let motion else { return nil }
        let landmarks: RecordedLandmarks
        do {
            landmarks = try RecordedRunner.load(path: motion, standing: standing)
        } catch {
            throw Failure.badInput(error.description)
        }
        let runner = RecordedRunner(landmarks: landmarks, sideCameraOn: simulation.cameraSide, clockOrigin: origin,
                                    loops: true, seed: simulation.seed)
        let size = simulation.size, fps = simulation.fps
        return CameraView.allCases.map { view in
            let cam = RecordedMotionCamera(runner: runner, view: view, width: size.width, height: size.height,
                                           framesPerSecond: fps, pacing: pacing, frameLimit: frameLimit)
            let description = SessionManifest.Camera(
                view: view, device: "replay", card: "gaitlive virtual \(view.rawValue) camera (recorded motion)",
                width: size.width, height: size.height, pixelFormat: "GREY", nominalFps: fps,
                markerSide: view == .side ? simulation.cameraSide : nil)
            return LiveSession.Camera(view: view, source: Transfer(cam), description: description,
                                      recordingFormat: Y4MHeader(width: size.width, height: size.height,
                                                                 framesPerSecond: fps, colour: .mono,
                                                                 comments: ["GAITLIVE_VIEW=\(view.rawValue)"]))
        }
    }
}
