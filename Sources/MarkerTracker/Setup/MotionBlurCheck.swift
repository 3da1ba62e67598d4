/// Setup check: motion blur. While the shutter is open a moving LED sweeps a streak; its length
/// is the marker's speed times the exposure time. A streak long against the spot makes the blob
/// detector take the LED for a reflection (too elongated) and dims it below saturation, and the
/// swing foot is the fastest LED (up to 10 m/s: 1,800 px/s at 480 lines), so the check reads the
/// fast LEDs while the athlete runs.
///
/// The streak is measured from the spot itself: the light's spread along the marker's motion
/// (from the previous frame) against its spread across, `L = sqrt(12 (var_along - var_across))`
/// for a uniform sweep of a round spot. Its length over the speed gives the exposure time. Sport
/// video uses 1/500-1/1000 s shutters for running feet; longer than `longestExposure` with a
/// streak over `longestStreak` px asks for a shorter exposure.
public enum MotionBlurCheck {
    /// Exposure (seconds) above which fast LEDs streak enough to matter: 1/500 s.
    public static let longestExposure = 0.002
    /// Streak (pixels) below which nothing is advised, whatever the exposure.
    public static let longestStreak = 3.0
    /// LEDs slower than this (pixels per frame) are not measured: their streak is too short to
    /// tell from the spot's own shape.
    public static let fastest = 3.0
    /// Half the side of the window the spot is measured in, pixels.
    static let radius = 10

    /// The streak length (pixels) of the LED at `at` moving along `direction` (any length), or
    /// nil when no spot stands out there. `border` is scratch space, kept by the caller so that
    /// the capture thread does not allocate for every LED of every frame.
    public static func streak(in image: LumaImage, at p: Point, direction: Point, border: inout [Int]) -> Double? {
        let len = direction.length
        guard len > 0 else { return nil }
        let u = direction / len
        let cx = Int(p.x.rounded()), cy = Int(p.y.rounded())
        let r = radius
        guard cx - r >= 0, cy - r >= 0, cx + r < image.width, cy + r < image.height else { return nil }
        // Background: the darkest quarter of the window's border; weights above half-way to the peak.
        border.removeAll(keepingCapacity: true)
        var peak = 0
        for y in (cy - r)...(cy + r) {
            for x in (cx - r)...(cx + r) {
                let v = Int(image[x, y])
                if abs(x - cx) == r || abs(y - cy) == r { border.append(v) }
                if v > peak { peak = v }
            }
        }
        border.sort()
        let bg = Double(border[border.count / 4])
        let floor = bg + 0.3 * (Double(peak) - bg)
        guard Double(peak) - bg >= 40 else { return nil }
        var w = 0.0, mx = 0.0, my = 0.0
        var sxx = 0.0, syy = 0.0, sxy = 0.0
        for y in (cy - r)...(cy + r) {
            for x in (cx - r)...(cx + r) {
                let v = Double(image[x, y]) - floor
                guard v > 0 else { continue }
                let dx = Double(x - cx), dy = Double(y - cy)
                w += v
                mx += v * dx
                my += v * dy
                sxx += v * dx * dx
                syy += v * dy * dy
                sxy += v * dx * dy
            }
        }
        guard w > 0 else { return nil }
        mx /= w
        my /= w
        let vxx = sxx / w - mx * mx, vyy = syy / w - my * my, vxy = sxy / w - mx * my
        let along = u.x * u.x * vxx + 2 * u.x * u.y * vxy + u.y * u.y * vyy
        let across = u.y * u.y * vxx - 2 * u.x * u.y * vxy + u.x * u.x * vyy
        return (12 * max(0, along - across)).squareRoot()
    }

    /// The verdict from the streaks measured lately: (length px, speed px per frame), at `fps`.
    public static func check(view: CameraView, streaks: [(length: Double, speed: Double)], framesPerSecond fps: Double) -> SetupFinding {
        let fast = streaks.filter { $0.speed >= fastest }
        guard fast.count >= 5, fps > 0 else {
            return SetupFinding(view: view, check: "motion blur", verdict: .pass,
                                advice: "measured while the athlete runs (no fast LED yet)")
        }
        // The exposure each streak implies; the median is robust to a spot merged with another.
        let exposures = fast.map { $0.length / ($0.speed * fps) }.sorted()
        let exposure = exposures[exposures.count / 2]
        let longest = fast.map(\.length).sorted()[fast.count * 9 / 10]
        let ms = Int((exposure * 10_000).rounded())
        let figures = "fast LEDs streak up to \(Int(longest.rounded())) px, exposure about \(ms / 10).\(ms % 10) ms"
        guard exposure > longestExposure, longest > longestStreak else {
            return SetupFinding(view: view, check: "motion blur", verdict: .pass, advice: figures)
        }
        let fraction = max(0.1, longestExposure / exposure)
        return SetupFinding(view: view, check: "motion blur", verdict: .warn,
                            advice: figures + ": shorten the exposure to 2 ms (1/500 s) or less, raising the gain or the light (a)",
                            fix: .shorterExposure(fraction: fraction))
    }
}
