/// Smoothed derivatives of a uniformly sampled signal by local least-squares quadratic fits
/// (Savitzky-Golay), per sample, in units per sample and per sample squared.
///
/// A quadratic fitted over the 2K+1 samples around the centre: its slope is the first derivative
/// and twice its leading coefficient the second. Symmetric, so a peak of the derivative stays at
/// the sample where it happens (no lag); the caller supplies the samples through a closure and
/// gets nil when any of them is missing.
public enum SavitzkyGolay {
    /// Second derivative at the centre of `2k+1` samples `value(-k) ... value(k)`.
    @inlinable
    public static func secondDerivative(halfWidth k: Int, _ value: (Int) -> Double?) -> Double? {
        let m = Double(k * (k + 1)) / 3
        var num = 0.0, den = 0.0
        for j in -k...k {
            guard let v = value(j) else { return nil }
            let w = Double(j * j) - m
            num += w * v
            den += w * w
        }
        return den > 0 ? 2 * num / den : nil
    }

    /// First derivative at the centre of `2k+1` samples.
    @inlinable
    public static func firstDerivative(halfWidth k: Int, _ value: (Int) -> Double?) -> Double? {
        var num = 0.0, den = 0.0
        for j in -k...k {
            guard let v = value(j) else { return nil }
            num += Double(j) * v
            den += Double(j * j)
        }
        return den > 0 ? num / den : nil
    }
}
