import Foundation
import MarkerTracker
@testable import SessionStore
@testable import RunnerSimulation

/// One view of the simulated runner sampled at a frame rate without rendering: the true marker
/// positions (optionally with Gaussian noise, as a tracker would measure them), the true angles
/// and the true events with their frame numbers. For testing events and metrics where the
/// picture is not the point (rendering costs ~14 ms a frame in debug builds).
struct TruthSequence {
    struct Sample {
        var frame: Int
        var time: Double
        var markers: MarkerFrame
        var angles: AngleSet
        var inclinePercent: Double
    }

    let view: CameraView
    let fps: Double
    var samples: [Sample] = []
    var events: [GaitEvent] = []
    let forward: Double

    init(view: CameraView, seconds: Double, fps: Double = 120, profile: RunnerProfile = .flat,
         findings: ClinicalFindings = .none, cameraSide: BodySide = .right, startPhase: Double = 0.37,
         noise: Double = 0, seed: UInt64 = 7, switchTo: (time: Double, profile: RunnerProfile)? = nil) {
        self.view = view
        self.fps = fps
        var model = RunnerModel(profile: profile, findings: findings, sideMarkersOn: cameraSide, startPhase: startPhase)
        if let s = switchTo { model.switchProfile(at: s.time, to: s.profile) }
        let camera = view == .side ? VirtualCamera.side(on: cameraSide, width: 640, height: 480)
            : VirtualCamera.rear(width: 640, height: 480)
        forward = view == .side ? camera.runningDirection : 1
        var rng = SplitMix64(seed: seed)
        let offset = view == .rear ? 0.0031 : 0
        let previous = offset - 1 / fps
        for i in 0..<Int(seconds * fps) {
            let t = Double(i) / fps + offset
            let pose = model.pose(at: t)
            let truth: MarkerFrame = pose.markers(for: view).map { p in
                camera.project(p).map { TrackedMarker(position: $0, confidence: 1, source: .detected) }
            }
            var measured = truth
            if noise > 0 {
                for k in measured.indices {
                    measured[k]?.position.x += noise * rng.gaussian()
                    measured[k]?.position.y += noise * rng.gaussian()
                }
            }
            let calc = AngleCalculator(forward: forward, inclineDegrees: atan(pose.inclinePercent / 100) * 180 / .pi)
            samples.append(Sample(frame: i, time: t, markers: measured, angles: calc.angles(truth, view: view),
                                  inclinePercent: pose.inclinePercent))
        }
        // Each true event belongs to the first frame at or after it (as the simulated cameras report them).
        for e in model.events(after: previous, upTo: Double(samples.count - 1) / fps + offset)
        where view == .rear || e.side == cameraSide {
            let frame = Int(((e.time - offset) * fps - 1e-9).rounded(.up))
            events.append(GaitEvent(kind: e.kind, side: e.side, view: view, frame: frame, time: e.time))
        }
    }
}
