/// Elementary functions for MarkerTracker, which must not import Foundation or Glibc.
///
/// The standard library has no `atan2`, `sin` or `cos`; these are accurate to a few ulp over the
/// ranges the tracker uses (argument reduction plus minimax polynomials), which is far below the
/// 0.01 degree resolution any result is reported at.
public enum Trig {
    /// Arc tangent of y/x in radians, in (-pi, pi].
    @inlinable public static func atan2(_ y: Double, _ x: Double) -> Double {
        if x == 0 && y == 0 { return 0 }
        let ax = abs(x), ay = abs(y)
        var a: Double
        if ax >= ay {
            a = atanUnit(ay / ax)
        } else {
            a = Double.pi / 2 - atanUnit(ax / ay)
        }
        if x < 0 { a = Double.pi - a }
        return y < 0 ? -a : a
    }

    /// atan(t) for t in [0, 1], via a half-angle reduction and a Taylor/minimax series.
    @inlinable static func atanUnit(_ t: Double) -> Double {
        // Reduce: atan(t) = 2 atan(t / (1 + sqrt(1 + t^2))) twice -> |u| <= tan(pi/16) ~ 0.199.
        var u = t
        u = u / (1 + (1 + u * u).squareRoot())
        u = u / (1 + (1 + u * u).squareRoot())
        let u2 = u * u
        // atan series up to u^23: error < 0.2^25/25 ~ 1e-19.
        var s = 1.0 / 23.0
        s = 1.0 / 21.0 - u2 * s
        s = 1.0 / 19.0 - u2 * s
        s = 1.0 / 17.0 - u2 * s
        s = 1.0 / 15.0 - u2 * s
        s = 1.0 / 13.0 - u2 * s
        s = 1.0 / 11.0 - u2 * s
        s = 1.0 / 9.0 - u2 * s
        s = 1.0 / 7.0 - u2 * s
        s = 1.0 / 5.0 - u2 * s
        s = 1.0 / 3.0 - u2 * s
        s = 1.0 - u2 * s
        return 4 * u * s
    }

    /// Sine of an angle in radians.
    @inlinable public static func sin(_ x: Double) -> Double {
        let (r, q) = reduce(x)
        switch q & 3 {
        case 0: return sinKernel(r)
        case 1: return cosKernel(r)
        case 2: return -sinKernel(r)
        default: return -cosKernel(r)
        }
    }

    /// Cosine of an angle in radians.
    @inlinable public static func cos(_ x: Double) -> Double {
        let (r, q) = reduce(x)
        switch q & 3 {
        case 0: return cosKernel(r)
        case 1: return -sinKernel(r)
        case 2: return -cosKernel(r)
        default: return sinKernel(r)
        }
    }

    /// e^x, accurate to a few ulp for |x| < 700 (0 below -745, infinity above 709).
    @inlinable public static func exp(_ x: Double) -> Double {
        if x < -745 { return 0 }
        if x > 709 { return .infinity }
        // x = k ln 2 + r with |r| <= ln2 / 2; e^r by its Taylor series to r^13 (error < 1e-17).
        let ln2Hi = 6.93147180369123816490e-01, ln2Lo = 1.90821492927058770002e-10
        let k = (x * 1.4426950408889634).rounded()
        let r = (x - k * ln2Hi) - k * ln2Lo
        var t = 1.0 / 6_227_020_800.0 // 1/13!
        t = 1.0 / 479_001_600.0 + r * t
        t = 1.0 / 39_916_800.0 + r * t
        t = 1.0 / 3_628_800.0 + r * t
        t = 1.0 / 362_880.0 + r * t
        t = 1.0 / 40320.0 + r * t
        t = 1.0 / 5040.0 + r * t
        t = 1.0 / 720.0 + r * t
        t = 1.0 / 120.0 + r * t
        t = 1.0 / 24.0 + r * t
        t = 1.0 / 6.0 + r * t
        t = 0.5 + r * t
        t = 1.0 + r * t
        let er = 1.0 + r * t
        let n = Int(k)
        // 2^n in two steps so subnormal and large results stay exact.
        let half = n / 2
        return er * Double(sign: .plus, exponent: half, significand: 1)
            * Double(sign: .plus, exponent: n - half, significand: 1)
    }

    /// Natural logarithm of x > 0 (nan for x <= 0 or nan), to a few ulp: x = m 2^e with m in
    /// [1, 2), ln m = 2 atanh((m - 1) / (m + 1)) by its series (|z| < 1/3, 20 terms).
    @inlinable public static func log(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return x == .infinity ? .infinity : .nan }
        let e = Double(x.exponent)
        let m = x.significand
        let z = (m - 1) / (m + 1), z2 = z * z
        var sum = 0.0, term = z
        for k in 0..<20 {
            sum += term / Double(2 * k + 1)
            term *= z2
        }
        return e * 0.6931471805599453 + 2 * sum
    }

    /// x to the power y for x > 0 (e^(y ln x)).
    @inlinable public static func pow(_ x: Double, _ y: Double) -> Double { exp(y * log(x)) }

    /// Sine of an angle in degrees.
    @inlinable public static func sinDeg(_ d: Double) -> Double { sin(d * Double.pi / 180) }
    /// Cosine of an angle in degrees.
    @inlinable public static func cosDeg(_ d: Double) -> Double { cos(d * Double.pi / 180) }

    /// x = r + q * pi/2 with |r| <= pi/4 (Cody-Waite with a two-part pi/2; fine for |x| < 1e6).
    @inlinable static func reduce(_ x: Double) -> (Double, Int) {
        let q = (x * (2 / Double.pi)).rounded()
        let p1 = 1.5707963267341256e+00
        let p2 = 6.0771005065061922e-11
        let p3 = 2.0222662487959506e-21
        let r = ((x - q * p1) - q * p2) - q * p3
        return (r, Int(q))
    }

    @inlinable static func sinKernel(_ x: Double) -> Double {
        let x2 = x * x
        var s = -1.0 / 1_307_674_368_000.0 // -1/15!
        s = 1.0 / 6_227_020_800.0 + x2 * s // 1/13!
        s = -1.0 / 39_916_800.0 + x2 * s
        s = 1.0 / 362_880.0 + x2 * s
        s = -1.0 / 5040.0 + x2 * s
        s = 1.0 / 120.0 + x2 * s
        s = -1.0 / 6.0 + x2 * s
        return x + x * x2 * s
    }

    @inlinable static func cosKernel(_ x: Double) -> Double {
        let x2 = x * x
        var c = 1.0 / 20_922_789_888_000.0 // 1/16!
        c = -1.0 / 87_178_291_200.0 + x2 * c // -1/14!
        c = 1.0 / 479_001_600.0 + x2 * c
        c = -1.0 / 3_628_800.0 + x2 * c
        c = 1.0 / 40320.0 + x2 * c
        c = -1.0 / 720.0 + x2 * c
        c = 1.0 / 24.0 + x2 * c
        c = -0.5 + x2 * c
        return 1 + x2 * c
    }
}
