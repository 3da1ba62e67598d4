import Foundation
public import MarkerTracker

/// How much a simulated runner's strides differ from one another: each stride of each leg gets
/// its own seeded offsets to the joint-angle curves, drawn from normal distributions with these
/// standard deviations (degrees).
///
/// A stride's offset holds from mid-swing before its initial contact (85 % of the cycle before)
/// through its stance, and gives way to the next stride's in the middle of the swing (55 to 85 %
/// of the cycle, a smootherstep: no jump in angle, speed or acceleration), so the curves stay
/// smooth and nothing moves differently around contact, where the event detectors look for the
/// heel's impact. A stance value (knee at contact, peak pelvic drop...) then varies from stride
/// to stride by exactly the offset's SD. The default runner is exactly periodic (`none`); `typical` is the size real
/// runners show (docs/simulated-runner.md gives the sources). Deterministic: the same `seed`
/// gives the same offsets, stride for stride.
public struct StrideVariability: Sendable, Equatable {
    /// The curves that vary, each with its own offsets.
    public enum Curve: Int, Sendable, CaseIterable {
        case thigh, knee, ankle, trunkLean, pelvicDrop, femurAdduction
    }

    public var thigh: Double
    public var knee: Double
    public var ankle: Double
    public var trunkLean: Double
    /// SD of each stance's peak contralateral pelvic drop.
    public var pelvicDrop: Double
    public var femurAdduction: Double
    /// Seed of the offsets.
    public var seed: UInt64

    public init(thigh: Double, knee: Double, ankle: Double, trunkLean: Double, pelvicDrop: Double, femurAdduction: Double,
                seed: UInt64 = 1) {
        self.thigh = thigh
        self.knee = knee
        self.ankle = ankle
        self.trunkLean = trunkLean
        self.pelvicDrop = pelvicDrop
        self.femurAdduction = femurAdduction
        self.seed = seed
    }

    /// Every stride the same (the default runner, and the accuracy tests' ground truth).
    public static let none = StrideVariability(thigh: 0, knee: 0, ankle: 0, trunkLean: 0, pelvicDrop: 0, femurAdduction: 0)

    /// Stride-to-stride SDs of the size recreational runners show on a treadmill: about 1-2
    /// degrees for sagittal joint angles, under 1 degree for frontal-plane pelvis and hip.
    public static func typical(seed: UInt64) -> StrideVariability {
        StrideVariability(thigh: 1.0, knee: 1.5, ankle: 1.5, trunkLean: 0.8, pelvicDrop: 0.7, femurAdduction: 0.8, seed: seed)
    }

    /// No curve varies.
    public var isNone: Bool { Curve.allCases.allSatisfy { standardDeviation($0) == 0 } }

    /// The SD of `curve`.
    public func standardDeviation(_ curve: Curve) -> Double {
        switch curve {
        case .thigh: thigh
        case .knee: knee
        case .ankle: ankle
        case .trunkLean: trunkLean
        case .pelvicDrop: pelvicDrop
        case .femurAdduction: femurAdduction
        }
    }

    /// The offset of `curve` for `side`'s stride number `stride` (the leg's cycles since the run began).
    public func offset(_ curve: Curve, _ side: BodySide, stride: Int) -> Double {
        let sd = standardDeviation(curve)
        guard sd != 0 else { return 0 }
        var key = seed &* 0x9E37_79B9_7F4A_7C15
        key ^= UInt64(curve.rawValue + 1) &* 0xBF58_476D_1CE4_E5B9
        key ^= UInt64(side == .left ? 1 : 2) &* 0x94D0_49BB_1331_11EB
        key ^= UInt64(bitPattern: Int64(stride)) &* 0xD6E8_FEB8_6659_FD93
        var rng = SplitMix64(seed: key)
        _ = rng.next()
        return sd * rng.gaussian()
    }

    /// Where in the cycle one stride's offset gives way to the next's (mid-swing).
    public static let blend = 0.55...0.85

    /// The offset at a leg's unwrapped phase `u` (cycles): stride `floor(u)`'s offset, blended
    /// into the next stride's over `blend` (a smootherstep, 6x⁵ - 15x⁴ + 10x³).
    public func offset(_ curve: Curve, _ side: BodySide, unwrappedPhase u: Double) -> Double {
        guard standardDeviation(curve) != 0 else { return 0 }
        let k = u.rounded(.down)
        let f = u - k
        let b = StrideVariability.blend
        let here = offset(curve, side, stride: Int(k))
        guard f > b.lowerBound else { return here }
        let next = offset(curve, side, stride: Int(k) + 1)
        guard f < b.upperBound else { return next }
        let x = (f - b.lowerBound) / (b.upperBound - b.lowerBound)
        let w = x * x * x * (x * (6 * x - 15) + 10)
        return here + (next - here) * w
    }
}
