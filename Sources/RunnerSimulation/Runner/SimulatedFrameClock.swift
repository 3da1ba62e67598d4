import CaptureKit
import SessionStore
/// The frame clock of a virtual camera (`SimulatedCamera`, `RecordedMotionCamera`): the index of
/// each frame to deliver.
///
/// Paced, it waits on a CLOCK_MONOTONIC timerfd armed at the frame period (`TimerFD`); its
/// expiration count says how many periods went by. As a V4L2 driver does, frames exposed while
/// the reader was late wait in a queue of `queueDepth` (the buffers `V4L2Camera` asks for, less
/// the one the reader holds) and are read back to back (the clock offers no descriptor while
/// any wait, so the capture thread does not poll); only frames beyond the queue are lost, and
/// then the index skips exactly as a driver's sequence number would. Each frame keeps the
/// exposure time of its index. Unpaced, every read is the next frame. Indices count from the
/// simulation origin, like a driver counting since `VIDIOC_STREAMON`.
struct SimulatedFrameClock {
    let framesPerSecond: Double
    /// Seconds the camera's exposures lag the simulation clock.
    let timeOffset: Double
    private(set) var timer: TimerFD?
    /// One past the newest frame exposed.
    private var sequence: UInt64 = 0
    /// Frames exposed and not yet read.
    private var queued: UInt64 = 0
    /// Frames a late reader finds waiting: `V4L2Camera.Settings.bufferCount`'s default, 8, less one.
    static let queueDepth: UInt64 = 7

    init(framesPerSecond: Double, timeOffset: Double) {
        self.framesPerSecond = framesPerSecond
        self.timeOffset = timeOffset
    }

    /// The descriptor to poll while paced and no frame waits.
    var descriptor: Int32? { queued > 0 ? nil : timer?.descriptor }

    /// Starts real-time pacing: the first expiration at `firstTimestamp` (the monotonic moment of
    /// frame 0) or 1 ms from now if that has passed; `simulationTimeNow` sets the first index.
    mutating func startRealtime(firstTimestamp: UInt64, simulationTimeNow: Double) throws {
        let t = try TimerFD()
        try t.arm(startNanoseconds: max(firstTimestamp, MonotonicClock.now() + 1_000_000),
                  intervalNanoseconds: UInt64((1e9 / framesPerSecond).rounded()))
        sequence = UInt64(max(0, ((simulationTimeNow - timeOffset) * framesPerSecond).rounded(.down)))
        timer = t
    }

    /// The index of the next frame, or nil while paced and its time has not come.
    mutating func next() -> UInt64? {
        if let timer {
            let n = timer.expirations()
            sequence += n
            // Beyond the queue the oldest frames were never read out (dropped).
            queued = min(queued + n, SimulatedFrameClock.queueDepth)
            if queued == 0 { return nil }
            queued -= 1
            return sequence - queued - 1
        } else {
            sequence += 1
        }
        return sequence - 1
    }

    /// Simulation time of frame `index`'s exposure.
    func time(ofFrame index: UInt64) -> Double { Double(index) / framesPerSecond + timeOffset }

    mutating func stop() { timer = nil }
}
