import MarkerTracker
import Testing
@testable import CaptureKit
@testable import SessionStore
@testable import LivePipeline
@testable import OfflineAnalysis

/// The live stage keeps its strides compactly and its marker trust for a bounded window, and its
/// means stay the report's (issue #15, the 30-minute soak's memory).
@Suite struct StageAggregateLedgerTests {
    /// A rear stride of `frames` frames from `start` with pelvic drop `drop`.
    static func stride(_ n: Int, from start: Int, frames: Int, drop: Double) -> StrideMetrics {
        var s = StrideMetrics(view: .rear, side: .left, number: n, contact: .init(frame: start, time: Double(start) / 120),
                              toeOff: .init(frame: start + 30, time: Double(start + 30) / 120),
                              nextContact: .init(frame: start + frames, time: Double(start + frames) / 120))
        s[.pelvicDrop] = drop
        return s
    }

    /// A leg's median moves (the runner speeds up: 0.9 s strides after 0.7 s ones) and turns the
    /// early strides implausible: the live summary is made again and equals the report's.
    @Test func whenTheMedianMovesTheLiveMeansAreMadeAgainAsTheReportsAre() {
        var live = StageAggregate()
        var records: [StrideRecord] = []
        var n = 0
        var start = 0
        var counted: [Int] = []
        for i in 0..<16 {
            let frames = i < 5 ? 84 : 108
            let s = Self.stride(i, from: start, frames: frames, drop: i < 5 ? 14 : 6)
            SettlePeriodTests.feed(&live, from: &n, through: s, recording: true)
            records.append(StrideRecord(s))
            counted.append(live.summary.stats(.pelvicDrop, .left).count)
            start += frames
        }
        let trust = MarkerTrust(frames: (0..<n).map { SettlePeriodTests.frame($0).tracked.markers })
        let report = StageStrides(records: records, trust: [.rear: trust], framesPerSecond: [.rear: 120])
        #expect(counted[4] == 5, "the first five strides all count while they are the median")
        #expect(report.summary(.pelvicDrop, .left)?.count == 11)
        #expect(live.summary.stats(.pelvicDrop, .left).count == 11)
        #expect(live.summary.stats(.pelvicDrop, .left).mean == 6)
        #expect(live.verdicts.filter { $0 == .implausibleDuration }.count == 5)
        #expect(live.strideCount == 16)
    }

    /// Hours of frames keep at most two windows of trust, and a stride completed at the end is
    /// still judged on its own frames.
    @Test func markerTrustIsKeptForTheLastFramesOnly() {
        var live = StageAggregate()
        var n = 0
        let window = StageAggregate.trustWindow
        let last = 5 * window / 84
        var start = 0
        var limitHeld = true
        for i in 0...last {
            SettlePeriodTests.feed(&live, from: &n, through: Self.stride(i, from: start, frames: 84, drop: 8), recording: true)
            start += 84
            limitHeld = limitHeld && live.trust.frameCount < 2 * window
        }
        #expect(limitHeld)
        #expect(live.trust.firstFrame > 0)
        #expect(live.summary.stats(.pelvicDrop, .left).count == last + 1, "every stride measured from sure markers")
    }

    @Test func forgottenFramesAreUnsureAndTheRestKeepTheirTrust() {
        let sure = SettlePeriodTests.frame(0).tracked.markers
        let unsure = SettlePeriodTests.frame(0, unsure: [2]).tracked.markers
        var t = MarkerTrust(frames: [])
        for k in 100..<200 { t.add(k == 150 ? unsure : sure, frame: k) }
        t.forget(before: 140)
        #expect(t.firstFrame == 140 && t.frameCount == 60)
        #expect(!t.allSure([0], at: 139))
        #expect(t.allSure([0, 1, 2], at: 149))
        #expect(!t.allSure([2], at: 150) && t.allSure([0], at: 150))
        t.forget(before: 1000)
        #expect(t.frameCount == 0)
        t.add(sure, frame: 1200)
        #expect(t.firstFrame == 1200 && t.allSure([0], at: 1200))
    }
}
