/// Background brightness, sensor noise and the LED detection threshold of one camera.
///
/// Estimated from a sparse sample of the frame (every 8th pixel of every 8th row), so it follows
/// exposure and gain changes; the threshold sits between the brightest background and the LEDs'
/// own peak brightness (fed back from the blobs found), never closer than `minimumContrast` to the
/// background. Saturated samples (LED cores, a window, a lamp) are not background: large bright
/// areas are rejected by shape in `BlobDetector`, not by raising the threshold.
public struct ExposureLevels: Sendable, Equatable {
    /// Median background brightness (0-255).
    public var background: Double
    /// Robust noise sigma of the background, in grey levels.
    public var noise: Double
    /// Brightest ordinary (non-LED) scene level: the 99.5th percentile of the sample.
    public var brightScene: Double
    /// Brightness a pixel needs to belong to an LED blob.
    public var threshold: UInt8

    public static let minimumContrast = 24.0
    /// Sample values from here up count as saturated (LED cores, glare) and are not scene.
    static let saturation = 240

    public init(background: Double, noise: Double, brightScene: Double, threshold: UInt8) {
        self.background = background
        self.noise = noise
        self.brightScene = brightScene
        self.threshold = threshold
    }

    /// Levels from a sparse sample of `image`; `ledPeak` is the typical peak brightness of the
    /// LEDs seen recently (255 when unknown: LEDs usually saturate).
    public static func estimate(_ image: LumaImage, ledPeak: Double = 255) -> ExposureLevels {
        var histogram: [Int] = []
        return estimate(image, ledPeak: ledPeak, histogram: &histogram)
    }

    /// The same, counting into `histogram` (reused between calls so a tracker allocates nothing).
    public static func estimate(_ image: LumaImage, ledPeak: Double = 255, histogram: inout [Int]) -> ExposureLevels {
        histogram.removeAll(keepingCapacity: true)
        histogram.append(contentsOf: repeatElement(0, count: 256))
        var samples = 0
        var y = 4
        while y < image.height {
            let row = y * image.stride
            var x = 4
            while x < image.width {
                histogram[Int(image.pixels[row + x])] += 1
                samples += 1
                x += 8
            }
            y += 8
        }
        if samples == 0 { return ExposureLevels(background: 0, noise: 0, brightScene: 0, threshold: 128) }
        // Saturated pixels are LEDs or glare (a window, a lamp): no threshold can tell them from
        // LEDs, the blob shape does. They are left out so a bright window cannot lift the
        // threshold above the LEDs.
        for v in saturation..<256 {
            samples -= histogram[v]
            histogram[v] = 0
        }
        if samples == 0 { return ExposureLevels(background: 255, noise: 0, brightScene: 255, threshold: 250) }
        func percentile(_ p: Double) -> Double {
            let target = Int((Double(samples) * p).rounded(.down))
            var acc = 0
            for v in 0..<256 {
                acc += histogram[v]
                if acc > target { return Double(v) }
            }
            return 255
        }
        let median = percentile(0.5)
        let p16 = percentile(0.16), p84 = percentile(0.84)
        // The scene itself (silhouette, belt) widens p16..p84; clamp to a plausible sensor noise.
        let noise = min(12, max(0.5, (p84 - p16) / 2))
        let bright = percentile(0.995)
        return ExposureLevels(background: median, noise: noise, brightScene: bright,
                              threshold: threshold(brightScene: bright, noise: noise, ledPeak: ledPeak))
    }

    static func threshold(brightScene: Double, noise: Double, ledPeak: Double) -> UInt8 {
        let floor = brightScene + max(minimumContrast, 6 * noise)
        let midway = brightScene + 0.45 * (max(ledPeak, floor) - brightScene)
        let t = max(floor, midway)
        return UInt8(clamping: Int(min(250, t).rounded()))
    }
}
