/// Setup check: mains flicker. Lamps on alternating current flicker at twice the mains frequency
/// (100 Hz on 50 Hz mains, 120 Hz on 60 Hz); a camera sampling at `fps` sees that as a beat at
/// the alias frequency |F - k fps| (20 Hz at 120 fps under 100 Hz light). The background's mean
/// brightness (`PictureMeter`) is projected on both candidate beats over the last seconds; a
/// modulation above `threshold` of the mean asks for the camera's power-line frequency control
/// (which sets the exposure to a whole number of light periods) or flicker-free lights.
///
/// A beat slower than `slowestBeat` cannot be told from the athlete's motion in two seconds: at a
/// frame rate that is a multiple of the light's frequency the flicker is sampled in the same
/// phase every frame and that lamp is not checked.
public enum FlickerCheck {
    /// Modulation of the background's mean, peak over mean, that counts as flicker.
    public static let threshold = 0.01
    /// Beats slower than this are left unchecked (the runner's own motion is below 10 Hz, but
    /// a 2 s window cannot resolve a beat of under 1 Hz).
    public static let slowestBeat = 2.0
    /// Mains frequencies and the flicker of their lamps.
    public static let mains: [(mains: Int, light: Double)] = [(50, 100), (60, 120)]

    /// The beat a camera at `fps` sees of light flickering at `light` Hz.
    public static func beat(light: Double, framesPerSecond fps: Double) -> Double {
        guard fps > 0 else { return 0 }
        let k = (light / fps).rounded()
        return abs(light - k * fps)
    }

    /// Peak modulation (relative to the mean) of `levels` at `frequency` Hz: the amplitude of the
    /// least-squares sinusoid of that frequency through the samples (times in seconds).
    public static func modulation(_ levels: [(time: Double, level: Double)], at frequency: Double) -> Double {
        guard levels.count >= 8 else { return 0 }
        var mean = 0.0
        for s in levels { mean += s.level }
        mean /= Double(levels.count)
        guard mean > 0 else { return 0 }
        // Projection on cos and sin (the samples are nearly uniform over many periods).
        var c = 0.0, s = 0.0, cc = 0.0, ss = 0.0
        let t0 = levels[0].time
        for x in levels {
            let phase = 2 * Double.pi * frequency * (x.time - t0)
            let co = Trig.cos(phase), si = Trig.sin(phase)
            let d = x.level - mean
            c += d * co
            s += d * si
            cc += co * co
            ss += si * si
        }
        let a = cc > 0 ? c / cc : 0, b = ss > 0 ? s / ss : 0
        return (a * a + b * b).squareRoot() / mean
    }

    /// The camera's frame rate from the samples' times: the mean of the single-frame intervals
    /// (those within a quarter of the 20th-percentile interval), which frames lost in between do
    /// not change (they only make some intervals two or three frames long); nil with too few.
    public static func frameRate(_ levels: [(time: Double, level: Double)]) -> Double? {
        guard levels.count >= 3 else { return nil }
        var d: [Double] = []
        d.reserveCapacity(levels.count - 1)
        for i in 1..<levels.count where levels[i].time > levels[i - 1].time { d.append(levels[i].time - levels[i - 1].time) }
        guard !d.isEmpty else { return nil }
        d.sort()
        let base = d[d.count / 5]
        var sum = 0.0, n = 0
        for x in d where abs(x - base) <= 0.25 * base {
            sum += x
            n += 1
        }
        return n > 0 ? Double(n) / sum : 1 / base
    }

    /// The verdict on `levels` (the background's mean per frame, `PictureMeter`); the frame rate
    /// is read from their times, `framesPerSecond` only when they are too few.
    public static func check(view: CameraView, levels: [(time: Double, level: Double)], framesPerSecond nominal: Double) -> SetupFinding {
        let fps = frameRate(levels) ?? nominal
        guard levels.count >= 16, let first = levels.first, let last = levels.last,
              last.time - first.time >= 1 else {
            return SetupFinding(view: view, check: "flicker", verdict: .pass, advice: "measuring the background's brightness")
        }
        var worst: (mains: Int, beat: Double, depth: Double)?
        var unchecked: [Int] = []
        for (mainsHz, light) in mains {
            let f = beat(light: light, framesPerSecond: fps)
            guard f >= slowestBeat else { unchecked.append(mainsHz); continue }
            let depth = modulation(levels, at: f)
            if depth > (worst?.depth ?? 0) { worst = (mainsHz, f, depth) }
        }
        let fpsText = "\(Int(fps.rounded())) fps"
        guard let worst, worst.depth >= threshold else {
            let notSeen = unchecked.isEmpty ? "" : "; \(unchecked.map { "\($0) Hz" }.joined(separator: ", ")) lights beat too slowly to see at \(fpsText)"
            let depth = worst.map { ", \(Self.percent($0.depth)) %" } ?? ""
            return SetupFinding(view: view, check: "flicker", verdict: .pass, advice: "no flicker beat\(depth)\(notSeen)")
        }
        return SetupFinding(view: view, check: "flicker", verdict: .warn,
                            advice: "background beats at \(Int(worst.beat.rounded())) Hz, \(Self.percent(worst.depth)) % "
                                + "(lights on \(worst.mains) Hz mains): set power_line_frequency to \(worst.mains) Hz (a), or use flicker-free lights",
                            fix: .powerLine(hertz: worst.mains))
    }

    static func percent(_ x: Double) -> String {
        let tenths = Int((x * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
