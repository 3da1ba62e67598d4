import Foundation
import MarkerTracker
import SessionStore
import Testing
@testable import OfflineAnalysis
@testable import RunnerSimulation

/// `RealChange` and `AthleteProgress` on sessions whose strides come from the varying simulated
/// runner's ground truth (its stride-to-stride and day-to-day spread), without recording.
@Suite struct AthleteProgressTests {
    /// The peak contralateral pelvic drop of each of `count` stances of `side`, as the varying
    /// runner of day `seed` with an extra `hipDrop` in left stance runs them.
    static func drops(hipDrop: Double, seed: UInt64, side: BodySide, count: Int = 12) -> [Double] {
        let profile = RunnerProfile.flat.varying(seed: seed)
        let findings = ClinicalFindings(hipDropDegrees: hipDrop, hipDropStanceSide: .left)
        let model = RunnerModel(profile: profile, findings: findings, startPhase: 0)
        let f = profile.strideFrequency
        return (1...count).map { k in
            // Right stance: the left side drops (obliquity negative); left stance half a cycle on.
            let offset = side == .right ? 0 : 0.5
            let t = (Double(k) + offset + 0.35 * profile.stanceFraction) / f
            let o = model.pelvicObliquity(at: t)
            return side == .right ? -o : o
        }
    }

    /// One session of `seed`, dated `date`, with both sides' pelvic drops.
    static func session(hipDrop: Double, seed: UInt64, date: String) -> SessionFigures {
        var summaries: [BodySide: [StrideMetric: MetricSummary]] = [:]
        for side in BodySide.allCases {
            summaries[side] = [.pelvicDrop: MetricSummary(metric: .pelvicDrop, side: side, view: .rear,
                                                          values: drops(hipDrop: hipDrop, seed: seed, side: side))]
        }
        return SessionFigures(directory: "/library/Ana-Ruiz/\(date)", created: date + "T10:00:00Z", athlete: "Ana Ruiz",
                              stages: [.init(kind: "flat", directory: "flat", inclinePercent: 0, summaries: summaries)])
    }

    static func summary(_ metric: StrideMetric, mean: Double, sd: Double, n: Int) -> MetricSummary {
        // n values with that mean and sample SD: half at mean - a, half at mean + a (n even).
        let a = sd * (Double(n - 1) / Double(n)).squareRoot()
        return MetricSummary(metric: metric, side: .left, view: .rear,
                             values: (0..<n).map { $0 % 2 == 0 ? mean - a : mean + a })
    }

    @Test func aHipDropFalling6To3To1DegIsARealImprovementOnItsSideOnly() throws {
        // Given out of order: the progress puts them in date order.
        let progress = AthleteProgress(athlete: "Ana Ruiz", sessions: [
            AthleteProgressTests.session(hipDrop: 1, seed: 23, date: "2026-12-01"),
            AthleteProgressTests.session(hipDrop: 6, seed: 21, date: "2026-11-01"),
            AthleteProgressTests.session(hipDrop: 3, seed: 22, date: "2026-11-15"),
        ])
        #expect(progress.sessions.map(\.date) == ["2026-11-01", "2026-11-15", "2026-12-01"])
        let left = try #require(progress.series("flat", .left, .pelvicDrop))
        let overall = try #require(left.overall)
        // About 11 -> 6 deg (5 + 6 -> 5 + 1, each day's own spread of about 1 deg around it).
        #expect(overall.verdict == .decrease, "\(overall)")
        #expect(overall.change < -3)
        #expect(left.points.map(\.session) == [0, 1, 2])
        #expect(left.points[0].fromFirst == nil && left.points[0].fromPrevious == nil)
        // The right stance (left side drops) had no extra drop: its days differ by their own spread only.
        let right = try #require(progress.series("flat", .right, .pelvicDrop))
        for p in right.points.dropFirst() {
            #expect(p.fromFirst?.verdict == RealChange.Verdict.none, "\(String(describing: p.fromFirst))")
            #expect(p.fromPrevious?.verdict == RealChange.Verdict.none)
        }
        let md = ProgressMarkdown.render(progress)
        #expect(md.contains("flat, pelvic drop, left stance (right side drops): "))
        #expect(md.contains("real decrease (beyond 2.8)"))
    }

    @Test func aChangeWithinTheSDDIsNoRealChange() throws {
        let a = AthleteProgressTests.summary(.pelvicDrop, mean: 6, sd: 0.2, n: 10)
        let b = AthleteProgressTests.summary(.pelvicDrop, mean: 8.5, sd: 0.2, n: 10)
        let c = try #require(RealChange.judge(.pelvicDrop, from: a, to: b))
        #expect(abs(c.change - 2.5) < 1e-9)
        #expect(c.threshold == 2.8)
        #expect(c.verdict == .none)
        // Beyond the SDD: real, and which way.
        let d = try #require(RealChange.judge(.pelvicDrop, from: b, to: AthleteProgressTests.summary(.pelvicDrop, mean: 5, sd: 0.2, n: 10)))
        #expect(d.verdict == .decrease)
        #expect(ProgressWording.change(d, .pelvicDrop) == "-3.5, real decrease (beyond 2.8)")
    }

    @Test func aChangeBeyondTheSDDButWithinTheStridesSpreadIsNoRealChange() throws {
        // SD 5 over 8 strides each: 1.96 x sqrt(25/8 + 25/8) = 4.9 deg, above the SDD of 2.8.
        let a = AthleteProgressTests.summary(.pelvicDrop, mean: 6, sd: 5, n: 8)
        let b = AthleteProgressTests.summary(.pelvicDrop, mean: 10, sd: 5, n: 8)
        let c = try #require(RealChange.judge(.pelvicDrop, from: a, to: b))
        #expect(abs(c.spread - 4.9) < 0.01)
        #expect(c.threshold == c.spread)
        #expect(c.verdict == .none)
    }

    @Test func aMetricWithoutAnSDDIsShownNotJudgedAndTooFewStridesGiveNoChange() throws {
        let a = AthleteProgressTests.summary(.cadence, mean: 160, sd: 1, n: 10)
        let b = AthleteProgressTests.summary(.cadence, mean: 176, sd: 1, n: 10)
        let c = try #require(RealChange.judge(.cadence, from: a, to: b))
        #expect(c.verdict == .notJudged && c.threshold == nil && !c.isReal)
        let few = MetricSummary(metric: .cadence, side: .left, view: .rear, values: [170, 171, 172])
        #expect(RealChange.judge(.cadence, from: a, to: few) == nil)
    }
}
