import Testing
import MarkerTracker
@testable import OfflineAnalysis

/// The athlete's page: plain words, the findings and what to work on, no SDDs, sources or times.
@Suite struct AthletePageTests {
    static func report() throws -> GaitReport {
        var flat = SyntheticStage.healthy()
        flat.set(.pelvicDrop, 9, .rear, .left)
        var incline = SyntheticStage.healthy(kind: "incline", incline: 5)
        incline.set(.pelvicDrop, 9, .rear, .left)
        return try ReportFixture.report([flat, incline])
    }

    @Test func saysTheFindingsAndWhatToWorkOnInPlainWords() throws {
        let r = try AthletePageTests.report()
        let md = AthletePage.markdown(r)
        #expect(md.hasPrefix("# Your running analysis: Test Runner\n"))
        #expect(md.contains("- When your left foot is on the ground, the right side of your pelvis drops more than it should."))
        #expect(md.contains("(on the flat belt and uphill)"))
        #expect(md.contains("## What to work on"))
        #expect(md.contains("Side-lying glute isolation against a wall"))
        for clinical in ["SDD", "Dingenen", "Bramah", "deg", "frame", "2026", "strides", "±"] {
            #expect(!md.contains(clinical), "the athlete's page says '\(clinical)'")
        }
        let html = AthletePage.html(r)
        #expect(html.contains("<h2>What we found</h2>") && html.contains("<h2>What to work on</h2>"))
        for clinical in ["SDD", "Dingenen", "2026", "<cite"] { #expect(!html.contains(clinical)) }
    }

    @Test func aRunnerWithNoFindingsIsToldSo() throws {
        let r = try ReportFixture.report()
        #expect(AthletePage.markdown(r).contains("We found nothing that needs work"))
    }
}
