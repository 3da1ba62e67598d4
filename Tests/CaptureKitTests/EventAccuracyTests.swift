import Foundation
import MarkerTracker
import Testing
@testable import SessionStore
@testable import RunnerSimulation

/// Gait events against the simulated runner's true contacts and toe-offs, on true marker
/// positions with the tracker's noise added (0.02 px, what the tracker achieves: docs/accuracy.md):
/// this part is about the event detectors, not the pictures. Prints one `accuracy events` line
/// per case (docs/accuracy.md quotes them).
@Suite struct EventAccuracyTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var profile: RunnerProfile
        var findings: ClinicalFindings
        var cameraSide: BodySide
        var fps: Double = 120
        var testDescription: String { name }
    }

    static let findings = ClinicalFindings(hipDropDegrees: 4, hipDropStanceSide: .left, extraDorsiflexionDegrees: 6,
                                           dorsiflexionSide: .left, overstrideCentimetres: 8)
    static let cases: [Case] = [
        Case(name: "flat, camera right", profile: .flat, findings: .none, cameraSide: .right),
        Case(name: "10 % incline, camera left", profile: RunnerProfile.flat.inclined(percent: 10), findings: .none, cameraSide: .left),
        Case(name: "clinic findings, camera left", profile: .flat, findings: findings, cameraSide: .left),
        Case(name: "flat at 60 fps", profile: .flat, findings: .none, cameraSide: .right, fps: 60),
        Case(name: "flat at 240 fps", profile: .flat, findings: .none, cameraSide: .right, fps: 240),
    ]

    /// Runs the view's detector over a truth sequence; returns its events.
    static func detect(_ seq: TruthSequence, cameraSide: BodySide, stageIncline: ((Double) -> Double)? = nil) -> [GaitEvent] {
        var g = GaitAnalyzer(view: seq.view, markerSide: cameraSide, legLengthCm: 91)
        var out: [GaitEvent] = []
        for s in seq.samples {
            let incline = stageIncline?(s.time) ?? atan(s.inclinePercent / 100) * 180 / .pi
            out += g.push(frame: s.frame, time: s.time, markers: s.markers, angles: s.angles, forward: seq.forward,
                          inclineDegrees: incline).events
        }
        return out
    }

    @Test(arguments: cases)
    func contactsAndToeOffsWithinOneFrame(_ c: Case) {
        // (At 120 fps and below the tolerance is one frame.)
        for view in CameraView.allCases {
            let seq = TruthSequence(view: view, seconds: 20, fps: c.fps, profile: c.profile, findings: c.findings,
                                    cameraSide: c.cameraSide, noise: 0.02)
            let detected = Self.detect(seq, cameraSide: c.cameraSide)
            // Scored after 2 s (the detectors learn the belt and the rate) and before the end.
            let scored = Int(2 * c.fps)..<(seq.samples.count - Int(0.5 * c.fps))
            // One frame; at high frame rates 10 ms (the simulated toe's lift-off shows about 8 ms late).
            let tolerance = max(1, Int((0.010 * c.fps).rounded(.down)))
            let score = EventScore(detected: detected, truth: seq.events, frames: scored, tolerance: tolerance)
            print("accuracy events \(c.name), \(view) view: \(score)")
            #expect(score.fraction([.initialContact, .toeOff]) >= 0.95, "\(c.name) \(view): \(score)")
            #expect((score.spurious[.initialContact] ?? 0) + (score.spurious[.toeOff] ?? 0) == 0)
        }
    }

    @Test func aTreadmillRampingUpDoesNotUpsetTheSideView() {
        // The stage says 5 % at once; the belt takes 2 s to get there.
        let seq = TruthSequence(view: .side, seconds: 14, cameraSide: .right, noise: 0.02,
                                switchTo: (6, RunnerProfile.flat.inclined(percent: 5)))
        let detected = Self.detect(seq, cameraSide: .right) { t in t >= 6 ? atan(0.05) * 180 / .pi : 0 }
        let score = EventScore(detected: detected, truth: seq.events, frames: 240..<(seq.samples.count - 60))
        print("accuracy events ramping treadmill, side view: \(score)")
        #expect(score.fraction([.initialContact, .toeOff]) >= 0.95, "\(score)")
    }

    @Test func eventsArriveWithASmallFixedDelay() {
        let seq = TruthSequence(view: .side, seconds: 4, noise: 0.02)
        var g = GaitAnalyzer(view: .side, legLengthCm: 91)
        var delays: [Int] = []
        for s in seq.samples {
            let u = g.push(frame: s.frame, time: s.time, markers: s.markers, angles: s.angles, forward: seq.forward)
            for e in u.events where e.kind != .midstance { delays.append(s.frame - e.frame) }
        }
        #expect(!delays.isEmpty)
        #expect(Set(delays) == [EventTiming(framesPerSecond: 120).reportDelayFrames])
        #expect(abs(g.delaySeconds! - 0.1) < 1e-9)
    }

    /// The rear view's contacts wait 25 ms longer (a hovering heel sets off down again within
    /// them); its toe-offs and midstances come when the other foot lands.
    @Test func rearContactsArriveWithTheirOwnFixedDelay() {
        let seq = TruthSequence(view: .rear, seconds: 4, noise: 0.02)
        var g = GaitAnalyzer(view: .rear, legLengthCm: 91)
        var contacts: [Int] = [], toeOffs: [Int] = []
        for s in seq.samples {
            let u = g.push(frame: s.frame, time: s.time, markers: s.markers, angles: s.angles, forward: 1)
            for e in u.events where e.kind == .initialContact { contacts.append(s.frame - e.frame) }
            for e in u.events where e.kind == .toeOff { toeOffs.append(s.frame - e.frame) }
        }
        let timing = EventTiming(framesPerSecond: 120)
        #expect(contacts.count >= 8)
        #expect(Set(contacts) == [timing.rearDelayFrames])
        #expect(timing.rearDelayFrames == timing.delayFrames + 3)
        #expect(abs(g.delaySeconds! - 0.1) < 1e-9)
        #expect(!toeOffs.isEmpty && toeOffs.allSatisfy { $0 > timing.rearDelayFrames })
    }
}
