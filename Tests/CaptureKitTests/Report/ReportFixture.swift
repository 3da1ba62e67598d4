import Foundation
import MarkerTracker
@testable import SessionStore
@testable import OfflineAnalysis

/// A whole `GaitReport` built from synthetic stages (no recording), for testing what the
/// renderers print.
enum ReportFixture {
    static func report(_ stages: [SyntheticStage] = [.healthy(), .healthy(kind: "incline", incline: 5)],
                       legLengthCm: Double? = 90) throws -> GaitReport {
        var manifest = SessionManifest(software: "test", created: "2026-12-03T00:00:00Z",
                                       athlete: .init(name: "Test Runner", legLengthCm: legLengthCm), source: "simulated",
                                       clockOriginNs: 0,
                                       cameras: [.init(view: .side, device: "sim", width: 16, height: 12, pixelFormat: "GREY",
                                                       nominalFps: 120)])
        manifest.cameras[0].markerSide = .right
        let inputs = stages.map(\.input)
        manifest.stages = inputs.map(\.info)
        let built = inputs.map { GaitReport.Stage(info: $0.info, strides: $0.strides, curves: [], keyFrames: [], strideSource: "recorded") }
        let findings = FindingRules(legLengthCm: legLengthCm).evaluate(inputs)
        let (recs, _) = Recommendation.make(for: findings, library: ExerciseLibrary.builtIn, cadence: 168)
        return GaitReport(directory: "/tmp/session", manifest: manifest, stages: built, findings: findings, recommendations: recs,
                          notes: [], libraryPath: nil, generated: "2026-12-03T00:00:00Z")
    }
}
