import CaptureKit
import Foundation
import MarkerTracker
import RunnerSimulation

/// `gaitlive bench pictures`: per runner and view, one ideal run and one run per picture on the
/// same frames, compared (`AngleAgreement`, events matched to the ideal run's by
/// `EventTimingScore`) and pooled per picture and view.
struct PictureBench {
    var seeds: [UInt64]
    var seconds: Double
    var fps: Double
    var recordings: [String]

    /// One picture's figures for one view, over every runner.
    struct Totals {
        var angles: AngleAgreement
        var wrong = 0
        var idealWrong = 0
        var events = 0
        var sameFrame = 0
        var withinOne = 0
        var missed = 0
        var extra = 0
        init(view: CameraView) { angles = AngleAgreement(view: view) }

        mutating func add(_ run: ViewRun, ideal: ViewRun, fps: Double, frames: Int) {
            var a = AngleAgreement(view: run.view)
            for (c, r) in zip(run.angles, ideal.angles) { a.add(c, reference: r) }
            angles.merge(a)
            wrong += run.score.wrong
            idealWrong += ideal.score.wrong
            let end = Double(frames) / fps - 0.5
            guard end > PopulationBench.scoredFrom else { return }
            let e = EventTimingScore(detected: run.detected, reference: ideal.detected, framesPerSecond: fps,
                                     scored: PopulationBench.scoredFrom...end, view: run.view)
            for kind in [GaitEvent.Kind.initialContact, .toeOff] {
                events += e[kind].references
                sameFrame += e[kind].pairs.filter { $0.frameError == 0 }.count
                withinOne += e[kind].withinOneFrame
                missed += e[kind].missed
                extra += e[kind].spurious
            }
        }

        var moved: Int { events - sameFrame + extra }
    }

    /// One runner's view: an ideal run, then each picture's run compared with it; one line printed.
    func compare(_ pictures: [CameraPicture], view: CameraView, label: String,
                 into totals: inout [CameraPicture: [CameraView: Totals]], run viewRun: (CameraPicture) -> ViewRun) {
        let ideal = viewRun(.ideal)
        var line = "\(label) \(view.rawValue):"
        for p in pictures {
            let run = viewRun(p)
            var t = Totals(view: view)
            t.add(run, ideal: ideal, fps: fps, frames: ideal.angles.count)
            totals[p, default: [:]][view, default: Totals(view: view)].add(run, ideal: ideal, fps: fps, frames: ideal.angles.count)
            line += String(format: " [%@] %.3f deg, %d events moved;", p.description, t.angles.worst?.rms ?? 0, t.moved)
        }
        print(line)
    }

    func run(_ pictures: [CameraPicture]) throws {
        print("gaitlive bench pictures: 640x480 at \(PopulationBench.number(fps)) fps, \(PopulationBench.number(seconds)) s per runner, "
              + "seeds \(seeds.first.map(String.init) ?? "-")-\(seeds.last.map(String.init) ?? "-")"
              + (recordings.isEmpty ? "" : " and \(recordings.count) recording(s)") + ", \(pictures.count) pictures")
        var totals: [CameraPicture: [CameraView: Totals]] = [:]
        let frames = Int(seconds * fps)
        for seed in seeds {
            let r = RunnerPopulation.runner(seed: seed)
            let runner = r.simulatedRunner()
            for view in CameraView.allCases {
                func viewRun(_ picture: CameraPicture) -> ViewRun {
                    let cam = r.simulatedCamera(view, runner: runner, framesPerSecond: fps, picture: picture)
                    return ViewRun(view: view, frames: frames, fps: fps, markerSide: r.sideCameraOn, legLengthCm: r.legLengthCm,
                                   events: false, verbose: false) {
                        cam.render(index: UInt64($0), time: Double($0) / fps + cam.timeOffset)
                    }
                }
                compare(pictures, view: view, label: "runner \(seed)", into: &totals, run: viewRun)
            }
        }
        for file in recordings {
            let landmarks = try RecordedRunner.load(path: file)
            let runner = RecordedRunner(landmarks: landmarks, sideCameraOn: .right, clockOrigin: 0)
            let name = (file as NSString).lastPathComponent
            for view in CameraView.allCases {
                func viewRun(_ picture: CameraPicture) -> ViewRun {
                    let cam = RecordedMotionCamera(runner: runner, view: view, framesPerSecond: fps, pacing: .unpaced,
                                                   picture: picture)
                    let n = min(frames, Int((runner.duration - cam.timeOffset) * fps))
                    return ViewRun(view: view, frames: n, fps: fps, markerSide: .right, legLengthCm: nil, events: false,
                                   verbose: false) {
                        cam.render(index: UInt64($0), time: Double($0) / fps + cam.timeOffset)
                    }
                }
                compare(pictures, view: view, label: "recording \(name)", into: &totals, run: viewRun)
            }
        }
        for p in pictures {
            var worst = 0.0, moved = 0
            for view in CameraView.allCases {
                guard let t = totals[p]?[view] else { continue }
                let w = t.angles.worst
                worst = max(worst, w?.rms ?? 0)
                moved += t.moved
                print(String(format: "%@ %@: angles RMS %.3f deg pooled, worst %@ %.3f deg, largest %.2f deg, %d angle-frames lost; "
                             + "wrong labels %d (ideal %d); events %d: %d same frame, %d within 1 frame, %d missed, %d extra",
                             p.description, view.rawValue, t.angles.pooledRMS, w?.kind.column ?? "-", w?.rms ?? 0, t.angles.largest,
                             t.angles.lost, t.wrong, t.idealWrong, t.events, t.sameFrame, t.withinOne, t.missed, t.extra))
            }
            print(String(format: "picture %@ worst_rms %.3f events_moved %d", p.description.replacingOccurrences(of: " ", with: "_"),
                         worst, moved))
        }
    }
}
