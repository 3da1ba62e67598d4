import Foundation
import MarkerTracker
import Testing
@testable import SessionStore
@testable import RunnerSimulation
import CaptureKit

@Suite struct SimulationTests {
    @Test func gaitCurvePassesThroughItsKeypointsAndIsPeriodic() {
        let c = GaitCurve([(0, 10), (25, 40), (50, -5), (75, 0)])
        #expect(abs(c(0) - 10) < 1e-12)
        #expect(abs(c(0.25) - 40) < 1e-12)
        #expect(abs(c(0.5) + 5) < 1e-12)
        #expect(abs(c(1.0) - c(0.0)) < 1e-12)
        #expect(abs(c(0.999999) - c(0.0)) < 1e-3)
        #expect(abs(c(-0.25) - c(0.75)) < 1e-12)
    }

    @Test func stanceFootRestsOnTheBeltAndSwingFootClearsIt() {
        let model = RunnerModel(profile: .flat, startPhase: 0)
        var worstPenetration = 0.0
        for i in 0..<1200 {
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
        }
        // The swing foot may not sink into the belt by more than 5 mm.
        #expect(worstPenetration > -0.005)
    }

    @Test func trueEventsComeAtTheProfilesPhases() {
        let model = RunnerModel(profile: .flat, startPhase: 0.1)
        let events = model.events(after: 0, upTo: 10)
        let ics = events.filter { $0.kind == .initialContact && $0.side == .right }.map(\.time)
        let stride = 1 / RunnerProfile.flat.strideFrequency
        #expect(ics.count == Int((10 / stride).rounded(.down)) || ics.count == Int((10 / stride).rounded(.up)))
        for (a, b) in zip(ics, ics.dropFirst()) { #expect(abs(b - a - stride) < 1e-6) }
        let tos = events.filter { $0.kind == .toeOff && $0.side == .right }.map(\.time)
        for to in tos {
            let ic = ics.last { $0 < to } ?? (to - RunnerProfile.flat.stanceFraction * stride)
            #expect(abs(to - ic - RunnerProfile.flat.stanceFraction * stride) < 1e-6)
        }
    }

    @Test func renderingIsDeterministicForASeed() {
        let a = SimulatedRunner(seed: 42, clockOrigin: 0)
        let b = SimulatedRunner(seed: 42, clockOrigin: 0)
        let ca = SimulatedCamera(runner: a, view: .side, width: 160, height: 120, pacing: .unpaced)
        let cb = SimulatedCamera(runner: b, view: .side, width: 160, height: 120, pacing: .unpaced)
        #expect(ca.render(index: 5, time: 0.5).luma.pixels == cb.render(index: 5, time: 0.5).luma.pixels)
        let c = SimulatedRunner(seed: 43, clockOrigin: 0)
        let cc = SimulatedCamera(runner: c, view: .side, width: 160, height: 120, pacing: .unpaced)
        #expect(cc.render(index: 5, time: 0.5).luma.pixels != ca.render(index: 5, time: 0.5).luma.pixels)
    }

    @Test func sideCameraOnTheLeftSeesTheRunnerFacingLeft() throws {
        let runner = SimulatedRunner(seed: 1, sideCameraOn: .left, clockOrigin: 0)
        let cam = SimulatedCamera(runner: runner, view: .side, width: 320, height: 240, pacing: .unpaced)
        let f = cam.render(index: 0, time: 0.2)
        let truth = try #require(f.truth)
        #expect(truth.forward == -1)
        let hee = try #require(truth.markers[SideMarker.hee.rawValue]), mt5 = try #require(truth.markers[SideMarker.mt5.rawValue])
        _ = (hee, mt5)
        // Trunk leans forward, i.e. the shoulder is toward image left of the hip.
        #expect(try #require(truth.angles[.trunkLean]) > 0)
        #expect(truth.markers[SideMarker.sho.rawValue]!.x < truth.markers[SideMarker.gt.rawValue]!.x)
    }

    @Test func hipDropFindingDeepensTheContralateralDropOnThatStanceSide() {
        func peakDrop(_ findings: ClinicalFindings, stance: BodySide) -> Double {
            let model = RunnerModel(profile: .flat, findings: findings, startPhase: 0)
            var peak = 0.0
            for i in 0..<2000 {
                let t = Double(i) / 1000
                guard model.isStance(stance, at: t) else { continue }
                // Contralateral drop in right stance = left side lower = negative obliquity.
                let drop = stance == .right ? -model.pelvicObliquity(at: t) : model.pelvicObliquity(at: t)
                peak = max(peak, drop)
            }
            return peak
        }
        let healthy = ClinicalFindings.none
        let weakLeft = ClinicalFindings(hipDropDegrees: 4, hipDropStanceSide: .left)
        #expect(abs(peakDrop(healthy, stance: .left) - peakDrop(healthy, stance: .right)) < 0.05)
        #expect(abs(peakDrop(weakLeft, stance: .left) - peakDrop(healthy, stance: .left) - 4) < 0.1)
        #expect(abs(peakDrop(weakLeft, stance: .right) - peakDrop(healthy, stance: .right)) < 0.05)
    }
}
