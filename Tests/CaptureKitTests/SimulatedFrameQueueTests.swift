import CaptureKit
import Foundation
import Testing
@testable import RunnerSimulation

/// A paced virtual camera keeps the frames a late reader has not read yet, as a V4L2 driver's
/// queue of buffers does, and loses only those beyond the queue (`SimulatedFrameClock`).
@Suite struct SimulatedFrameQueueTests {
    /// Every index waiting now, oldest first (the clock offers no descriptor while any wait).
    static func drain(_ clock: inout SimulatedFrameClock) -> [UInt64] {
        var out: [UInt64] = []
        while let i = clock.next() {
            out.append(i)
            if clock.descriptor != nil { break } // nothing more queued: the next needs a poll
        }
        return out
    }

    @Test func aLateReaderGetsTheQueuedFramesInOrderAndLosesOnlyThoseBeyondTheQueue() throws {
        var clock = SimulatedFrameClock(framesPerSecond: 1000, timeOffset: 0)
        try clock.startRealtime(firstTimestamp: MonotonicClock.now(), simulationTimeNow: 0)
        defer { clock.stop() }
        let depth = Int(SimulatedFrameClock.queueDepth)
        // Late by at least 5 periods: those frames wait, read back to back in order.
        usleep(6_000)
        let late = SimulatedFrameQueueTests.drain(&clock)
        #expect(late.count >= 5 && late.count <= depth, "\(late)")
        #expect(zip(late, late.dropFirst()).allSatisfy { $1 == $0 + 1 }, "\(late)")
        // Late by at least 60 periods: the queue is full, the older frames are lost.
        usleep(60_000)
        let full = SimulatedFrameQueueTests.drain(&clock)
        #expect(full.count == depth, "\(full)")
        #expect(zip(full, full.dropFirst()).allSatisfy { $1 == $0 + 1 }, "\(full)")
        #expect((full.first ?? 0) >= (late.last ?? 0) + 50, "the frames beyond the queue skip: \(late) then \(full)")
    }
}
