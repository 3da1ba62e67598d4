/// Setup check: the LEDs saturated but small, the background well below them.
///
/// Per labelled LED: its peak (brightest pixel within 4 px) and its saturated area (pixels at 250
/// or more within 12 px). The background: `ExposureLevels` (median and 99.5th percentile of a
/// sparse sample). Dim LEDs ask for a longer exposure or more gain; large saturated spots (bloom:
/// the exposure set for the room, not for the LEDs) or a bright background ask for less.
public enum ExposureCheck {
    /// Saturated pixels per LED above which a spot counts as bloomed, for a picture `height` high
    /// (a disc 1.5 % of the height across: 7 px at 480 lines; a well exposed LED saturates
    /// 10-25 px there, one blooming at 8 times its light over 50).
    public static func bloomArea(height: Int) -> Int {
        let d = 0.015 * Double(height)
        return Int(0.785 * d * d)
    }

    public static func check(view: CameraView, image: LumaImage, markers: MarkerFrame) -> SetupFinding {
        let levels = ExposureLevels.estimate(image)
        var peaks: [Int] = [], areas: [Int] = []
        for case let m? in markers {
            let cx = Int(m.position.x.rounded()), cy = Int(m.position.y.rounded())
            var peak = 0, area = 0
            for y in (cy - 12)...(cy + 12) {
                for x in (cx - 12)...(cx + 12) where image.contains(x: x, y: y) {
                    let v = Int(image[x, y])
                    if abs(x - cx) <= 4 && abs(y - cy) <= 4 { peak = max(peak, v) }
                    if v >= 250 { area += 1 }
                }
            }
            peaks.append(peak)
            areas.append(area)
        }
        func median(_ a: [Int]) -> Int { a.isEmpty ? 0 : a.sorted()[a.count / 2] }
        let peak = median(peaks), area = median(areas)
        let bg = Int(levels.background.rounded()), bright = Int(levels.brightScene.rounded())
        let figures = "LED peak \(peak), \(area) px saturated; background \(bg) (brightest \(bright))"
        guard !peaks.isEmpty else {
            return SetupFinding(view: view, check: "exposure", verdict: .warn, advice: "no LED to measure; background \(bg)")
        }
        if bright >= 200 || bg >= 100 {
            return SetupFinding(view: view, check: "exposure", verdict: .fail,
                                advice: figures + ": background too bright; shorten the exposure (a), lower the gain or dim the room",
                                fix: .shorterExposure(fraction: 0.5))
        }
        if area > bloomArea(height: image.height) {
            return SetupFinding(view: view, check: "exposure", verdict: .warn,
                                advice: figures + ": LEDs bloom; shorten the exposure (a) or lower the gain",
                                fix: .shorterExposure(fraction: 0.5))
        }
        if peak < 230 {
            return SetupFinding(view: view, check: "exposure", verdict: .warn,
                                advice: figures + ": LEDs not saturated; lengthen the exposure (within 2 ms) or raise the gain")
        }
        return SetupFinding(view: view, check: "exposure", verdict: .pass, advice: figures)
    }
}
