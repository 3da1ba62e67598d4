/// The shape of a runner seen from behind, free of scale: what `RearLabeller` checks.
///
/// Every measure is taken against a leg's drop: the vertical distance from its pelvis LED (PSIS)
/// down to its knee LED, which is the thigh's length foreshortened by how far it swings, plus
/// the spine's height above the hip. Sideways offsets are counted outward (away from the
/// midline). Each measure has a nominal value and a spread (its cost is the squared number of
/// spreads it lies off) and limits beyond which the labelling is impossible.
///
/// Where the numbers come from: the leg's joints and segment proportions (the thigh LED sits
/// half way down the thigh, below the hip, which is a few centimetres below the spine; shank
/// about as long as thigh, Winter 2009), checked against the simulated population's tuning
/// runners (`RunnerPopulation`: 2-7 m/s, crossover to wide steps, LEDs up to 2 cm off, cameras
/// 10 degrees off-axis) and the recorded runners RBDS032 and Hamner subject 04, which span
/// thigh fraction 0.48-0.84, outward offsets -0.28 to +0.33, leg balance -0.39 to +0.47 and
/// spine spacing 0.10-0.38 of the drop (docs/accuracy.md). Spreads are about the population's
/// standard deviations; limits lie beyond everything seen.
public struct RearGeometry: Sendable {
    /// Thigh LED height between the spine and the knee LED, as a fraction of the drop: the mean
    /// of both legs. Each leg's own fraction rises as its thigh swings forward (the knee LED
    /// rises, the thigh LED on the back of the thigh turns down), so the legs' difference follows
    /// their balance (below) with this slope.
    public var thighFraction = 0.633, thighFractionSpread = 0.035
    public var thighFractionSlope = -0.675, thighFractionDifferenceSpread = 0.07
    public var thighFractionLimits = 0.35...0.95
    /// Thigh LED sideways from its spine (the hip joint lies outside the spine), over the drop.
    public var thighOutward = 0.05, thighOutwardSpread = 0.08
    /// Knee LED sideways from the thigh LED, over the drop.
    public var kneeOutward = -0.025, kneeOutwardSpread = 0.06
    /// Heel LED sideways from its leg's line (through its spine and knee LEDs) carried down to
    /// the heel's height, over the drop. A leg adducted for narrow or crossover steps leans
    /// inward from the hip down, so the line follows the runner's own step width where an
    /// offset from the knee would assume feet under the knees (over half a stride on 300 tuning
    /// runners, that assumption picked a crossover runner's heels the wrong way round 8 times in
    /// 900 starts, the line 3 times).
    public var heelLine = -0.023, heelLineSpread = 0.11
    /// No LED of a leg lies further sideways than this from the one above it, over the drop.
    public var outwardLimit = 0.45
    /// How much further one leg drops than the other: 2 (left - right) / (left + right).
    public var balanceSpread = 0.15, balanceLimit = 0.75
    /// How far the right knee LED may lie left of the left one, over the mean drop (knees pass
    /// close in a crossover, and a camera off to one side shifts the one swinging forward).
    public var kneeOverlap = 0.05
    /// The spines' spacing over the mean drop.
    public var spacingLimits = 0.05...0.7
    /// The heel lies within a shank's reach of the knee: at most this many drops away.
    public var heelReach = 1.7
    /// One foot is always on or near the belt: the lower heel lies at least this many drops
    /// below its knee (0.67-0.71 at the least on the population and the recorded runners).
    public var lowerHeelDrop = 0.5
    /// A heel closer than this many drops to a knee or thigh LED (passing it in swing) could as
    /// well be that LED for the body's shape: such a frame is not labelled from scratch.
    public var interchangeable = 0.25
    /// Tilt of the line through the spines, degrees (pelvic drop, camera roll, and LEDs taped up
    /// to 2 cm off two landmarks only 6-13 cm apart).
    public var tiltSpread = 12.0, tiltLimit = 40.0
    /// Relative spread of the spines' spacing against the spacing learned while tracking.
    public var learnedSpacingSpread = 0.15

    public init() {}

    /// The two spines' cost, or nil when they cannot be the left and right spines.
    public func pelvisCost(_ left: Point, _ right: Point) -> Double? {
        let dx = right.x - left.x, dy = right.y - left.y
        guard dx > 0 else { return nil }
        let tilt = Trig.atan2(dy, dx) * 180 / Double.pi
        guard abs(tilt) <= tiltLimit else { return nil }
        return square(tilt / tiltSpread)
    }

    /// One leg's thigh and knee LEDs under its spine: their sideways offsets, or nil when
    /// impossible; `outward` is -1 for the left leg (image left), +1 for the right.
    public func legCost(psi: Point, thigh: Point, knee: Point, outward: Double) -> Double? {
        let drop = knee.y - psi.y
        guard drop > 0, thigh.y < knee.y else { return nil }
        let f = (thigh.y - psi.y) / drop
        let t = outward * (thigh.x - psi.x) / drop, k = outward * (knee.x - thigh.x) / drop
        guard thighFractionLimits.contains(f), abs(t) <= outwardLimit, abs(k) <= outwardLimit else { return nil }
        return square((t - thighOutward) / thighOutwardSpread) + square((k - kneeOutward) / kneeOutwardSpread)
    }

    /// Both legs together (spine, thigh and knee LEDs of each): thigh fractions, balance and the
    /// spines' spacing, or nil when they cannot belong to one body.
    public func legsCost(left: (psi: Point, thigh: Point, knee: Point), right: (psi: Point, thigh: Point, knee: Point))
        -> Double? {
        let dl = left.knee.y - left.psi.y, dr = right.knee.y - right.psi.y
        guard dl > 0, dr > 0 else { return nil }
        let b = 2 * (dl - dr) / (dl + dr)
        let spacing = left.psi.distance(to: right.psi)
        guard abs(b) <= balanceLimit, spacingLimits.contains(2 * spacing / (dl + dr)) else { return nil }
        let fl = (left.thigh.y - left.psi.y) / dl, fr = (right.thigh.y - right.psi.y) / dr
        return square(((fl + fr) / 2 - thighFraction) / thighFractionSpread)
            + square((fl - fr - thighFractionSlope * b) / thighFractionDifferenceSpread) + square(b / balanceSpread)
    }

    /// A heel LED for a leg whose spine and knee LEDs are known, or nil when out of reach.
    public func heelCost(psi: Point, knee: Point, heel: Point, outward: Double) -> Double? {
        let drop = knee.y - psi.y
        guard drop > 0, heel.distance(to: knee) <= heelReach * drop else { return nil }
        let h = outward * (heel.x - knee.x) / drop
        guard abs(h) <= outwardLimit else { return nil }
        let line = outward * (heel.x - knee.x - (knee.x - psi.x) / drop * (heel.y - knee.y)) / drop
        return square((line - heelLine) / heelLineSpread)
    }

    /// Whether one of the two heels lies low enough below its knee (drops from each spine).
    public func oneFootDown(left: (psi: Point, knee: Point, heel: Point), right: (psi: Point, knee: Point, heel: Point))
        -> Bool {
        let l = (left.heel.y - left.knee.y) / (left.knee.y - left.psi.y)
        let r = (right.heel.y - right.knee.y) / (right.knee.y - right.psi.y)
        return max(l, r) >= lowerHeelDrop
    }

    /// Whether the left knee LED lies left of the right one (within `kneeOverlap`).
    public func kneesInOrder(_ leftPSI: Point, _ leftKnee: Point, _ rightPSI: Point, _ rightKnee: Point) -> Bool {
        let drop = (leftKnee.y - leftPSI.y + rightKnee.y - rightPSI.y) / 2
        return leftKnee.x < rightKnee.x + kneeOverlap * max(0, drop)
    }

    /// The whole labelling's cost: eight spots in `MarkerSet.rear` order, or nil when they cannot
    /// be this body (the sum of the checks above, as `RearLabeller` adds them up).
    public func cost(_ p: [Point]) -> Double? {
        guard p.count >= 8, let pelvis = pelvisCost(p[0], p[1]), p[2].y > p[0].y, p[3].y > p[1].y, p[2].x < p[3].x,
              kneesInOrder(p[0], p[4], p[1], p[5]),
              let left = legCost(psi: p[0], thigh: p[2], knee: p[4], outward: -1),
              let right = legCost(psi: p[1], thigh: p[3], knee: p[5], outward: 1),
              let both = legsCost(left: (p[0], p[2], p[4]), right: (p[1], p[3], p[5])),
              let lh = heelCost(psi: p[0], knee: p[4], heel: p[6], outward: -1),
              let rh = heelCost(psi: p[1], knee: p[5], heel: p[7], outward: 1),
              oneFootDown(left: (p[0], p[4], p[6]), right: (p[1], p[5], p[7])) else { return nil }
        return pelvis + left + right + both + lh + rh
    }

    @inline(__always) private func square(_ x: Double) -> Double { x * x }
}
