/// The time between two frames as V4L2 gives it: a fraction of a second (1/30 = 30 fps).
public struct FrameInterval: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var numerator: UInt32
    public var denominator: UInt32

    public init(numerator: UInt32, denominator: UInt32) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The interval closest to `fps` frames per second with a small denominator (1/120, 1001/30000).
    public init(framesPerSecond fps: Double) {
        if abs(fps - fps.rounded()) < 1e-6 {
            self.init(numerator: 1, denominator: UInt32(max(1, fps.rounded())))
        } else {
            self.init(numerator: 1000, denominator: UInt32(max(1, (fps * 1000).rounded())))
        }
    }

    public var framesPerSecond: Double {
        numerator == 0 ? 0 : Double(denominator) / Double(numerator)
    }

    public static func < (a: FrameInterval, b: FrameInterval) -> Bool {
        a.framesPerSecond > b.framesPerSecond // shorter interval first
    }

    public var description: String {
        let fps = framesPerSecond
        return abs(fps - fps.rounded()) < 0.005 ? "\(Int(fps.rounded()))" : String(Double(Int(fps * 100)) / 100)
    }
}
