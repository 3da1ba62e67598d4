import Foundation

/// How one simulated runner runs at one treadmill stage: speed, cadence, body size, and the
/// joint-angle curves over the gait cycle.
///
/// The default curves follow the shape of mean running kinematics published for recreational
/// runners at about 3 m/s (e.g. Novacheck 1998, Gait Posture 7:77-95; Bramah et al. 2018): knee
/// about 20 degrees at contact and 40 at midstance, peak swing flexion about 105; thigh about 25
/// degrees ahead of vertical at contact and 12 behind near toe-off; ankle dorsiflexion peaking
/// about 20 degrees at midstance; contralateral pelvic drop about 5 degrees. Angles in degrees;
/// curves indexed by percent of the gait cycle from initial contact.
public struct RunnerProfile: Sendable {
    /// Belt speed, metres per second.
    public var speed: Double
    /// Steps per minute (two steps per stride).
    public var cadence: Double
    /// Fraction of the gait cycle in stance (initial contact to toe-off).
    public var stanceFraction: Double
    /// Belt incline, percent grade (rise over run x 100).
    public var inclinePercent: Double

    /// Segment lengths, metres: hip joint to knee joint, knee to ankle, pelvis to shoulder.
    public var thighLength = 0.43
    public var shankLength = 0.42
    public var trunkLength = 0.52
    /// Half the distance between the hip joint centres, metres.
    public var hipHalfWidth = 0.085
    /// Half the distance between the posterior superior iliac spines (the rear view's pelvis
    /// LEDs), metres.
    public var psisHalfSpacing = 0.045
    /// Extra adduction of each whole leg in the frontal plane, degrees (+ feet toward the
    /// midline: a narrower step, a crossover; - a wider one). Step width changes by about
    /// 2 x leg length x sin(this).
    public var legAdduction = 0.0
    /// Where the LEDs sit against their nominal landmarks (`MarkerPlacement.exact` by default).
    public var placement = MarkerPlacement.exact
    /// The stance foot stays where it landed sideways and the pelvis sways over it, as on a real
    /// belt. Off (the default runner): the pelvis stays on the belt's midline and the stance foot
    /// slides sideways a few centimetres as the leg's frontal angles change in stance.
    public var plantedFeet = false
    /// How strides differ from one another (`StrideVariability.none` by default: every stride the
    /// same, as the accuracy tests' ground truth wants; `varying(seed:)` gives a real runner's).
    public var variability = StrideVariability.none

    /// Thigh angle against vertical, + knee ahead of hip.
    public var thigh: GaitCurve
    /// Knee flexion, 0 straight.
    public var knee: GaitCurve
    /// Ankle dorsiflexion relative to standing (shank vertical, foot flat).
    public var ankle: GaitCurve
    /// Forward trunk lean.
    public var trunkLean: GaitCurve
    /// Peak healthy contralateral pelvic drop in stance, degrees.
    public var pelvicDrop: Double
    /// Femur against vertical in the frontal plane, + knee toward the midline.
    public var femurAdduction: GaitCurve
    /// Knee valgus in the frontal plane (shank back out from the femur line).
    public var kneeValgus: GaitCurve

    public init(speed: Double, cadence: Double, stanceFraction: Double, inclinePercent: Double,
                thigh: GaitCurve, knee: GaitCurve, ankle: GaitCurve, trunkLean: GaitCurve,
                pelvicDrop: Double, femurAdduction: GaitCurve, kneeValgus: GaitCurve) {
        self.speed = speed
        self.cadence = cadence
        self.stanceFraction = stanceFraction
        self.inclinePercent = inclinePercent
        self.thigh = thigh
        self.knee = knee
        self.ankle = ankle
        self.trunkLean = trunkLean
        self.pelvicDrop = pelvicDrop
        self.femurAdduction = femurAdduction
        self.kneeValgus = kneeValgus
    }

    /// Level running at 3.0 m/s, 168 steps/min.
    public static let flat = RunnerProfile(
        speed: 3.0, cadence: 168, stanceFraction: 0.38, inclinePercent: 0,
        thigh: GaitCurve([(0, 25), (5, 23), (10, 21), (15, 18), (20, 13), (25, 7), (30, 1), (35, -6), (40, -11),
                          (45, -12), (50, -9), (55, -3), (60, 5), (65, 14), (70, 22), (75, 29), (80, 33),
                          (85, 34), (90, 32), (95, 28)]),
        knee: GaitCurve([(0, 20), (5, 30), (10, 38), (15, 42), (20, 41), (25, 36), (30, 30), (35, 27), (40, 29),
                         (45, 38), (50, 55), (55, 75), (60, 93), (65, 104), (70, 102), (75, 88), (80, 66),
                         (85, 43), (90, 25), (95, 18)]),
        ankle: GaitCurve([(0, 8), (5, 8), (10, 17), (15, 22), (20, 24), (25, 21), (30, 12), (35, -2), (40, -18),
                          (45, -22), (50, -19), (55, -13), (60, -7), (65, -3), (70, 0), (75, 2), (80, 4),
                          (85, 6), (90, 7), (95, 8)]),
        trunkLean: GaitCurve([(0, 6), (12.5, 8.5), (25, 7), (37.5, 5.5), (50, 6), (62.5, 8.5), (75, 7), (87.5, 5.5)]),
        pelvicDrop: 5.0,
        femurAdduction: GaitCurve([(0, 3), (10, 6), (20, 6.5), (30, 4), (40, 1), (55, -1), (70, -1), (85, 1)]),
        kneeValgus: GaitCurve([(0, 1), (10, 3), (20, 3), (30, 2), (40, 0.5), (60, 0), (80, 0), (90, 0.5)]))

    /// The same runner on a 5 % incline: slower belt, slightly higher cadence, more hip flexion at
    /// contact, more ankle dorsiflexion and forward lean, a longer stance.
    public static let incline = RunnerProfile.flat.inclined(percent: 5)

    /// This runner's profile on an incline of `percent` grade.
    public func inclined(percent: Double) -> RunnerProfile {
        var p = self
        let k = percent / 5
        p.inclinePercent = percent
        p.speed = max(1.5, speed - 0.3 * k)
        p.cadence = cadence + 3 * k
        p.stanceFraction = min(0.45, stanceFraction + 0.015 * k)
        p.thigh = thigh.shifted(by: 3 * k)
        p.ankle = ankle.adding(GaitCurve.stanceBump(peakAt: 0.18, width: 0.22), scale: 4 * k)
        p.knee = knee.adding(GaitCurve.stanceBump(peakAt: 0.18, width: 0.22), scale: 3 * k)
        p.trunkLean = trunkLean.shifted(by: 3 * k)
        return p
    }

    /// Stride frequency, strides per second.
    public var strideFrequency: Double { cadence / 120 }
}

extension GaitCurve {
    /// The curve moved up by `delta` everywhere.
    public func shifted(by delta: Double) -> GaitCurve {
        GaitCurve(zip(phases, values).map { ($0 * 100, $1 + delta) })
    }

    /// This curve plus `scale` times `other`, sampled at this curve's keypoints and the other's.
    public func adding(_ other: GaitCurve, scale: Double) -> GaitCurve {
        let keys = Set(phases + other.phases).sorted()
        return GaitCurve(keys.map { ($0 * 100, self($0) + scale * other($0)) })
    }

    /// A smooth bump of height 1 centred at `peakAt` (fraction of cycle) and zero beyond `width`.
    public static func stanceBump(peakAt: Double, width: Double) -> GaitCurve {
        var pts: [(Double, Double)] = []
        for i in 0..<40 {
            let p = Double(i) / 40
            var d = p - peakAt
            if d > 0.5 { d -= 1 }
            if d < -0.5 { d += 1 }
            let x = abs(d) / width
            let v = x >= 1 ? 0 : 0.5 * (1 + cosPi(x))
            pts.append((p * 100, v))
        }
        return GaitCurve(pts)
    }
}

@inline(__always) func cosPi(_ x: Double) -> Double {
    cos(Double.pi * x)
}
