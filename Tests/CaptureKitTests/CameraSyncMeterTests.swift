import MarkerTracker
import Testing
@testable import LivePipeline
@testable import OfflineAnalysis
import SessionStore

/// Offset and jitter between two cameras from their timestamps.
@Suite struct CameraSyncMeterTests {
    @Test func aSteadyOffsetHasNoJitter() throws {
        var m = CameraSyncMeter()
        let period: UInt64 = 8_333_333
        for i in 0..<400 as Range<UInt64> {
            m.rear(1_000_000_000 + i * period)
            m.side(1_000_000_000 + i * period + 3_000_000) // side 3 ms after rear
        }
        let s = try #require(m.summary)
        #expect(abs(s.meanOffsetMs - 3) < 1e-6)
        #expect(s.jitterMs < 1e-6)
        #expect(s.samples == 399) // from the second rear frame on (the rear period is known)
    }

    @Test func jitterIsTheSpreadOfTheOffsetAndOffsetsWrapToHalfAPeriod() throws {
        var m = CameraSyncMeter()
        let period: UInt64 = 10_000_000
        for i in 0..<300 as Range<UInt64> {
            m.rear(1_000_000_000 + i * period)
            // Side 4 or 6 ms after a rear frame: +4 ms, or 4 ms before the next one (-4 ms).
            let wobble: UInt64 = i % 2 == 0 ? 4_000_000 : 6_000_000
            m.side(1_000_000_000 + i * period + wobble)
        }
        let s = try #require(m.summary)
        #expect(abs(s.meanOffsetMs) < 0.05)
        #expect(abs(s.minimumMs + 4) < 1e-6 && abs(s.maximumMs - 4) < 1e-6)
        // Unwrapped within each window, +4 and -4 are phases 4 and 6 ms: 5 +- 1 ms, jitter 1 ms.
        #expect(abs(s.jitterMs - 1.0) < 0.05)
    }
}
