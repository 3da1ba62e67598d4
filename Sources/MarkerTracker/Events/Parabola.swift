/// A least-squares parabola y = a + b (x - x0) + c (x - x0)^2 through samples at integer positions:
/// the flight path of the pelvis between toe-off and the next contact.
struct Parabola: Sendable {
    let x0: Double
    let a: Double
    let b: Double
    let c: Double

    /// Fits the samples `value(i)` for `i` in `range`; nil if one is missing or fewer than 3.
    init?(fitting range: ClosedRange<Int>, _ value: (Int) -> Double?) {
        guard range.count >= 3 else { return nil }
        x0 = Double(range.lowerBound + range.upperBound) / 2
        // Normal equations in centred x (odd moments vanish).
        var s0 = 0.0, s2 = 0.0, s4 = 0.0, t0 = 0.0, t1 = 0.0, t2 = 0.0
        for i in range {
            guard let y = value(i) else { return nil }
            let x = Double(i) - x0, x2 = x * x
            s0 += 1; s2 += x2; s4 += x2 * x2
            t0 += y; t1 += x * y; t2 += x2 * y
        }
        let det = s0 * s4 - s2 * s2
        guard det != 0, s2 != 0 else { return nil }
        b = t1 / s2
        c = (s0 * t2 - s2 * t0) / det
        a = (t0 - c * s2) / s0
    }

    func callAsFunction(_ i: Int) -> Double {
        let x = Double(i) - x0
        return a + b * x + c * x * x
    }
}
