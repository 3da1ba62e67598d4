/// Deterministic pseudo-random numbers and a table of Gaussian sensor noise.
///
/// SplitMix64 seeds everything, so a seed reproduces a run exactly; per frame, the noise is read
/// from a long precomputed table at a pseudo-random offset, which costs one add per pixel.
public struct SplitMix64: Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0) }

    /// Standard normal (Box-Muller).
    public mutating func gaussian() -> Double {
        let u1 = max(unit(), 1e-300), u2 = unit()
        return (-2 * _log(u1)).squareRoot() * _cos(2 * .pi * u2)
    }
}

/// Gaussian noise samples (rounded to grey levels) for one camera's frames.
public struct NoiseTable: Sendable {
    public let sigma: Double
    let samples: [Int16]

    public init(sigma: Double, seed: UInt64, count: Int = 1 << 20) {
        self.sigma = sigma
        var rng = SplitMix64(seed: seed)
        samples = (0..<count).map { _ in Int16((rng.gaussian() * sigma).rounded()) }
    }

    /// A start offset for frame `n` (deterministic).
    public func offset(frame n: UInt64, salt: UInt64) -> Int {
        var r = SplitMix64(seed: n &* 0x9E37_79B9 ^ salt)
        return Int(r.next() % UInt64(samples.count))
    }
}

import Foundation

@inline(__always) func _log(_ x: Double) -> Double { log(x) }
@inline(__always) func _cos(_ x: Double) -> Double { cos(x) }
