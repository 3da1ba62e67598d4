import Foundation
import MarkerTracker
import Testing
@testable import SessionStore
@testable import OfflineAnalysis

/// `SessionComparison` (`gaitlive report DIR --compare OTHER`) on reports of synthetic stages:
/// the real-change rule per metric and side, and the findings' fates.
@Suite struct SessionComparisonTests {
    /// A flat-only report created on `date` with a left-stance pelvic drop of `leftDrop` over `leftStrides`.
    static func report(date: String, leftDrop: Double, leftStrides: Int = 9) throws -> GaitReport {
        var stage = SyntheticStage.healthy()
        stage.records.removeAll { $0.view == .rear && $0.side == .left }
        stage.add(.rear, .left, count: leftStrides, [.pelvicDrop: leftDrop, .hipAdduction: 13, .stepWidth: 10, .cadence: 168],
                  offset: 42)
        var r = try ReportFixture.report([stage])
        r.manifest.created = date + "T10:00:00Z"
        r.directory = "/library/Test-Runner/\(date)"
        return r
    }

    @Test func aDropThatFellBeyondTheSDDIsARealDecreaseAndItsFindingResolved() throws {
        let before = try SessionComparisonTests.report(date: "2026-11-01", leftDrop: 9.5)
        let after = try SessionComparisonTests.report(date: "2026-12-01", leftDrop: 5)
        #expect(before.findings.contains { $0.kind == .pelvicDrop && $0.side == .left })
        // Either order: the earlier session is "before".
        let c = SessionComparison(after, before)
        #expect(c.before.directory.hasSuffix("2026-11-01"))
        let row = try #require(c.rows.first { $0.stage == "flat" && $0.side == .left && $0.metric == .pelvicDrop })
        #expect(row.change?.verdict == .decrease)
        #expect(abs((row.change?.change ?? 0) + 4.5) < 1e-9)
        let right = try #require(c.rows.first { $0.stage == "flat" && $0.side == .right && $0.metric == .pelvicDrop })
        #expect(right.change?.verdict == RealChange.Verdict.none)
        #expect(c.findings.map(\.fate).contains(.resolved))
        #expect(!c.findings.contains { $0.fate == .appeared || $0.fate == .persisted })
        let md = CompareMarkdown.render(c)
        #expect(md.contains("- resolved: Pelvic drop in left stance"))
        #expect(md.contains("flat, pelvic drop, left stance (right side drops): 9.5 -> 5.0 deg (-4.5, real decrease (beyond 2.8))"))
    }

    @Test func aChangeWithinTheSDDIsNoRealChangeAndAFindingThatStaysPersists() throws {
        let c = SessionComparison(try SessionComparisonTests.report(date: "2026-11-01", leftDrop: 9.5),
                                  try SessionComparisonTests.report(date: "2026-12-01", leftDrop: 10.5))
        let row = try #require(c.rows.first { $0.side == .left && $0.metric == .pelvicDrop })
        #expect(row.change?.verdict == RealChange.Verdict.none)
        #expect(c.findings.map(\.fate) == [.persisted])
        #expect(CompareMarkdown.realChanges(c).isEmpty)
    }

    @Test func aFindingTheOtherSessionCannotJudgeIsNeitherResolvedNorAppeared() throws {
        let c = SessionComparison(try SessionComparisonTests.report(date: "2026-11-01", leftDrop: 9.5),
                                  try SessionComparisonTests.report(date: "2026-12-01", leftDrop: 5, leftStrides: 4))
        #expect(c.findings.map(\.fate) == [.untold])
        #expect(CompareMarkdown.render(c).contains("the session after has too few strides there to judge it"))
        let json = try CompareJSON.render(c)
        #expect(json.contains("\"fate\" : \"untold\""))
    }
}
