/// The time constants of event detection, turned into frame counts for one frame rate.
///
/// Everything is defined in seconds and scaled by the measured frame rate, so 60, 120 or 240 fps
/// streams behave alike. At 120 fps: accelerations from 7-sample quadratic fits (K = 3), peaks
/// that must dominate +-5 frames (W), events found 9 frames (75 ms) after their frame, and a live
/// delay of 12 frames (100 ms) for the side view's events and the rear view's contacts; the rear
/// view's toe-offs are known once the other foot lands.
public struct EventTiming: Sendable, Hashable {
    public let framesPerSecond: Double
    /// Half-width of the Savitzky-Golay fits for marker accelerations, frames (25 ms).
    public let accelerationHalfWidth: Int
    /// Half-width of the pelvis acceleration fit (rear toe-off), frames (20 ms).
    public let pelvisHalfWidth: Int
    /// An acceleration peak must be the largest within this many frames either side (40 ms).
    public let peakHalfWidth: Int
    /// Frames after a frame at which the side view decides whether an event happened in it.
    public let delayFrames: Int
    /// The rear view's live delay for contacts, frames: one fit half-width beyond `delayFrames`
    /// (100 ms at 120 fps). Seen from behind, a heel can hover in late swing and look landed
    /// for 75 ms; the extra frames show it starting down again (`RearEventDetector`).
    public let rearDelayFrames: Int
    /// Frames after an event's own frame at which it is reported, both views' contacts and the
    /// side view's toe-offs: `rearDelayFrames` (100 ms at 120 fps). The side view finds a
    /// contact `delayFrames` after the frame it evaluates, and the contact's frame (the first at
    /// or after its time) lies up to two frames either side of it.
    public var reportDelayFrames: Int { rearDelayFrames }
    /// Frames of history kept (2.5 s).
    public let historyFrames: Int
    /// No two contacts (or toe-offs) of one leg closer than this, frames (0.4 s; a stride at
    /// 200 steps/min takes 0.6 s).
    public let refractoryFrames: Int
    /// Shortest contact accepted, frames (80 ms).
    public let minimumContactFrames: Int
    /// Longest contact accepted, frames (0.6 s).
    public let maximumContactFrames: Int
    /// Frames of a marker a detector must have seen before it trusts its sense of the belt level
    /// and the marker's range (1 s, more than a stride).
    public let warmUpFrames: Int

    public init(framesPerSecond fps: Double) {
        framesPerSecond = fps
        func frames(_ s: Double, atLeast m: Int) -> Int { max(m, Int((s * fps).rounded())) }
        accelerationHalfWidth = frames(0.025, atLeast: 1)
        pelvisHalfWidth = frames(0.02, atLeast: 1)
        peakHalfWidth = frames(0.04, atLeast: 2)
        delayFrames = accelerationHalfWidth + peakHalfWidth + 1
        rearDelayFrames = delayFrames + accelerationHalfWidth
        historyFrames = frames(2.5, atLeast: 3 * delayFrames + 8)
        refractoryFrames = frames(0.4, atLeast: 2)
        minimumContactFrames = frames(0.08, atLeast: 2)
        maximumContactFrames = frames(0.6, atLeast: 4)
        warmUpFrames = frames(1.0, atLeast: 8)
    }

    /// The live delay in seconds (side view's events, both views' contacts).
    public var delaySeconds: Double { Double(reportDelayFrames) / framesPerSecond }
    /// The rear view's live delay for contacts, seconds.
    public var rearDelaySeconds: Double { Double(rearDelayFrames) / framesPerSecond }
}
