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

    /// Processed frame `n` (rear view, 120 fps) completing `strides`; every marker detected surely
    /// unless `unsure` names some.
    static func frame(_ n: Int, strides: [StrideMetrics] = [], unsure: Set<Int> = []) -> ProcessedFrame {
        let t = Double(n) / 120
        let f = Frame(view: .rear, sequence: UInt32(n), timestampNanoseconds: UInt64(t * 1e9), luma: LumaImage(width: 2, height: 2, fill: 0))
        var angles = AngleSet()
        angles[.pelvicObliquity] = 3
        let markers: MarkerFrame = (0..<MarkerSet.rear.count).map { m in
            TrackedMarker(position: Point(x: Double(m), y: 0), confidence: unsure.contains(m) ? 0.2 : 1, source: .detected)
        }
        return ProcessedFrame(frame: f, streamIndex: n, tracked: TrackedFrame(markers: markers, blobCount: 8, status: .tracking,
                                                                                forward: 1, fullScan: false),
                              angles: angles, events: [], strides: strides)
    }

    /// Stride `n` of 84 frames (0.7 s at 120 fps) from frame `n * 84`.
    static func stride(_ side: BodySide, _ n: Int, drop: Double) -> StrideMetrics {
        var s = StrideMetrics(view: .rear, side: side, number: n, contact: .init(frame: n * 84, time: Double(n * 84) / 120),
                              toeOff: .init(frame: n * 84 + 30, time: Double(n * 84 + 30) / 120),
                              nextContact: .init(frame: n * 84 + 84, time: Double(n * 84 + 84) / 120))
        s[.pelvicDrop] = drop
        return s
    }

    /// Feeds `live` every frame up to the one completing `s` (12 frames after its end, the
    /// detectors' delay), which carries it; `unsure` markers in `unsureFrames`.
    static func feed(_ live: inout StageAggregate, from n: inout Int, through s: StrideMetrics, recording: Bool,
                     wholly: Bool = true, unsure: Set<Int> = [], unsureFrames: Range<Int> = 0..<0) {
        let done = s.nextContact.frame + 12
        while n <= done {
            let mask = unsureFrames.contains(n) ? unsure : []
            live.add(frame(n, strides: n == done ? [s] : [], unsure: mask), recording: recording,
                     whollyRecorded: n == done ? [wholly] : nil)
            n += 1
        }
    }

    @Test func liveStageMeansCountOnlyRecordedSettledStridesAsTheReportDoes() {
        let settle = SettlePeriod(start: 0, seconds: 3)
        var live = StageAggregate(settle: settle)
        var records: [StrideRecord] = []
        var n = 0
        // Not recording: neither the frames nor the stride count.
        SettlePeriodTests.feed(&live, from: &n, through: SettlePeriodTests.stride(.left, 0, drop: 20), recording: false)
        #expect(live.frames == 0 && live.angles.isEmpty && live.strideCount == 0)
        let unrecorded = n
        for i in 1...14 {
            let s = SettlePeriodTests.stride(.left, i, drop: i <= 4 ? 12 : 8)
            // The first recorded stride began before recording (its contact not recorded).
            SettlePeriodTests.feed(&live, from: &n, through: s, recording: true, wholly: i > 1)
            var r = StrideRecord(s)
            if i == 1 { r.contactFrame = nil }
            records.append(r)
        }
        let trust = MarkerTrust(frames: (0..<n).map { SettlePeriodTests.frame($0).tracked.markers })
        let report = StageStrides(records: records, trust: [.rear: trust], framesPerSecond: [.rear: 120], settle: settle)
        #expect(live.frames == n - unrecorded)
        #expect(live.settling == report.settling)
        // Strides 1-4 begin in the 3 s settle period (0.7 s apart); stride 1 also began unrecorded.
        #expect(report.settling == 3 && report.partial == 1)
        #expect(live.summary.stats(.pelvicDrop, .left).count == 10)
        #expect(live.summary.stats(.pelvicDrop, .left).mean == 8)
        #expect(report.strides[.rear]?.count == 10)
        #expect(report.summary(.pelvicDrop, .left)?.count == 10)
    }

    /// A value measured from a marker the tracker was unsure of around where it is taken is left
    /// out live as in the report (issue #14: one truth): a PSIS uncertain in one stride's stance.
    @Test func liveMeansLeaveOutValuesFromUnsureMarkersAsTheReportDoes() {
        var live = StageAggregate()
        var records: [StrideRecord] = []
        var n = 0
        let psis: Set<Int> = [RearMarker.lpsi.rawValue]
        // Stride 4's stance: frames 336-366.
        let unsureFrames = (4 * 84 + 10)..<(4 * 84 + 15)
        for i in 0..<10 {
            let s = SettlePeriodTests.stride(.left, i, drop: i == 4 ? 20 : 8)
            SettlePeriodTests.feed(&live, from: &n, through: s, recording: true, unsure: psis, unsureFrames: unsureFrames)
            records.append(StrideRecord(s))
        }
        let trust = MarkerTrust(frames: (0..<n).map { SettlePeriodTests.frame($0, unsure: unsureFrames.contains($0) ? psis : []).tracked.markers })
        let report = StageStrides(records: records, trust: [.rear: trust], framesPerSecond: [.rear: 120])
        #expect(report.summary(.pelvicDrop, .left)?.count == 9)
        #expect(report.summary(.pelvicDrop, .left)?.unsure == 1)
        #expect(live.summary.stats(.pelvicDrop, .left).count == 9)
        #expect(live.summary.stats(.pelvicDrop, .left).mean == 8)
    }
}
