import CaptureKit
import Foundation
import MarkerTracker
import RunnerSimulation

/// One view's figures over every run of `gaitlive bench accuracy --population`: acquisition
/// times, wrong labels, detection, and the gait events pooled over runners.
struct PopulationTotals {
    let view: CameraView
    var runs = 0
    var acquisitions: [Double] = []
    var never = 0
    var runsWithWrong = 0
    var score: TrackingScore
    var pairs: [GaitEvent.Kind: [EventTimingScore.Pair]] = [:]
    var references: [GaitEvent.Kind: Int] = [:]
    var missed: [GaitEvent.Kind: Int] = [:]
    var spurious: [GaitEvent.Kind: Int] = [:]
    /// The goal of issue #12: every marker labelled within this long of the runner coming into view.
    static let acquisitionGoal = 0.5

    init(view: CameraView) {
        self.view = view
        score = TrackingScore(view: view)
    }

    mutating func add(_ run: ViewRun) {
        runs += 1
        if let a = run.acquisition { acquisitions.append(a) } else { never += 1 }
        if run.score.wrong > 0 { runsWithWrong += 1 }
        score.merge(run.score)
        guard let e = run.events else { return }
        for kind in [GaitEvent.Kind.initialContact, .toeOff] {
            pairs[kind, default: []] += e[kind].pairs
            references[kind, default: 0] += e[kind].references
            missed[kind, default: 0] += e[kind].missed
            spurious[kind, default: 0] += e[kind].spurious
        }
    }

    var summary: String {
        let a = acquisitions.sorted()
        let within = a.filter { $0 <= Self.acquisitionGoal }.count
        func pct(_ n: Int, _ d: Int) -> String { String(format: "%.1f%%", 100 * Double(n) / Double(max(1, d))) }
        var s = "view \(view.rawValue): \(runs) runs; labelled within \(Self.number(Self.acquisitionGoal)) s in \(within) "
            + "(\(pct(within, runs))), acquisition median " + (a.isEmpty ? "-" : String(format: "%.3f s", a[a.count / 2]))
            + ", max " + (never > 0 ? "never (\(never) runs)" : (a.last.map { String(format: "%.3f s", $0) } ?? "-"))
            + "; wrong labels \(score.wrong) marker-frames in \(runsWithWrong) runs; detected \(score.detected) of "
            + "\(score.visible) (\(pct(score.detected, score.visible)))"
        for kind in [GaitEvent.Kind.initialContact, .toeOff] {
            guard let refs = references[kind], refs > 0 else { continue }
            let p = pairs[kind] ?? []
            let within = p.filter { abs($0.frameError) <= 1 }.count
            let errors = p.map { 1000 * $0.error }
            let bias = errors.isEmpty ? 0 : errors.reduce(0, +) / Double(errors.count)
            let sd = errors.count < 2 ? 0 : (errors.map { ($0 - bias) * ($0 - bias) }.reduce(0, +) / Double(errors.count - 1)).squareRoot()
            s += "; \(kind.rawValue) within 1 frame \(within)/\(refs) (\(pct(within, refs))), bias "
                + String(format: "%+.1f ms, SD %.1f ms", bias, sd) + ", \(missed[kind] ?? 0) missed, \(spurious[kind] ?? 0) spurious"
        }
        return s
    }

    static func number(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(format: "%g", v) }
}
