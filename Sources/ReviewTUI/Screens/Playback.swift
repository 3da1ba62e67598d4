/// Where review playback stands: the frame shown, playing or paused, the slow-motion speed, and
/// the loop. A value with no terminal or session in it, so every rule of stepping and playing is
/// tested on its own.
///
/// Frames are the master view's (0-based). Playing advances `framesPerSecond * speed` frames per
/// second of wall time and wraps within the loop (a stride) or the whole stage.
public struct Playback: Sendable, Equatable {
    /// Slow-motion speeds offered, fastest first: 1, 1/2, 1/4, 1/8, 1/16 of real time.
    public static let speeds: [Double] = [1, 0.5, 0.25, 0.125, 0.0625]

    /// Frames in the stage.
    public private(set) var frameCount: Int
    public private(set) var frame = 0
    public private(set) var playing = false
    public private(set) var speedIndex = 2
    /// Frames played in a loop (a stride), or nil for the whole stage.
    public private(set) var loop: ClosedRange<Int>?
    /// The position between frames while playing.
    var playhead = 0.0
    var lastTick: Double?

    public init(frameCount: Int) {
        self.frameCount = max(0, frameCount)
    }

    public var speed: Double { Playback.speeds[speedIndex] }

    /// "1x", "1/4x".
    public var speedLabel: String { speed == 1 ? "1x" : "1/\(Int((1 / speed).rounded()))x" }

    /// A new stage: its frame count, at frame 0, paused, no loop.
    public mutating func reset(frameCount: Int) {
        self.frameCount = max(0, frameCount)
        playing = false
        loop = nil
        seek(0)
    }

    /// Shows frame `n` (clamped to the stage).
    public mutating func seek(_ n: Int) {
        frame = max(0, min(max(0, frameCount - 1), n))
        playhead = Double(frame)
    }

    /// Pauses and moves `n` frames.
    public mutating func step(_ n: Int) {
        playing = false
        seek(frame + n)
    }

    public mutating func pause() { playing = false }

    public mutating func togglePlaying() {
        playing.toggle()
        playhead = Double(frame)
        lastTick = nil
    }

    public mutating func faster() { speedIndex = max(0, speedIndex - 1) }
    public mutating func slower() { speedIndex = min(Playback.speeds.count - 1, speedIndex + 1) }

    /// The first and last frame Home and End go to: the loop's, else the stage's.
    public var firstFrame: Int { loop?.lowerBound ?? 0 }
    public var lastFrame: Int { loop?.upperBound ?? max(0, frameCount - 1) }

    /// Plays `range` in a loop from its start.
    public mutating func play(looping range: ClosedRange<Int>) {
        loop = range
        seek(range.lowerBound)
        playing = true
        lastTick = nil
    }

    /// Ends the loop; returns false if there was none.
    @discardableResult
    public mutating func endLoop() -> Bool {
        guard loop != nil else { return false }
        loop = nil
        return true
    }

    /// Advances playback to wall time `now` (seconds) at `framesPerSecond` of recorded video.
    public mutating func tick(now: Double, framesPerSecond: Double) {
        guard playing, frameCount > 0 else {
            lastTick = now
            return
        }
        let dt = now - (lastTick ?? now)
        lastTick = now
        playhead += dt * framesPerSecond * speed
        let range = loop ?? 0...(frameCount - 1)
        if playhead >= Double(range.upperBound + 1) || playhead < Double(range.lowerBound) {
            playhead = Double(range.lowerBound) // loop
        }
        frame = Int(playhead)
    }
}
