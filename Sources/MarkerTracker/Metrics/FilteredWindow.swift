/// The angles of a stretch of frames after zero-lag filtering, for taking one stride's metrics.
///
/// Filters from a little before the stride's first frame to the newest frame held (the detector's
/// look-ahead), so the stride's own frames are clear of the filter's end effects.
struct FilteredWindow {
    let start: Int
    private var series: [AngleKind: [Double?]] = [:]

    init(ring: SampleRing<StrideSample>, from a: Int, to b: Int, frameRate: Double?) {
        let rate = frameRate ?? 120
        let pad = Int((0.15 * rate).rounded())
        start = max(ring.first, a - pad)
        let end = ring.count - 1
        let filter = ZeroLagLowPass(cutoffHz: AngleSeriesFilter.reviewCutoffHz, sampleRateHz: rate)
        for k in AngleKind.allCases {
            var raw: [Double?] = []
            raw.reserveCapacity(end - start + 1)
            var any = false
            for i in start...end {
                let v = ring[i].angles[k]
                raw.append(v)
                if v != nil && i >= a && i <= b { any = true }
            }
            if any { series[k] = filter(raw) }
        }
    }

    /// The filtered angle at sample `i`.
    subscript(kind: AngleKind, i: Int) -> Double? {
        guard let s = series[kind], i >= start, i - start < s.count else { return nil }
        return s[i - start]
    }

    /// The filtered angle `fraction` of a frame before sample `i` (0 ... 1), linearly between
    /// `i - 1` and `i`: an event's value at its own time, between frames. Sample `i` alone
    /// when `i - 1` is not measured.
    func value(_ kind: AngleKind, _ i: Int, before fraction: Double) -> Double? {
        guard let b = self[kind, i] else { return nil }
        guard fraction > 0, let a = self[kind, i - 1] else { return b }
        return b + (a - b) * min(1, fraction)
    }

    /// The largest of `sign` x the angle over `range`, if at least half of it was measured.
    func maximum(_ kind: AngleKind, _ range: ClosedRange<Int>, sign: Double = 1) -> Double? {
        var best: Double?
        var seen = 0
        for i in range {
            guard let v = self[kind, i] else { continue }
            seen += 1
            if sign * v > (best ?? -.infinity) { best = sign * v }
        }
        return seen * 2 >= range.count ? best : nil
    }
}
