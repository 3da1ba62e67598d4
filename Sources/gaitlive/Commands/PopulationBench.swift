import CaptureKit
import Foundation
import MarkerTracker
import RunnerSimulation

/// `gaitlive bench accuracy --population N [--seed S]`: the simulated population's runners
/// (`RunnerPopulation`, seeds S..<S+N) through both of their virtual cameras and the live
/// per-camera pipeline (`ViewProcessor`), scored against the simulator's truth: how soon every
/// marker is labelled, wrong labels, detection, and the gait events against the true ones
/// (`EventTimingScore`). Recorded runners can be added (`--recording`), filmed by the default
/// cameras and by the first runners' camera set-ups (labelling only: they have no exact events).
struct PopulationBench {
    var seeds: [UInt64]
    var seconds: Double
    var size: FrameSize
    var fps: Double
    var recordings: [String]
    var recordingCameras: Int
    var verbose: Bool

    /// The start of the span whose events are scored, seconds (the detectors need a stride or
    /// so first); it ends half a second before the run does (their fixed delay).
    static let scoredFrom = 1.0

    func run() throws -> Int {
        let sets = Set(seeds.map { RunnerPopulation.set(of: $0) }).sorted().joined(separator: ", ")
        print("gaitlive bench accuracy --population \(seeds.count) --seed \(seeds.first ?? 0): \(size.width)x\(size.height) at "
              + "\(Self.number(fps)) fps, \(Self.number(seconds)) s per runner, seeds \(seeds.first ?? 0)-\(seeds.last ?? 0) (\(sets))")
        var totals = [CameraView: PopulationTotals]()
        for seed in seeds {
            let r = RunnerPopulation.runner(seed: seed)
            let runner = r.simulatedRunner()
            var line = "runner \(seed) (\(RunnerPopulation.set(of: seed))): " + r.summary.dropFirst("runner \(seed): ".count) + "\n "
            for view in CameraView.allCases {
                let cam = r.simulatedCamera(view, runner: runner, width: size.width, height: size.height, framesPerSecond: fps)
                let run = ViewRun(view: view, frames: Int(seconds * fps), fps: fps, markerSide: r.sideCameraOn,
                                  legLengthCm: r.legLengthCm, events: true, verbose: verbose) {
                    cam.render(index: UInt64($0), time: Double($0) / fps + cam.timeOffset)
                }
                totals[view, default: PopulationTotals(view: view)].add(run)
                line += " \(view.rawValue) \(run.summary);"
            }
            print(line)
        }
        for file in recordings { try runRecording(file, into: &totals) }
        var wrong = 0
        for view in CameraView.allCases {
            guard let t = totals[view] else { continue }
            wrong += t.score.wrong
            print(t.summary)
        }
        print("wrong_labels \(wrong)")
        return wrong
    }

    /// A recorded runner through the default cameras and the first runners' set-ups.
    private func runRecording(_ file: String, into totals: inout [CameraView: PopulationTotals]) throws {
        let landmarks = try RecordedRunner.load(path: file)
        let name = (file as NSString).lastPathComponent
        let set = RunnerPopulation.heldOutRecordings.contains { name.hasPrefix($0) } ? "held-out" : "tuning"
        let setups: [PopulationRunner?] = [nil] + seeds.prefix(recordingCameras).map { RunnerPopulation.runner(seed: $0) }
        for setup in setups {
            let runner = RecordedRunner(landmarks: landmarks, sideCameraOn: setup?.sideCameraOn ?? .right, clockOrigin: 0)
            var line = "recording \(name) (\(set)), " + (setup.map { "camera set-up of runner \($0.seed)" } ?? "default cameras") + ":"
            for view in CameraView.allCases {
                let camera = setup.map { s -> VirtualCamera in
                    let path = stride(from: 0.0, to: min(2, runner.duration), by: 0.02).flatMap { runner.markers(view, at: $0).compactMap { $0 } }
                    return (view == .side ? s.sideCamera : s.rearCamera).camera(for: path, width: size.width, height: size.height)
                }
                let cam = RecordedMotionCamera(runner: runner, view: view, width: size.width, height: size.height,
                                               framesPerSecond: fps, pacing: .unpaced, camera: camera)
                let frames = min(Int(seconds * fps), Int((runner.duration - cam.timeOffset) * fps))
                let run = ViewRun(view: view, frames: frames, fps: fps, markerSide: runner.sideCameraOn, legLengthCm: nil,
                                  events: false, verbose: verbose) {
                    cam.render(index: UInt64($0), time: Double($0) / fps + cam.timeOffset)
                }
                totals[view, default: PopulationTotals(view: view)].add(run)
                line += " \(view.rawValue) \(run.summary);"
            }
            print(line)
        }
    }

    static func number(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(format: "%g", v) }
}
