import Foundation
import MarkerTracker
import Testing
@testable import RunnerSimulation

/// The simulated runner's stride-to-stride and day-to-day variation (`StrideVariability`,
/// `RunnerProfile.varying(seed:)`), read from the model's own ground truth.
@Suite struct StrideVariabilityTests {
    /// Per stride of the right leg: the peak contralateral pelvic drop of its stance (the left
    /// side drops) and its knee flexion at contact.
    static func strides(_ profile: RunnerProfile, count: Int = 80) -> (drop: [Double], kneeAtContact: [Double]) {
        let model = RunnerModel(profile: profile, startPhase: 0)
        let f = profile.strideFrequency
        var drops: [Double] = [], knees: [Double] = []
        for k in 1...count {
            // The drop window peaks at 35 % of stance; the left leg is then in mid-swing.
            let peak = (Double(k) + 0.35 * profile.stanceFraction) / f
            drops.append(-model.pelvicObliquity(at: peak))
            let contact = Double(k) / f
            knees.append(model.legAngles(.right, phase: 0, at: contact).knee)
        }
        return (drops, knees)
    }

    static func sd(_ v: [Double]) -> Double {
        let m = v.reduce(0, +) / Double(v.count)
        return (v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count - 1)).squareRoot()
    }

    static func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }

    @Test func theDefaultRunnerRepeatsEveryStrideExactly() {
        let s = StrideVariabilityTests.strides(.flat)
        #expect(StrideVariabilityTests.sd(s.drop) < 1e-9)
        #expect(StrideVariabilityTests.sd(s.kneeAtContact) < 1e-9)
        #expect(abs(StrideVariabilityTests.mean(s.drop) - 5) < 1e-6)
    }

    @Test func aVaryingRunnerSpreadsItsStridesByTheTypicalSDs() {
        var profile = RunnerProfile.flat
        profile.variability = .typical(seed: 7)
        let s = StrideVariabilityTests.strides(profile, count: 120)
        let drop = StrideVariabilityTests.sd(s.drop), knee = StrideVariabilityTests.sd(s.kneeAtContact)
        // 120 strides: the sample SD is within about 13 % of the true one (2 standard errors).
        #expect(abs(drop - 0.7) < 0.2, "pelvic drop SD \(drop)")
        #expect(abs(knee - 1.5) < 0.4, "knee at contact SD \(knee)")
        // The mean stays the runner's.
        #expect(abs(StrideVariabilityTests.mean(s.drop) - 5) < 0.3)
    }

    @Test func theSameSeedGivesTheSameStridesAndAnotherSeedOthers() {
        var a = RunnerProfile.flat, b = RunnerProfile.flat
        a.variability = .typical(seed: 11)
        b.variability = .typical(seed: 12)
        let first = StrideVariabilityTests.strides(a, count: 20), again = StrideVariabilityTests.strides(a, count: 20)
        #expect(first.drop == again.drop)
        #expect(first.kneeAtContact == again.kneeAtContact)
        #expect(StrideVariabilityTests.strides(b, count: 20).drop != first.drop)
    }

    @Test func aVaryingRunnerStillStandsOnTheBeltAndMovesSmoothly() {
        var profile = RunnerProfile.flat
        profile.variability = .typical(seed: 3)
        let model = RunnerModel(profile: profile, startPhase: 0)
        var worstPenetration = 0.0, largestStep = 0.0
        var last = model.pelvicObliquity(at: 0)
        for i in 1..<3600 {
            let t = Double(i) / 600
            for s in BodySide.allCases {
                let pelvis = Vector3(model.pelvisX(at: t), model.pelvisHeight(at: t), 0)
                let c = model.chain(s, pelvis: pelvis, obliquity: model.pelvicObliquity(at: t), at: t)
                let clearance = model.clearance(c, at: t)
                if model.isStance(s, at: t) {
                    #expect(abs(clearance) < 1e-9, "stance foot off the belt at t=\(t)")
                } else {
                    worstPenetration = min(worstPenetration, clearance)
                }
            }
            let now = model.pelvicObliquity(at: t)
            largestStep = max(largestStep, abs(now - last))
            last = now
        }
        #expect(worstPenetration > -0.005)
        // No jump where one stride's offset gives way to the next (1/600 s apart).
        #expect(largestStep < 0.5, "pelvic obliquity jumped \(largestStep) deg")
    }

    @Test func daysDifferByTheBetweenDaySDOfTheSDD() {
        // Between-day SD = SDD / (1.96 sqrt 2): 2.8 / 2.77 = 1.01 deg for pelvic drop.
        let days = (1...200).map { RunnerProfile.flat.varying(seed: UInt64($0)).pelvicDrop }
        let sd = StrideVariabilityTests.sd(days)
        #expect(abs(sd - 1.01) < 0.15, "between-day SD \(sd)")
        #expect(RunnerProfile.flat.varying(seed: 5).pelvicDrop == RunnerProfile.flat.varying(seed: 5).pelvicDrop)
        #expect(RunnerProfile.flat.varying(seed: 5).variability == .typical(seed: 5))
    }
}
