import Testing
import MarkerTracker
@testable import SessionStore
@testable import OfflineAnalysis

/// Issue #14, items 5 and 10: over-striding judged per stage (an incline worse than flat is a
/// finding), the table shows the cut-off each finding uses, and pelvic drop says whose stance
/// and which side drops.
@Suite struct PerStageFindingTests {
    let rules = FindingRules(legLengthCm: 90)

    static func overstriding(_ heel: Double, kind: String = "flat", incline: Double = 0) -> SyntheticStage {
        var s = SyntheticStage.healthy(kind: kind, incline: incline)
        s.set(.tibiaAngleAtContact, 9, .side, .right)
        s.set(.footAngleAtContact, 15, .side, .right)
        s.set(.overstride, heel, .side, .right)
        return s
    }

    @Test func anInclineOverstrideWorseThanFlatIsAFinding() throws {
        let flat = PerStageFindingTests.overstriding(22.3), incline = PerStageFindingTests.overstriding(26.5, kind: "incline", incline: 5)
        let findings = rules.evaluate([flat.input, incline.input]).filter { $0.kind == .overstriding }
        #expect(findings.map(\.stage) == ["flat", "incline"])
        let f = try #require(findings.last)
        #expect(f.title == "Over-striding (right leg) on the incline: the heel lands 26.5 cm ahead of the hip (flat: 22.3 cm)")
        #expect(f.evidence.contains { $0.rule == .stageChange && $0.comparedWith == 22.3 })
        // Not worse than flat, or no over-striding on flat: the grade, not a finding.
        let better = PerStageFindingTests.overstriding(21, kind: "incline", incline: 5)
        #expect(rules.evaluate([flat.input, better.input]).filter { $0.kind == .overstriding }.map(\.stage) == ["flat"])
        #expect(rules.evaluate([SyntheticStage.healthy().input, incline.input]).filter { $0.kind == .overstriding }.isEmpty)
    }

    @Test func theTableShowsTheCutOffTheFindingUses() throws {
        let r = try ReportFixture.report([PerStageFindingTests.overstriding(22.3)])
        let rows = ReportTable(r.stages[0], findings: r.findings, markerSide: .right, legLengthCm: 90).rows
        let heel = try #require(rows.first { $0.metric == .overstride })
        #expect(heel.reference.contains("over-striding sign above 18.0 cm"))
        #expect(!heel.reference.contains("no cut-off"))
        let drop = try #require(rows.first { $0.metric == .pelvicDrop })
        #expect(drop.reference.contains("finding above 8.3 deg"))
        let md = MarkdownReport.render(r)
        #expect(md.contains("over-striding sign above 18.0 cm"))
    }

    @Test func pelvicDropSaysWhoseStanceAndWhichSideDrops() throws {
        var s = SyntheticStage.healthy()
        s.set(.pelvicDrop, 9, .rear, .left)
        let f = try #require(rules.evaluate([s.input]).first { $0.kind == .pelvicDrop })
        #expect(f.evidence.contains { $0.text.hasPrefix("pelvic drop in left stance (right side drops) 9.0 deg (9 strides) vs in right stance (left side drops) 5.0 deg") })
        let r = try ReportFixture.report([s])
        let md = MarkdownReport.render(r)
        #expect(md.contains("| pelvic drop (deg), by stance leg: the other side drops"))
        #expect(SideWording.short(.pelvicDrop, .left) == "L stance (R drops)")
        #expect(SideWording.pelvis(5.2) == "right side 5° low")
        #expect(SideWording.pelvis(-3) == "left side 3° low")
    }
}
