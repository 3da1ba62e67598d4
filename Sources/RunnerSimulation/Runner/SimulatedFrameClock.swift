import CaptureKit
import SessionStore
/// The frame clock of a virtual camera (`SimulatedCamera`, `RecordedMotionCamera`): the index of
/// each frame to deliver.
///
/// Paced, it waits on a CLOCK_MONOTONIC timerfd armed at the frame period (`TimerFD`); its
/// expiration count says how many periods went by, so when the pipeline falls behind the index
/// skips exactly as a driver's sequence number would. Unpaced, every read is the next frame.
/// Indices count from the simulation origin, like a driver counting since `VIDIOC_STREAMON`.
struct SimulatedFrameClock {
    let framesPerSecond: Double
    /// Seconds the camera's exposures lag the simulation clock.
    let timeOffset: Double
    private(set) var timer: TimerFD?
    private var sequence: UInt64 = 0

    init(framesPerSecond: Double, timeOffset: Double) {
        self.framesPerSecond = framesPerSecond
        self.timeOffset = timeOffset
    }

    /// The descriptor to poll while paced.
    var descriptor: Int32? { timer?.descriptor }

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
            if n == 0 { return nil }
            // More than one expiration: the frames in between were never read out (dropped).
            sequence += n
        } else {
            sequence += 1
        }
        return sequence - 1
    }

    /// Simulation time of frame `index`'s exposure.
    func time(ofFrame index: UInt64) -> Double { Double(index) / framesPerSecond + timeOffset }

    mutating func stop() { timer = nil }
}
