import Foundation
import MarkerTracker
import Testing
@testable import ReviewTUI
import SessionStore
import OfflineAnalysis

/// Live capture, the offline analyses and review run one analysis path: for the same recording
/// they give the same events and strides (up to the 3 decimals markers are stored with), once the
/// analysis has warmed up. Live capture analyses frames from before the recording and across
/// stage changes; a recorded stage is analysed from its first frame, and the detectors need
/// `warmUp` seconds of history (the side view's 2.5 s belt band, the direction vote), so only
/// events and strides after it are compared.
@Suite struct OneAnalysisPathTests {
    static let warmUp = 3.0

    static func close(_ a: Double?, _ b: Double?, _ tolerance: Double) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (x?, y?): abs(x - y) <= tolerance
        default: false
        }
    }

    @Test func liveOfflineAndReviewGiveTheSameStrides() throws {
        let fixture = try SessionFixture(seconds: 7)
        let session = try RecordedSession(directory: fixture.directory)
        var compared = 0
        for (index, stage) in session.stages.enumerated() {
            let directory = fixture.directory + "/" + stage.info.directory
            let live = try #require(try StrideFile.read(stageDirectory: directory))
            for (view, rv) in stage.views {
                // Offline: the stored markers through the same path.
                let offline = RecordedAnalysis(view: rv, corrections: nil, manifest: session.manifest, stage: stage.info)
                let start = (stage.info.startSeconds ?? 0) + Self.warmUp
                let liveEvents = stage.events.filter { $0.view == view && $0.time >= start }
                let offlineEvents = offline.events.filter { $0.time >= start }
                #expect(offlineEvents.map(\.frame) == liveEvents.map(\.frame), "\(stage.info.directory) \(view) event frames")
                #expect(offlineEvents.map(\.kind) == liveEvents.map(\.kind))
                #expect(zip(offlineEvents, liveEvents).allSatisfy { abs($0.time - $1.time) < 1e-4 }, "event times")
                let liveStrides = live.filter { $0.view == view && $0.contactTime >= start }
                let offlineStrides = offline.strides.filter { $0.contactTime >= start }
                #expect(liveStrides.count >= 3, "too short a recording to compare strides: \(liveStrides.count)")
                #expect(offlineStrides.count == liveStrides.count, "\(stage.info.directory) \(view) strides")
                for (a, b) in zip(offlineStrides, liveStrides) {
                    #expect(a.side == b.side && a.contactFrame == b.contactFrame && a.nextContactFrame == b.nextContactFrame)
                    #expect(Set(a.values.keys) == Set(b.values.keys), "\(view) stride \(a.number) metrics")
                    // strides.csv keeps one decimal (ms, deg, cm): half of it, and the stored markers' rounding.
                    for (m, v) in a.values { #expect(Self.close(v, b.values[m], 0.1), "\(view) \(m) \(v) vs \(b.values[m] ?? .nan)") }
                    compared += 1
                }
                // Review: a correction that puts a marker where it was takes the review through
                // the same path again; nothing may change.
                let review = StageReview(session: session, index: index)
                let n = rv.frameCount / 2
                guard let m = rv.markers(at: n).firstIndex(where: { $0 != nil }), let p = rv.markers(at: n)[m]?.position else {
                    Issue.record("no marker to correct")
                    continue
                }
                try review.correct(view, frame: n, marker: m, to: p)
                // Only the strides touching the frame are measured again: every event and stride,
                // warm-up included, stays as recorded, numbers too.
                let reviewed = review.events.filter { $0.view == view }
                #expect(reviewed.map(\.frame) == stage.events.filter { $0.view == view }.map(\.frame),
                        "\(stage.info.directory) \(view) review events")
                let expected = StrideIndex(records: live, settle: review.settle).strides
                let reviewStrides = review.strides.strides
                #expect(reviewStrides.count == expected.count)
                #expect(zip(reviewStrides, expected).allSatisfy {
                    $0.side == $1.side && $0.number == $1.number && abs($0.start - $1.start) < 1e-4
                })
            }
        }
        #expect(compared >= 20)
    }
}
