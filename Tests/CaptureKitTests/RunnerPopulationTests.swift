import Foundation
import MarkerTracker
import Testing
@testable import RunnerSimulation

/// The simulated population (`RunnerPopulation`) is what docs/simulated-runner.md says it is, and
/// physically sound: no rendering, so quick.
@Suite struct RunnerPopulationTests {
    static let seeds = Array(UInt64(1)...40) + Array(UInt64(1001)...1010)

    @Test func seedsAreSplitAndDrawsRepeat() {
        #expect(!RunnerPopulation.tuningSeeds.overlaps(RunnerPopulation.heldOutSeeds))
        #expect(RunnerPopulation.set(of: 7) == "tuning")
        #expect(RunnerPopulation.set(of: 1007) == "held-out")
        #expect(RunnerPopulation.runner(seed: 7) == RunnerPopulation.runner(seed: 7))
        #expect(RunnerPopulation.runner(seed: 7) != RunnerPopulation.runner(seed: 8))
    }

    /// Every draw within its documented range; over 50 runners the ranges are spanned (slow and
    /// fast, forefoot and rearfoot, crossover and wide steps, narrow and wide spines).
    @Test func drawsSpanTheDocumentedRanges() {
        let runners = Self.seeds.map { RunnerPopulation.runner(seed: $0) }
        for r in runners {
            #expect(RunnerPopulation.speed.contains(r.speed))
            #expect(RunnerPopulation.footStrikeAngle.contains(r.footStrikeAngle))
            #expect(abs(r.profile.footAngleAtContact - r.footStrikeAngle) < 0.5, "runner \(r.seed)")
            #expect(RunnerPopulation.psisSpacing.contains(2 * r.psisHalfSpacing))
            #expect(r.placement.largestOffset <= RunnerPopulation.placementError + 1e-12)
            #expect(r.stepWidth <= RunnerPopulation.stepWidth.upperBound + 1e-9)
            #expect(abs(r.rearCamera.yaw) <= 10 && abs(r.rearCamera.roll) <= 3)
        }
        #expect(runners.contains { $0.speed < 2.6 } && runners.contains { $0.speed > 6.4 })
        #expect(runners.contains { $0.footStrikeAngle < -15 } && runners.contains { $0.footStrikeAngle > 15 })
        #expect(runners.contains { $0.stepWidth < 0 } && runners.contains { $0.stepWidth > 0.12 })
        #expect(runners.contains { $0.psisHalfSpacing < 0.035 } && runners.contains { $0.psisHalfSpacing > 0.06 })
    }

    /// Every LED stays inside the picture over a stride, and the LEDs fill 40-90 % of its
    /// height as drawn (less only where they had to be shrunk to fit).
    @Test func camerasFrameTheRunner() {
        for seed in Self.seeds.prefix(20) {
            let r = RunnerPopulation.runner(seed: seed)
            for view in CameraView.allCases {
                let cam = r.camera(view)
                for p in r.ledPath(view) {
                    let q = try? #require(cam.project(p))
                    #expect((q?.x ?? -1) >= 0 && (q?.x ?? 1e9) < 640 && (q?.y ?? -1) >= 0 && (q?.y ?? 1e9) < 480,
                            "runner \(seed) \(view): LED at \(String(describing: q))")
                }
                let f = r.frameFraction(view)
                let drawn = view == .side ? r.sideCamera.frameFraction : r.rearCamera.frameFraction
                #expect(f <= 0.92 && f >= 0.3 && f <= drawn + 0.05, "runner \(seed) \(view): \(f)")
            }
        }
    }

    /// The model stays physical for every runner: the stance foot on the belt, the swing foot
    /// not through it by more than 5 mm, the pelvis never faster than 2 m/s up or down (the
    /// default runner reaches 0.9 m/s), the heel above the thigh LED seen from behind at 7 m/s.
    @Test func everyRunnerStaysPhysical() {
        for seed in Self.seeds.prefix(20) {
            let r = RunnerPopulation.runner(seed: seed)
            let model = r.model()
            let period = 1 / r.profile.strideFrequency
            var worst = 0.0, fastest = 0.0, previous = model.pelvisHeight(at: 0)
            for i in 1...800 {
                let t = Double(i) / 800 * 2 * period
                let h = model.pelvisHeight(at: t)
                fastest = max(fastest, abs(h - previous) / (2 * period / 800))
                previous = h
                for s in BodySide.allCases {
                    let pelvis = Vector3(model.pelvisX(at: t), h, 0)
                    let c = model.chain(s, pelvis: pelvis, obliquity: model.pelvicObliquity(at: t), at: t)
                    let clearance = model.clearance(c, at: t)
                    if model.isStance(s, at: t) { #expect(abs(clearance) < 1e-6) } else { worst = min(worst, clearance) }
                }
            }
            #expect(worst > -0.005, "runner \(seed): swing foot \(worst) m into the belt")
            #expect(fastest < 2.0, "runner \(seed) (strike \(r.footStrikeAngle), \(r.speed) m/s): pelvis at \(fastest) m/s")
        }
        let kick = PopulationTrackingTests.highKick
        let cam = kick.camera(.rear)
        let model = kick.model()
        let above = (0..<120).contains { i in
            let p = model.pose(at: Double(i) / 120 / kick.profile.strideFrequency).rearMarkers.map { cam.project($0)! }
            return p[RearMarker.rhee.rawValue].y < p[RearMarker.rthi.rawValue].y
        }
        #expect(above, "the 7 m/s runner's heel should rise above its thigh LED in the rear picture")
    }
}
