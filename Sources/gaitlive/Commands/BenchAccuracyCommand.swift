import ArgumentParser
import CaptureKit
import Foundation
import MarkerTracker
import SessionStore
import RunnerSimulation

/// `gaitlive bench accuracy`: the tracker against the simulated runner's ground truth, over seeds,
/// camera sides, the clinic's findings on and off, and both treadmill stages.
///
/// Longer than a unit test can afford: docs/accuracy.md records its figures.
struct BenchAccuracyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accuracy",
        abstract: "Track simulated runs and score every marker against the ground truth.",
        usage: """
            gaitlive bench accuracy
            gaitlive bench accuracy --seeds 1,2,3,4 --seconds 10
            gaitlive bench accuracy --fault arm-swing --fault stray-lights
            gaitlive bench accuracy --population 40 --seed 1
            gaitlive bench accuracy --population 40 --seed 1001 --recording data/realdata/RBDS0041runT252.txt
            """,
        discussion: """
            For every seed, side-camera side (right, left) and findings setting (none; hip drop 4 deg on \
            left stance + extra dorsiflexion 6 deg right + overstride 8 cm), runs --seconds of the flat \
            stage and then --seconds of the incline stage through both virtual cameras and one tracker \
            per view. A marker reported as detected more than 4 px from its own LED, or while its LED is \
            hidden, counts as wrong (an identity swap). The output ends with one 'view <v> ...' line \
            per view and a last line 'wrong_labels <n>'.

            With --population N: the simulated population's runners of seeds S..S+N-1 (--seed S; \
            seeds 1-999 are for tuning, 1001-1999 held out), --seconds each, through both of their \
            cameras: per runner and per view, the time until every marker is first labelled, wrong \
            labels, detection and the gait events against the true ones; then per view the \
            acquisition median and maximum and the share within 0.5 s, wrong labels (marker-frames \
            and runs with any), detection, and IC and TO within one frame, bias and SD. --recording \
            adds a recorded runner, filmed by the default cameras and by the first \
            --recording-cameras runners' camera set-ups (labelling only).
            """)

    @Option(name: .long, help: ArgumentHelp("Seeds to run, comma-separated.", valueName: "n,n,..."))
    var seeds: String = "1,2,3,4"

    @Option(name: .long, help: "Seconds of each stage (flat, then incline).")
    var seconds: Double = 5

    @Option(name: .long, help: ArgumentHelp("Frame size of both virtual cameras (WxH, even, 64x48 to 4096x4096; default 640x480)", valueName: "WxH"),
            transform: FrameSize.parse)
    var size: FrameSize = FrameSize(width: 640, height: 480)

    @Option(name: .long, help: "Frames per second.")
    var fps: Double = 120

    @Option(name: .long, help: ArgumentHelp("A simulated fault (repeatable): \(SimulatedFaults.Preset.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "fault"))
    var fault: [SimulatedFaults.Preset] = []

    @Flag(name: .long, help: "Print every wrong label (frame, marker, distance from its LED).")
    var verbose = false

    @Option(name: .long, help: ArgumentHelp("Run N runners of the simulated population instead (see below).", valueName: "N"))
    var population: Int?

    @Option(name: .long, help: ArgumentHelp("The population's first seed (1-999 tuning, 1001-1999 held out).", valueName: "S"))
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("A recorded runner to add to a population run (repeatable).", valueName: "file"))
    var recording: [String] = []

    @Option(name: .long, help: ArgumentHelp("Camera set-ups of the first runners that also film each recording.", valueName: "K"))
    var recordingCameras = 2

    func validate() throws {
        guard seconds > 0, seconds <= 600 else { throw ValidationError("--seconds must be between 0 and 600 (got \(seconds))") }
        guard fps >= 10, fps <= 480 else { throw ValidationError("--fps must be between 10 and 480 (got \(fps))") }
        guard !seedList.isEmpty else { throw ValidationError("--seeds must be a comma-separated list of numbers (got '\(seeds)')") }
        if let n = population, n < 1 || n > 10_000 { throw ValidationError("--population must be between 1 and 10000 (got \(n))") }
        guard recordingCameras >= 0 else { throw ValidationError("--recording-cameras must not be negative") }
        if population == nil && !recording.isEmpty { throw ValidationError("--recording needs --population") }
    }

    var seedList: [UInt64] { seeds.split(separator: ",").compactMap { UInt64($0.trimmingCharacters(in: .whitespaces)) } }

    func run() throws {
        if let n = population {
            let bench = PopulationBench(seeds: (0..<UInt64(n)).map { seed &+ $0 }, seconds: seconds, size: size, fps: fps,
                                        recordings: recording, recordingCameras: recordingCameras, verbose: verbose)
            do {
                _ = try bench.run()
            } catch let e as MarkerFileError {
                throw ValidationError(e.description)
            }
            return
        }
        let findingsSets: [(String, ClinicalFindings)] = [
            ("none", .none),
            ("findings", ClinicalFindings(hipDropDegrees: 4, hipDropStanceSide: .left, extraDorsiflexionDegrees: 6,
                                          dorsiflexionSide: .right, overstrideCentimetres: 8)),
        ]
        var totals = [CameraView: TrackingScore]()
        let perStage = Int((seconds * fps).rounded())
        print("gaitlive bench accuracy: \(size.width)x\(size.height) at \(fps) fps, \(seconds) s flat + \(seconds) s incline, "
              + "seeds \(seedList.map(String.init).joined(separator: ",")), faults: "
              + (fault.isEmpty ? "none" : fault.map(\.rawValue).joined(separator: ", ")))
        for seed in seedList {
            for side in [BodySide.right, .left] {
                for (name, findings) in findingsSets {
                    let runner = SimulatedRunner(profile: .flat, findings: findings, seed: seed, sideCameraOn: side,
                                                 clockOrigin: 0)
                    runner.switchProfile(at: Double(perStage) / fps, to: RunnerProfile.flat.inclined(percent: 5))
                    let faults = SimulatedFaults(presets: fault, seconds: 2 * seconds, width: size.width,
                                                 height: size.height)
                    var line = "seed \(seed) camera \(side.rawValue) \(name):"
                    for view in CameraView.allCases {
                        let score = BenchAccuracyCommand.score(runner: runner, view: view, frames: 2 * perStage,
                                                               size: size, fps: fps, faults: faults, verbose: verbose)
                        totals[view, default: TrackingScore(view: view)].merge(score)
                        line += " \(view.rawValue) \(BenchAccuracyCommand.percent(score.detectionRate)) detected, "
                            + "\(score.wrong) wrong, RMS \(String(format: "%.3f", score.centroidRMS)) px;"
                    }
                    print(line)
                }
            }
        }
        var wrong = 0
        for view in CameraView.allCases {
            guard let s = totals[view] else { continue }
            wrong += s.wrong
            print("view \(view.rawValue): \(s.frames) frames, \(s.markerFrames) marker-frames, \(s.visible) LEDs visible, "
                  + "\(s.detected) detected (\(BenchAccuracyCommand.percent(s.detectionRate))), "
                  + "\(s.predicted) bridged by prediction (\(s.predictedAstray) usable for angles yet more than 4 px astray), \(s.wrong) wrong, "
                  + "every marker detected in \(BenchAccuracyCommand.percent(Double(s.completeFrames) / Double(max(1, s.frames)))) of frames, "
                  + "centroid RMS \(String(format: "%.3f", s.centroidRMS)) px "
                  + "(\(s.detectedSplit) on split blobs, RMS \(String(format: "%.3f", s.splitRMS)) px)")
        }
        print("wrong_labels \(wrong)")
    }

    static func score(runner: SimulatedRunner, view: CameraView, frames: Int, size: FrameSize, fps: Double,
                      faults: SimulatedFaults, verbose: Bool = false) -> TrackingScore {
        let cam = SimulatedCamera(runner: runner, view: view, width: size.width, height: size.height,
                                  framesPerSecond: fps, pacing: .unpaced, faults: faults)
        var tracker = ViewTracker(markerSet: .standard(for: view))
        var score = TrackingScore(view: view)
        for i in 0..<frames {
            let f = cam.render(index: UInt64(i), time: Double(i) / fps + cam.timeOffset)
            let out = tracker.process(f.luma)
            guard let truth = f.truth else { continue }
            let before = score.wrong
            score.add(out, truth: truth)
            if verbose && score.wrong > before {
                for (m, marker) in out.markers.enumerated() {
                    guard let marker, marker.source == .detected else { continue }
                    let real = truth.markers[m]
                    let d = real.map { marker.position.distance(to: $0) }
                    guard d.map({ $0 > score.tolerance }) ?? true else { continue }
                    let nearest = truth.markers.enumerated().compactMap { j, p in p.map { (j, marker.position.distance(to: $0)) } }
                        .min { $0.1 < $1.1 }
                    print("  wrong: \(view.rawValue) frame \(i) \(MarkerSet.standard(for: view).labels[m]) "
                          + "at \(fmt(marker.position)) conf \(String(format: "%.2f", marker.confidence)), "
                          + (d.map { "\(String(format: "%.1f", $0)) px from its LED" } ?? "its LED hidden")
                          + (nearest.map { ", nearest LED \(MarkerSet.standard(for: view).labels[$0.0]) \(String(format: "%.1f", $0.1)) px" } ?? ""))
                }
            }
        }
        return score
    }

    static func fmt(_ p: Point) -> String { String(format: "(%.1f, %.1f)", p.x, p.y) }

    static func percent(_ v: Double) -> String { String(format: "%.1f%%", 100 * v) }
}
