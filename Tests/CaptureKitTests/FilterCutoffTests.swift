import Foundation
import MarkerTracker
import Testing
@testable import RunnerSimulation

/// Why 12 Hz: how much the zero-lag filter bends true angle curves (no noise at all) at several
/// cut-offs, on the simulated runner and on the recorded runner. Prints `cutoff` lines
/// (docs/angles.md quotes them).
@Suite struct FilterCutoffTests {
    static func distortion(_ series: [AngleSet], kinds: [AngleKind], cutoff: Double) -> [AngleKind: Double] {
        let filtered = AngleSeriesFilter(sampleRateHz: 120, cutoffHz: cutoff)(series)
        var out: [AngleKind: Double] = [:]
        for k in kinds {
            var sq = 0.0, n = 0
            // Away from the ends.
            for i in 60..<(series.count - 60) {
                guard let a = series[i][k], let b = filtered[i][k] else { continue }
                sq += (a - b) * (a - b)
                n += 1
            }
            out[k] = (sq / Double(max(1, n))).squareRoot()
        }
        return out
    }

    @Test func twelveHertzKeepsTrueCurvesWithinHalfADegree() throws {
        let sim = TruthSequence(view: .side, seconds: 6).samples.map(\.angles)
        let simRear = TruthSequence(view: .rear, seconds: 6).samples.map(\.angles)
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path + "/data/realdata/RBDS032runT35markers.txt"
        let runner = RecordedRunner(landmarks: try RecordedRunner.load(path: path), clockOrigin: 0)
        var real: [AngleSet] = [], realRear: [AngleSet] = []
        let side = VirtualCamera.side(on: .right, width: 640, height: 480), rear = VirtualCamera.rear(width: 640, height: 480)
        for k in 0..<1200 {
            let t = Double(k) / 120
            func frame(_ v: CameraView, _ c: VirtualCamera) -> AngleSet {
                let m: MarkerFrame = runner.markers(v, at: t).map { p in
                    p.flatMap { c.project($0) }.map { TrackedMarker(position: $0, confidence: 1, source: .detected) }
                }
                return AngleCalculator(forward: v == .side ? c.runningDirection : 1).angles(m, view: v)
            }
            real.append(frame(.side, side))
            realRear.append(frame(.rear, rear))
        }
        for cutoff in [8.0, 10, 12, 15, 20] {
            var worst = 0.0
            for (name, series, view) in [("simulated side", sim, CameraView.side), ("simulated rear", simRear, .rear),
                                         ("RBDS032 side", real, .side), ("RBDS032 rear", realRear, .rear)] {
                let d = Self.distortion(series, kinds: AngleKind.kinds(for: view), cutoff: cutoff)
                let text = AngleKind.kinds(for: view).map { "\($0.column) \(String(format: "%.2f", d[$0] ?? .nan))" }
                print("cutoff \(Int(cutoff)) Hz, \(name): RMS change (deg) " + text.joined(separator: ", "))
                worst = max(worst, d.values.max() ?? 0)
            }
            if cutoff == AngleSeriesFilter.reviewCutoffHz { #expect(worst < 0.5) }
        }
    }
}
