import Foundation
public import MarkerTracker

/// The simulated runners gaitlive's tracker must handle: seeded draws over body build, running
/// style and camera set-up, each within the ranges below (sources in docs/simulated-runner.md).
///
/// A runner is its seed: `runner(seed:)` always draws the same one. Seeds are split once and
/// for all into a tuning set, which may be looked at while changing the tracker, and a held-out
/// set, which is only ever measured (issue #12, item 6): `gaitlive bench accuracy --population N
/// --seed S` runs seeds S..<S+N and says which set they belong to.
public enum RunnerPopulation {
    /// Seeds that may be used while tuning the tracker.
    public static let tuningSeeds: ClosedRange<UInt64> = 1...999
    /// Seeds kept out of all tuning: measured and reported, never tuned on.
    public static let heldOutSeeds: ClosedRange<UInt64> = 1001...1999
    /// A second held-out set, for frame rates other than 120 fps: 1001-1999 were looked at
    /// during a 60 fps experiment (docs/accuracy.md "At 60 fps"), so they are no longer unseen there.
    public static let heldOutSeedsOtherRates: ClosedRange<UInt64> = 2001...2999

    /// Recorded runners kept out of all tuning, by the start of their file name (data/realdata):
    /// runner 004 of Fukuchi et al. (2017), 2.5 m/s. (Its force plates serve the event detectors;
    /// the labelling was never tuned on it.)
    public static let heldOutRecordings = ["RBDS0041"]

    /// Which set `seed` belongs to, for reports: "tuning", "held-out", "held-out, other frame
    /// rates" or "other".
    public static func set(of seed: UInt64) -> String {
        if tuningSeeds.contains(seed) { return "tuning" }
        if heldOutSeeds.contains(seed) { return "held-out" }
        return heldOutSeedsOtherRates.contains(seed) ? "held-out, other frame rates" : "other"
    }

    // MARK: - ranges

    /// Standing height, metres: about the 2nd to 98th percentile of adult women and men.
    public static let height = 1.55...1.95
    /// Thigh and shank as fractions of height (Winter 2009: 0.245 and 0.246), each varied by
    /// +-6 % on its own.
    public static let thighPerHeight = 0.245, shankPerHeight = 0.246, segmentSpread = 0.06
    /// Distance between the hip joint centres, metres (narrow to wide pelvis).
    public static let hipWidth = 0.13...0.21
    /// Distance between the posterior superior iliac spines, metres (narrow to wide; 9.2 and
    /// 10.3 cm on the recorded runners RBDS032 and RBDS0041).
    public static let psisSpacing = 0.06...0.13
    /// Step width at initial contact between the heel centres, metres: crossover (the feet land
    /// across the midline) to wide; Meardon et al. (2012) ran people at +-5 % of leg length
    /// around their preferred step width. A narrow pelvis cannot reach a full crossover: the
    /// knees must pass each other at least `kneeClearance` apart.
    public static let stepWidth = -0.05...0.15
    public static let kneeClearance = 0.07
    /// Belt speed, m/s: a slow jog to a fast run (`SpeedKinematics`).
    public static let speed = 2.0...7.0
    /// The runner's own step rate, swing knee and thigh flexion against the population's at the
    /// same speed.
    public static let cadenceScale = 0.94...1.06
    public static let kneeFlexionOffset = -6.0...6.0
    public static let thighFlexionOffset = -4.0...4.0
    /// Foot angle at contact, degrees: forefoot (-20) through midfoot (flat, 0) to rearfoot (+20)
    /// (Altman & Davis 2012; Forrester & Townend 2015).
    public static let footStrikeAngle = -20.0...20.0
    /// How far each LED may sit from its landmark, metres.
    public static let placementError = 0.02
    /// Rear camera: distance, degrees off the runner's line (yaw, pitch) and rolled.
    public static let rearDistance = 2.2...4.5
    public static let offAxis = -10.0...10.0
    public static let roll = -3.0...3.0
    /// Side camera: distance, and the same yaw, pitch and roll ranges.
    public static let sideDistance = 2.5...5.0
    /// The LEDs' vertical span over a stride as a fraction of the picture height.
    public static let frameFraction = 0.4...0.9
    /// How far off the LEDs' middle the camera aims, fraction of their span.
    public static let aimError = -0.08...0.08

    /// The default runner's cameras (`VirtualCamera.side`, `.rear`) as placements, near enough:
    /// for hand-built runners that vary the body only.
    public static let defaultSideCamera = CameraPlacement(view: .side, side: .right, distance: 3.2, yaw: 0, pitch: 0,
                                                          roll: 0, frameFraction: 0.72)
    public static let defaultRearCamera = CameraPlacement(view: .rear, distance: 3.0, yaw: 0, pitch: 2, roll: 0,
                                                          frameFraction: 0.65)

    // MARK: - draws

    /// The runner of `seed`.
    public static func runner(seed: UInt64) -> PopulationRunner {
        var rng = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ 0x0050_4F50_554C)
        func draw(_ r: ClosedRange<Double>) -> Double { r.lowerBound + (r.upperBound - r.lowerBound) * rng.unit() }
        let h = draw(height)
        let thigh = thighPerHeight * h * (1 + draw(-segmentSpread...segmentSpread))
        let shank = shankPerHeight * h * (1 + draw(-segmentSpread...segmentSpread))
        let hips = draw(hipWidth) / 2
        let psis = draw(psisSpacing) / 2
        let speed = draw(speed)
        let cadence = draw(cadenceScale), knee = draw(kneeFlexionOffset), thighFlexion = draw(thighFlexionOffset)
        let strike = draw(footStrikeAngle)
        let width = draw(stepWidth)
        func offset() -> MarkerPlacement.Offset {
            let r = placementError * rng.unit().squareRoot(), a = 2 * Double.pi * rng.unit()
            return MarkerPlacement.Offset(along: r * cos(a), across: r * sin(a))
        }
        let placement = MarkerPlacement(side: (0..<6).map { _ in offset() }, rear: (0..<8).map { _ in offset() })
        let rear = CameraPlacement(view: .rear, distance: draw(rearDistance), yaw: draw(offAxis), pitch: draw(offAxis),
                                   roll: draw(roll), frameFraction: draw(frameFraction), aimAcross: draw(aimError),
                                   aimUp: draw(aimError))
        let side = CameraPlacement(view: .side, side: rng.unit() < 0.5 ? .right : .left, distance: draw(sideDistance),
                                   yaw: draw(offAxis), pitch: draw(offAxis), roll: draw(roll),
                                   frameFraction: draw(frameFraction), aimAcross: draw(aimError), aimUp: draw(aimError))
        var r = PopulationRunner(seed: seed, height: h, thighLength: thigh, shankLength: shank, hipHalfWidth: hips,
                                 psisHalfSpacing: psis, speed: speed, cadenceScale: cadence, kneeFlexionOffset: knee,
                                 thighFlexionOffset: thighFlexion, footStrikeAngle: strike, placement: placement,
                                 sideCamera: side, rearCamera: rear)
        r.legAdduction = legAdduction(for: width, runner: r)
        return r
    }

    /// The whole-leg adduction that gives `runner` the step width `target` (bisection), no more
    /// than its knees' clearance allows.
    static func legAdduction(for target: Double, runner: PopulationRunner) -> Double {
        var p = runner.profile
        func width(_ a: Double) -> Double {
            p.legAdduction = a
            return 2 * heelHalfWidth(p)
        }
        func clearance(_ a: Double) -> Double {
            p.legAdduction = a
            return kneeSeparation(p)
        }
        // Width falls as adduction grows.
        var lo = -15.0, hi = 15.0
        for _ in 0..<50 {
            let mid = (lo + hi) / 2
            if width(mid) > target { lo = mid } else { hi = mid }
        }
        var a = (lo + hi) / 2
        if clearance(a) < kneeClearance {
            var ok = -15.0, bad = a
            for _ in 0..<50 {
                let mid = (ok + bad) / 2
                if clearance(mid) >= kneeClearance { ok = mid } else { bad = mid }
            }
            a = ok
        }
        return a
    }

    /// Lateral distance of a heel centre from the midline at initial contact, metres (frontal
    /// plane only, pelvis level).
    static func heelHalfWidth(_ p: RunnerProfile) -> Double {
        let a = (p.femurAdduction(0) + p.legAdduction) * .pi / 180
        let s = (p.femurAdduction(0) + p.legAdduction - p.kneeValgus(0)) * .pi / 180
        return p.hipHalfWidth - p.thighLength * sin(a) - p.shankLength * sin(s)
    }

    /// The smallest lateral distance between the two knee centres over a stride, metres.
    static func kneeSeparation(_ p: RunnerProfile) -> Double {
        var least = Double.infinity
        for i in 0..<100 {
            let q = Double(i) / 100
            func knee(_ phase: Double) -> Double {
                p.hipHalfWidth - p.thighLength * cos(p.thigh(phase) * .pi / 180)
                    * sin((p.femurAdduction(phase) + p.legAdduction) * .pi / 180)
            }
            least = min(least, knee(q) + knee(q + 0.5))
        }
        return least
    }
}
