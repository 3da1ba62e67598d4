import Foundation

/// How a simulated camera's picture departs from a perfect one: what real USB cameras at a
/// treadmill give (issue #12, item 5; docs/simulated-runner.md "Camera pictures").
///
/// - `exposureMilliseconds`: the shutter is open this long, centred on the frame's time, so a
///   moving LED is drawn as the streak it sweeps (a foot in swing moves up to 10 m/s: 4 cm in
///   4 ms). 0 draws the instant.
/// - `gain`: the sensor's analogue gain against the set-up, with the shutter shortened to keep
///   the picture's level (what auto-exposure does): the sensor noise grows with it (sigma 1.8
///   grey levels times the gain), the scene stays as bright.
/// - `bloom`: the LEDs' light against the set-up (LEDs nearer the lens, or the exposure set for
///   the room): their saturated core and their halo grow with it, the scene does not.
/// - `flickerHertz`, `flickerDepth`: the room's lamps flicker at this frequency (100 Hz on 50 Hz
///   mains, 120 Hz on 60 Hz) by this fraction of their light, peak; the scene's brightness is
///   their mean over the exposure, the LEDs (battery driven) do not flicker.
/// - `jpegQuality`: the picture is sent as a JPEG of this IJG quality (1-100), as MJPEG cameras
///   do, and decoded again before tracking; nil sends it uncompressed.
public struct CameraPicture: Sendable, Hashable, CustomStringConvertible {
    public var exposureMilliseconds: Double
    public var gain: Double
    public var bloom: Double
    public var jpegQuality: Int?
    public var flickerHertz: Double
    public var flickerDepth: Double

    public init(exposureMilliseconds: Double = 0, gain: Double = 1, bloom: Double = 1, jpegQuality: Int? = nil,
                flickerHertz: Double = 0, flickerDepth: Double = 0) {
        self.exposureMilliseconds = exposureMilliseconds
        self.gain = gain
        self.bloom = bloom
        self.jpegQuality = jpegQuality
        self.flickerHertz = flickerHertz
        self.flickerDepth = flickerDepth
    }

    /// The room light's level at frame time `t` (seconds), relative to its mean: the flicker
    /// averaged over the exposure centred on `t` (1 without flicker).
    public func sceneLight(at t: Double) -> Double {
        guard flickerHertz > 0, flickerDepth > 0 else { return 1 }
        let w = 2 * Double.pi * flickerHertz
        let e = exposureMilliseconds / 1000
        guard e > 0 else { return 1 + flickerDepth * cos(w * t) }
        return 1 + flickerDepth * (sin(w * (t + e / 2)) - sin(w * (t - e / 2))) / (w * e)
    }

    /// The perfect picture the simulator has always drawn.
    public static let ideal = CameraPicture()

    /// Noise of the sensor at gain 1, grey levels (the simulated cameras' long-standing figure).
    public static let baseNoiseSigma = 1.8

    public var noiseSigma: Double { CameraPicture.baseNoiseSigma * gain }

    /// Sub-positions drawn along a streak: one per quarter pixel of travel, at most this many.
    static let maximumStreakSamples = 48

    public var description: String {
        var parts: [String] = []
        if exposureMilliseconds > 0 { parts.append("exposure \(exposureMilliseconds) ms") }
        if gain != 1 { parts.append("gain \(gain)x") }
        if bloom != 1 { parts.append("bloom \(bloom)x") }
        if flickerHertz > 0 { parts.append("\(Int(flickerHertz)) Hz flicker \(Int(flickerDepth * 100)) %") }
        if let q = jpegQuality { parts.append("JPEG q\(q)") }
        return parts.isEmpty ? "ideal" : parts.joined(separator: ", ")
    }
}
