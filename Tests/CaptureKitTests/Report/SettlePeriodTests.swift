import Foundation
import MarkerTracker
import Testing
@testable import CaptureKit
@testable import SessionStore
@testable import LivePipeline
@testable import OfflineAnalysis

/// The settle period after a stage change and the one stride acceptance the report and the live
/// panel share (issue #14: a settle period after `s`; live stage means equal the report's).
@Suite struct SettlePeriodTests {
    @Test func lastsTheGradeChangeAtOnePercentPerSecondPlusTheRunnersTwoSeconds() {
        #expect(SettlePeriod.seconds(fromPercent: 0, toPercent: 10) == 12)
        #expect(SettlePeriod.seconds(fromPercent: 5, toPercent: 0) == 7)
        #expect(SettlePeriod(switchedAt: nil, fromPercent: 0, toPercent: 5) == nil)
        let p = SettlePeriod(switchedAt: 30, fromPercent: 0, toPercent: 5)
        #expect(p?.end == 37)
        #expect(p?.contains(contactTime: 36.9) == true)
        #expect(p?.contains(contactTime: 37) == false)
    }

    @Test func stridesBegunWhileTheBeltSettlesAreLeftOutOfTheMeans() {
        var s = SyntheticStage.healthy(count: 12, kind: "incline", incline: 5)
        // The first three right strides (rear) begin in the settle period and have a larger drop.
        for i in s.records.indices where s.records[i].view == .rear && s.records[i].side == .right && s.records[i].number <= 3 {
            s.records[i].values[.pelvicDrop] = 12
        }
        let unsettled = s.input
        #expect((unsettled.mean(.pelvicDrop, .right)?.mean ?? 0) > 5.5)
        s.settle = SettlePeriod(start: 0, seconds: 2.0) // contacts at 10/120 + 0.7 i s: i = 0, 1, 2 start before 2.0 s
        let settled = s.input
        #expect(settled.mean(.pelvicDrop, .right)?.mean == 5)
        #expect(settled.mean(.pelvicDrop, .right)?.count == 9)
        #expect(settled.strides.settling == 3 * 3) // side right, rear left, rear right
        #expect(settled.strides.settle?.seconds == 2.0)
    }

    @Test func aSessionsStagesSettleFromTheSwitchOrElseTheirFirstFrame() {
        var m = SessionManifest(software: "test", created: "2026-12-03T00:00:00Z", athlete: .init(name: "T"), source: "simulated",
                                clockOriginNs: 0, cameras: [])
        m.stages = [SessionManifest.Stage(kind: "flat", directory: "flat", inclinePercent: 0, startSeconds: 0, events: ""),
                    SessionManifest.Stage(kind: "incline", directory: "incline", inclinePercent: 10, startSeconds: 25, events: ""),
                    SessionManifest.Stage(kind: "flat", directory: "flat-2", inclinePercent: 0, startSeconds: 90, events: "")]
        m.stages[2].switchedSeconds = 80
        m.stages[2].previousInclinePercent = 10
        #expect(StageStrides.settlePeriod(m, stage: 0) == nil)
        // An older session (no switch time): from the stage's first recorded frame.
        #expect(StageStrides.settlePeriod(m, stage: 1) == SettlePeriod(start: 25, seconds: 12))
        #expect(StageStrides.settlePeriod(m, stage: 2) == SettlePeriod(start: 80, seconds: 12))
    }

    /// A processed frame at `t` seconds completing `strides`.
    static func frame(_ t: Double, strides: [StrideMetrics] = []) -> ProcessedFrame {
        let f = Frame(view: .rear, sequence: 0, timestampNanoseconds: UInt64(t * 1e9), luma: LumaImage(width: 2, height: 2, fill: 0))
        var angles = AngleSet()
        angles[.pelvicObliquity] = 3
        return ProcessedFrame(frame: f, streamIndex: 0, tracked: TrackedFrame(markers: [], blobCount: 0, status: .tracking,
                                                                                forward: 1, fullScan: false),
                              angles: angles, events: [], strides: strides)
    }

    static func stride(_ side: BodySide, _ n: Int, contact: Double, drop: Double) -> StrideMetrics {
        var s = StrideMetrics(view: .rear, side: side, number: n, contact: .init(frame: n * 84, time: contact),
                              nextContact: .init(frame: n * 84 + 84, time: contact + 0.7))
        s[.pelvicDrop] = drop
        return s
    }

    @Test func liveStageMeansCountOnlyRecordedSettledStridesAsTheReportDoes() {
        var live = StageAggregate(settle: SettlePeriod(start: 0, seconds: 3))
        var records: [StrideRecord] = []
        // Not recording: neither the frame nor its stride counts.
        live.add(SettlePeriodTests.frame(0.5, strides: [SettlePeriodTests.stride(.left, 1, contact: 0, drop: 20)]), recording: false)
        #expect(live.frames == 0 && live.angles.isEmpty && live.strides.isEmpty)
        for i in 0..<14 {
            let s = SettlePeriodTests.stride(.left, i + 2, contact: 1 + 0.7 * Double(i), drop: i < 3 ? 12 : 8)
            // The first recorded stride began before recording (its contact not recorded).
            live.add(SettlePeriodTests.frame(s.nextContact.time + 0.1, strides: [s]), recording: true, whollyRecorded: [i > 0])
            var r = StrideRecord(s)
            if i == 0 { r.contactFrame = nil }
            records.append(r)
        }
        let report = StageStrides(records: records, trust: [:], framesPerSecond: [:], settle: SettlePeriod(start: 0, seconds: 3))
        #expect(live.frames == 14)
        #expect(live.settling == report.settling)
        #expect(report.settling == 2 && report.partial == 1)
        #expect(live.summary.stats(.pelvicDrop, .left).count == 11)
        #expect(live.summary.stats(.pelvicDrop, .left).mean == 8)
        #expect(report.strides[.rear]?.count == 11)
    }
}
