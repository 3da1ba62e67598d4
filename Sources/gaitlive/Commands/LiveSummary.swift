import CaptureKit
import Foundation
import MarkerTracker
import SessionStore

/// What `gaitlive live --headless` prints at the end, read back from the saved session: per
/// camera the frames recorded, dropped by the camera, not saved, the measured frame rate and
/// re-plugs; the offset and jitter between the two cameras.
enum LiveSummary {
    static func print(directory: String, statistics: [CameraView: CameraStatistics]) throws {
        if let problem = SessionDirectory.readBackProblem(directory) { throw Failure.failed(problem) }
        let recorded: RecordedSession
        do {
            recorded = try RecordedSession(directory: directory)
        } catch {
            Swift.print("Nothing was recorded.")
            return
        }
        var out = "session saved: \(directory)\n"
        for cam in recorded.manifest.cameras {
            var frames = 0, dropped = 0, notSaved = 0
            for s in recorded.manifest.stages {
                if let v = s.views[cam.view.rawValue] {
                    frames += v.frames
                    dropped += v.droppedByCamera
                    notSaved += v.droppedByRecorder
                }
            }
            let fps = cam.measuredFps.map { String(format: "%.1f", $0) } ?? "-"
            out += "\(cam.view.rawValue): \(cam.device) \(cam.pixelFormat) \(cam.width)x\(cam.height) at "
                + "\(String(format: "%g", cam.nominalFps)) fps: \(frames) frames recorded, \(dropped) dropped by the camera, "
                + "\(notSaved) not saved, measured \(fps) fps"
                + ((cam.reconnections ?? 0) > 0 ? ", re-plugged \(cam.reconnections!) time(s)" : "") + "\n"
            if let st = statistics[cam.view], st.frames > 0 {
                let read = Double(st.readNanoseconds) / Double(st.frames) / 1000
                let handle = Double(st.handlerNanoseconds) / Double(st.frames) / 1000
                out += String(format: "  capture thread per frame: %.0f us reading (dequeue, convert, requeue), "
                              + "%.0f us tracking and handing on\n", read, handle)
            }
        }
        if let s = recorded.manifest.cameraSync {
            out += String(format: "side-rear offset %+.2f ms (range %+.2f to %+.2f), jitter %.2f ms over %d frames\n",
                          s.meanOffsetMs, s.minimumMs, s.maximumMs, s.jitterMs, s.samples)
        }
        Swift.print(out, terminator: "")
    }
}
