import CaptureKit
import Foundation
import MarkerTracker
import RunnerSimulation

/// One camera's frames of one benchmark run through the live per-camera pipeline
/// (`ViewProcessor`), scored against the frames' truth: markers (`TrackingScore`), how soon every
/// marker was labelled, and (simulated runners) the gait events against the exact ones
/// (`EventTimingScore`, from `PopulationBench.scoredFrom` to half a second before the end).
struct ViewRun {
    let view: CameraView
    var score: TrackingScore
    /// Seconds from the first frame (the runner in view) to the first with every marker detected.
    var acquisition: Double?
    var events: EventTimingScore?
    /// The reasons given while markers were missing, most frequent first.
    var reasons: [(String, Int)] = []
    /// The angles of every frame, and the events detected (frame numbers of this run).
    var angles: [AngleSet] = []
    var detected: [GaitEvent] = []

    init(view: CameraView, frames: Int, fps: Double, markerSide: BodySide, legLengthCm: Double?, events scoreEvents: Bool,
         verbose: Bool, render: (Int) -> Frame) {
        self.view = view
        score = TrackingScore(view: view)
        var processor = ViewProcessor(view: view, markerSide: markerSide, legLengthCm: legLengthCm, framesPerSecond: fps,
                                      clockOrigin: 0)
        var truth: [GaitEvent] = []
        angles.reserveCapacity(frames)
        var reasonCounts: [String: Int] = [:]
        let markerSet = MarkerSet.standard(for: view)
        for i in 0..<frames {
            let f = render(i)
            let p = processor.process(f, inclinePercent: f.truth?.inclinePercent ?? 0)
            angles.append(p.angles)
            detected += p.events
            guard let t = f.truth else { continue }
            let before = score.wrong
            score.add(p.tracked, truth: t)
            if acquisition == nil && p.tracked.status == .tracking { acquisition = Double(i) / fps }
            if let r = p.tracked.reason { reasonCounts[r.describe(markerSet), default: 0] += 1 }
            truth += t.events.map { e in var x = e; x.frame = i; return x }
            if verbose && score.wrong > before {
                for (m, marker) in p.tracked.markers.enumerated() where marker?.source == .detected {
                    guard let marker, t.markers[m].map({ marker.position.distance(to: $0) > score.tolerance }) ?? true else { continue }
                    print("  wrong: \(view.rawValue) frame \(i) \(markerSet.labels[m]) at "
                          + String(format: "(%.1f, %.1f)", marker.position.x, marker.position.y))
                }
            }
        }
        reasons = reasonCounts.sorted { $0.value > $1.value }.map { ($0.key, $0.value) }
        let end = Double(frames) / fps - 0.5
        if scoreEvents && end > PopulationBench.scoredFrom {
            events = EventTimingScore(detected: detected, reference: truth, framesPerSecond: fps,
                                      scored: PopulationBench.scoredFrom...end, view: view)
        }
    }

    /// One run's figures, for its line.
    var summary: String {
        var s = acquisition.map { String(format: "labelled at %.3f s", $0) } ?? "never fully labelled"
        s += ", \(score.wrong) wrong, " + String(format: "%.1f%%", 100 * score.detectionRate) + " detected"
        if let e = events {
            s += ", IC \(e[.initialContact].withinOneFrame)/\(e[.initialContact].references)"
                + " TO \(e[.toeOff].withinOneFrame)/\(e[.toeOff].references) within 1 frame"
        }
        if acquisition == nil, let r = reasons.first { s += " (\(r.0))" }
        return s
    }
}
