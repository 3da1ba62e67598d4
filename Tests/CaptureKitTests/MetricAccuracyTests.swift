import Foundation
import MarkerTracker
import Testing
@testable import SessionStore
@testable import OfflineAnalysis

/// Stride metrics and stage summaries against the simulated runner's truth (true marker
/// positions with the tracker's noise), with and without the clinic's findings switched on.
/// Prints `accuracy metrics` lines (docs/accuracy.md).
@Suite struct MetricAccuracyTests {
    /// Both cameras' strides over `seconds` of running, summarised per side; and the truth.
    static func run(findings: ClinicalFindings = .none, cameraSide: BodySide = .right, seconds: Double = 14)
        -> (summary: StageSummary, truth: [CameraView: TruthStrides]) {
        var summary = StageSummary()
        var truth: [CameraView: TruthStrides] = [:]
        for view in CameraView.allCases {
            let seq = TruthSequence(view: view, seconds: seconds, findings: findings, cameraSide: cameraSide, noise: 0.02)
            var g = GaitAnalyzer(view: view, markerSide: cameraSide, legLengthCm: 91)
            for s in seq.samples {
                for st in g.push(frame: s.frame, time: s.time, markers: s.markers, angles: s.angles,
                                 forward: seq.forward).strides {
                    summary.add(st)
                }
            }
            truth[view] = TruthStrides(seq, frames: 0..<seq.samples.count)
        }
        return (summary, truth)
    }

    static func f(_ v: Double?) -> String { v.map { String(format: "%.2f", $0) } ?? "--" }

    @Test func healthyRunnerMatchesTheTruthAndIsSymmetric() throws {
        let (s, truth) = Self.run()
        for side in BodySide.allCases {
            let cadence = try #require(s.mean(.cadence, side))
            print("accuracy metrics cadence \(side): \(Self.f(cadence)) steps/min (true 168.00)")
            #expect(abs(cadence - 168) < 0.5)
            let drop = try #require(s.mean(.pelvicDrop, side))
            let trueDrop = try #require(truth[.rear]?.means[side]?[.pelvicDrop])
            print("accuracy metrics pelvic drop \(side): \(Self.f(drop)) deg (true \(Self.f(trueDrop)))")
            #expect(abs(drop - trueDrop) < 0.5)
            let add = try #require(s.mean(.hipAdduction, side))
            #expect(abs(add - (truth[.rear]?.means[side]?[.hipAdduction] ?? .nan)) < 0.5)
        }
        // The side camera's metrics against the truth of its leg.
        for m in [StrideMetric.kneeFlexionAtContact, .peakKneeFlexion, .hipFlexionAtContact, .peakThighExtension,
                  .ankleDorsiflexionAtContact, .peakAnkleDorsiflexion, .tibiaAngleAtContact, .footAngleAtContact] {
            let measured = try #require(s.mean(m, .right)), t = try #require(truth[.side]?.means[.right]?[m])
            print("accuracy metrics \(m.column) right: \(Self.f(measured)) deg (true \(Self.f(t)))")
            #expect(abs(measured - t) < 1.0, "\(m.column)")
        }
        // No left/right difference above 1 degree (or 1 % of a time) without findings.
        for m in StrideMetric.allCases {
            guard let d = s.leftMinusRight(m) else { continue }
            let limit = m.unit == .degrees ? 1.0 : (m.unit == .milliseconds ? 3.0 : (m.unit == .centimetres ? 0.5 : 0.5))
            print("accuracy metrics L-R \(m.column): \(Self.f(d))")
            #expect(abs(d) < limit, "\(m.column) L-R \(d)")
        }
    }

    @Test func theClinicsFindingsShowOnTheRightSide() throws {
        let none = Self.run(cameraSide: .left).summary
        let hip = Self.run(findings: ClinicalFindings(hipDropDegrees: 4, hipDropStanceSide: .left), cameraSide: .left).summary
        let dorsi = Self.run(findings: ClinicalFindings(extraDorsiflexionDegrees: 6, dorsiflexionSide: .left),
                             cameraSide: .left).summary
        let over = Self.run(findings: ClinicalFindings(overstrideCentimetres: 8), cameraSide: .left).summary

        // Hip drop in left stance: the left stance's contralateral drop is 4 degrees larger.
        let dropDiff = try #require(hip.leftMinusRight(.pelvicDrop))
        print("accuracy metrics hip drop 4 deg left: pelvic drop L-R \(Self.f(dropDiff)), hip adduction L-R \(Self.f(hip.leftMinusRight(.hipAdduction)))")
        #expect(abs(dropDiff - 4) < 0.5)
        #expect(try #require(hip.leftMinusRight(.hipAdduction)) > 2.8)
        // Extra dorsiflexion on the left: peak dorsiflexion in stance up by about 6 degrees.
        let df = try #require(dorsi.mean(.peakAnkleDorsiflexion, .left)) - (try #require(none.mean(.peakAnkleDorsiflexion, .left)))
        print("accuracy metrics extra dorsiflexion 6 deg left: peak ankle DF +\(Self.f(df))")
        #expect(df > 4.8)
        // Over-striding by 8 cm: heel further ahead of the hip, tibia inclined forward, knee straighter.
        let os = try #require(over.mean(.overstride, .left)) - (try #require(none.mean(.overstride, .left)))
        let tibia = try #require(over.mean(.tibiaAngleAtContact, .left)) - (try #require(none.mean(.tibiaAngleAtContact, .left)))
        let knee = try #require(over.mean(.kneeFlexionAtContact, .left)) - (try #require(none.mean(.kneeFlexionAtContact, .left)))
        print("accuracy metrics overstride 8 cm: overstride +\(Self.f(os)) cm, tibia at IC +\(Self.f(tibia)), knee at IC \(Self.f(knee))")
        #expect(os > 6 && os < 10)
        #expect(tibia > 3)
        #expect(knee < -2)
        // And no asymmetry appears where there is none.
        #expect(abs(try #require(dorsi.leftMinusRight(.pelvicDrop))) < 0.5)
        #expect(abs(try #require(over.leftMinusRight(.hipAdduction))) < 1)
    }

    @Test func centimetresComeFromTheLegLength() throws {
        // The simulated runner's greater trochanter stands 91 cm above the belt; its vertical
        // oscillation and overstride are known in metres.
        let (s, _) = Self.run(seconds: 8)
        let vo = try #require(s.mean(.verticalOscillation, .right))
        let width = try #require(s.mean(.stepWidth, .left))
        print("accuracy metrics vertical oscillation \(Self.f(vo)) cm, step width \(Self.f(width)) cm")
        #expect(vo > 5 && vo < 11)
        #expect(width > 5 && width < 20)
        // Without a leg length there are no centimetres, not made-up ones.
        var g = GaitAnalyzer(view: .side, markerSide: .right)
        let seq = TruthSequence(view: .side, seconds: 5, noise: 0.02)
        var strides: [StrideMetrics] = []
        for x in seq.samples {
            strides += g.push(frame: x.frame, time: x.time, markers: x.markers, angles: x.angles, forward: seq.forward).strides
        }
        #expect(!strides.isEmpty)
        #expect(strides.allSatisfy { $0[.overstride] == nil && $0[.verticalOscillation] == nil && $0[.kneeFlexionAtContact] != nil })
    }
}
