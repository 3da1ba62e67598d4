import MarkerTracker
import Testing
@testable import SessionStore
@testable import RunnerSimulation
@testable import OfflineAnalysis

/// The findings rules on made-up strides: each rule fires past its threshold and not before,
/// on the right side, and never without enough strides from sure markers.
@Suite struct FindingRulesTests {
    let rules = FindingRules(legLengthCm: 90)

    @Test func aHealthyRunnerHasNoFindings() {
        let findings = rules.evaluate([SyntheticStage.healthy().input,
                                       SyntheticStage.healthy(kind: "incline", incline: 5).input])
        #expect(findings.isEmpty, "\(findings.map(\.title))")
    }

    @Test(arguments: [(2.7, false), (2.9, true)])
    func pelvicDropDifferenceAgainstTheSDD(extra: Double, found: Bool) throws {
        var s = SyntheticStage.healthy()
        s.set(.pelvicDrop, 5 + extra, .rear, .left)
        let findings = rules.evaluate([s.input])
        #expect(findings.count == (found ? 1 : 0))
        if found {
            let f = try #require(findings.first)
            #expect(f.kind == .pelvicDrop)
            #expect(f.side == .left)
            #expect(abs(f.value - (5 + extra)) < 1e-9)
            #expect(f.evidence.contains { $0.rule == .leftRight && $0.threshold == 2.8 })
        }
    }

    @Test func aDropAboveHealthyOnBothSidesIsFoundOnBoth() {
        var s = SyntheticStage.healthy()
        s.set(.pelvicDrop, 8.6, .rear, .left)
        s.set(.pelvicDrop, 8.6, .rear, .right)
        let findings = rules.evaluate([s.input])
        #expect(Set(findings.map(\.side)) == [.left, .right])
        #expect(findings.allSatisfy { $0.kind == .pelvicDrop && $0.evidence.first?.rule == .reference })
    }

    @Test func tooFewStridesJudgeNothing() {
        var s = SyntheticStage.healthy(count: 6)
        s.set(.pelvicDrop, 12, .rear, .left)
        s.set(.peakKneeFlexion, 60, .side, .right)
        #expect(rules.evaluate([s.input]).isEmpty)
        #expect(s.input.strides.summary(.pelvicDrop, .left)?.isTooFew == true)
    }

    @Test func valuesFromPredictedMarkersDoNotCount() {
        var s = SyntheticStage.healthy()
        s.set(.peakKneeFlexion, 55, .side, .right)
        #expect(rules.evaluate([s.input]).map(\.kind) == [.kneeFlexionInStance])
        // The knee marker bridged by prediction in the stance of three of the nine strides: six left, too few.
        s.predictedSideKnee = [10 + 20, 94 + 20, 178 + 20]
        let summary = s.input.strides.summary(.peakKneeFlexion, .right)
        #expect(summary?.count == 6)
        #expect(summary?.unsure == 3)
        #expect(rules.evaluate([s.input]).isEmpty)
        // Contact values of the same strides are taken around contact only: unaffected.
        #expect(s.input.strides.summary(.footAngleAtContact, .right)?.count == 9)
    }

    @Test func overstridingNeedsThreeOfItsFourSigns() throws {
        var s = SyntheticStage.healthy()
        s.set(.tibiaAngleAtContact, 9, .side, .right)
        s.set(.footAngleAtContact, 15, .side, .right)
        #expect(rules.evaluate([s.input]).isEmpty)
        s.set(.overstride, 21, .side, .right) // above 0.2 x 90 cm
        let f = try #require(rules.evaluate([s.input]).first)
        #expect(f.kind == .overstriding && f.side == .right)
        #expect(f.evidence.filter { $0.rule == .sign }.count == 3)
        #expect(abs(f.value - 21) < 1e-9)
        // Not on an incline: its thresholds are those of level running.
        var incline = s
        incline.kind = "incline"
        incline.inclinePercent = 5
        #expect(rules.evaluate([incline.input]).isEmpty)
    }

    @Test func dorsiflexionCarriesTheKneeFlexionThatComesWithIt() throws {
        var s = SyntheticStage.healthy()
        s.set(.peakAnkleDorsiflexion, 27, .side, .right)
        s.set(.peakKneeFlexion, 50, .side, .right)
        let findings = rules.evaluate([s.input])
        let f = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(f.kind == .ankleDorsiflexion)
        #expect(f.evidence.contains { $0.rule == .context && $0.metric == StrideMetric.peakKneeFlexion.column })
    }

    @Test func aChangeOnTheInclineSharedByBothSidesIsNotAFinding() {
        var flat = SyntheticStage.healthy()
        var incline = SyntheticStage.healthy(kind: "incline", incline: 5)
        for side in BodySide.allCases { incline.set(.pelvicDrop, 7.5, .rear, side) }
        #expect(rules.evaluate([flat.input, incline.input]).isEmpty)
        // One side only, beyond the SDD: a change and a difference on that side, on the incline.
        incline.set(.pelvicDrop, 8, .rear, .left)
        incline.set(.pelvicDrop, 5, .rear, .right)
        flat.set(.pelvicDrop, 5, .rear, .right)
        let findings = rules.evaluate([flat.input, incline.input])
        #expect(findings.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.inclineChange, .pelvicDrop])
        #expect(findings.allSatisfy { $0.side == .left && $0.stage == "incline" })
    }

    @Test func implausibleAndPartialStridesAreLeftOut() {
        var s = SyntheticStage.healthy()
        s.records.append(StrideRecord(view: .side, side: .right, number: 99, contactFrame: nil, contactTime: 0,
                                      nextContactFrame: 5, nextContactTime: 0.7, values: [.peakKneeFlexion: 90]))
        s.records.append(StrideRecord(view: .side, side: .right, number: 98, contactFrame: 900, contactTime: 7.5,
                                      nextContactFrame: 1000, nextContactTime: 8.5, values: [.peakKneeFlexion: 90]))
        let st = s.input.strides
        #expect(st.partial == 1)
        #expect(st.implausible == 1)
        #expect(st.summary(.peakKneeFlexion, .right)?.values.allSatisfy { $0 == 42 } == true)
    }
}
