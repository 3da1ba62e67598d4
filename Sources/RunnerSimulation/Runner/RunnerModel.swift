import Foundation
public import MarkerTracker
public import CaptureKit
public import SessionStore

/// The simulated runner: a kinematic model of treadmill running as a pure function of time.
///
/// Each leg follows its profile's joint-angle curves at its own gait phase (the left leg half a
/// cycle after the right). The pelvis height is not drawn from a curve but solved so that the
/// stance foot's lowest point rests exactly on the belt, and follows a ballistic arc in flight;
/// so initial contact and toe-off in the ground truth are the moments the foot really touches and
/// leaves the belt. Stage changes keep the gait phase continuous and blend the kinematics over
/// `blendSeconds`, as a treadmill ramps its incline. Deterministic: no clock, and the stride-to-stride
/// variation (`RunnerProfile.variability`) comes from its seed.
public struct RunnerModel: Sendable {
    /// One stage of the run: from `start` (seconds) on, `profile` applies.
    public struct Segment: Sendable {
        public var start: Double
        public var profile: RunnerProfile
        /// Right-leg phase at `start`.
        public var phaseAtStart: Double
    }

    public private(set) var segments: [Segment]
    public var findings: ClinicalFindings
    /// Seconds over which kinematics blend after a stage change.
    public var blendSeconds = 2.0
    /// Which side of the runner carries the side-view LEDs (the side facing the side camera).
    public var sideMarkersOn: BodySide
    /// Seconds the athlete stands still on the belt before running (0: runs from the start). The
    /// standing pose has every joint angle 0 (thigh and shank vertical, foot flat), the pelvis
    /// level and the trunk at `standingTrunkLean`; running blends in over `standBlendSeconds`.
    public var standSeconds = 0.0
    public var standBlendSeconds = 1.0
    public var standingTrunkLean = 2.0

    static let gravity = 9.81
    static let soleDepth = 0.075
    static let heelBack = 0.065
    static let toeForward = 0.165

    public init(profile: RunnerProfile = .flat, findings: ClinicalFindings = .none, sideMarkersOn: BodySide = .right,
                startPhase: Double = 0.3) {
        segments = [Segment(start: 0, profile: profile, phaseAtStart: startPhase)]
        self.findings = findings
        self.sideMarkersOn = sideMarkersOn
    }

    /// From `time` on, run with `profile` (a new treadmill stage).
    public mutating func switchProfile(at time: Double, to profile: RunnerProfile) {
        let phase = rightPhase(at: time)
        segments.removeAll { $0.start >= time }
        segments.append(Segment(start: time, profile: profile, phaseAtStart: phase))
    }

    func segmentIndex(at t: Double) -> Int {
        var i = 0
        for (j, s) in segments.enumerated() where s.start <= t { i = j }
        return i
    }

    /// Unwrapped right-leg phase (cycles since the start of the run; still while standing).
    public func rightPhase(at t: Double) -> Double {
        let s = segments[segmentIndex(at: t)]
        return s.phaseAtStart + max(0, t - max(s.start, standSeconds)) * s.profile.strideFrequency
    }

    /// 1 while the athlete stands, 0 once running, a smooth step between.
    public func standingWeight(at t: Double) -> Double {
        guard standSeconds > 0 else { return 0 }
        guard t > standSeconds else { return 1 }
        let x = min(1, (t - standSeconds) / max(1e-9, standBlendSeconds))
        return 1 - x * x * (3 - 2 * x)
    }

    /// Whether the athlete stands still at `t` (before running starts).
    public func isStanding(at t: Double) -> Bool { standSeconds > 0 && t <= standSeconds }

    /// The profile in force at `t` and the blend weight toward it from the previous one.
    func profiles(at t: Double) -> (previous: RunnerProfile?, current: RunnerProfile, weight: Double) {
        let i = segmentIndex(at: t)
        let s = segments[i]
        guard i > 0 else { return (nil, s.profile, 1) }
        let x = min(1, max(0, (t - s.start) / blendSeconds))
        let w = x * x * (3 - 2 * x)
        return w >= 1 ? (nil, s.profile, 1) : (segments[i - 1].profile, s.profile, w)
    }

    /// Stance fraction in force at `t`.
    func stanceFraction(at t: Double) -> Double {
        let (prev, cur, w) = profiles(at: t)
        guard let prev else { return cur.stanceFraction }
        return prev.stanceFraction + (cur.stanceFraction - prev.stanceFraction) * w
    }

    public func inclinePercent(at t: Double) -> Double {
        let (prev, cur, w) = profiles(at: t)
        guard let prev else { return cur.inclinePercent }
        return prev.inclinePercent + (cur.inclinePercent - prev.inclinePercent) * w
    }

    /// Unwrapped phase of `side` (its cycles since the run began; the left leg half a cycle behind).
    func legPhase(_ side: BodySide, at t: Double) -> Double {
        rightPhase(at: t) + (side == .left ? 0.5 : 0)
    }

    public func phase(of side: BodySide, at t: Double) -> Double {
        let p = rightPhase(at: t) + (side == .left ? 0.5 : 0)
        return p - p.rounded(.down)
    }

    // MARK: - joint angles

    /// Sagittal and frontal angles of one leg at phase `p` (degrees).
    struct LegAngles {
        var thigh: Double
        var knee: Double
        var ankle: Double
        var femurAdduction: Double
        var valgus: Double
    }

    func legAngles(_ side: BodySide, phase p: Double, at t: Double) -> LegAngles {
        let (prev, cur, w) = profiles(at: t)
        let u = legPhase(side, at: t)
        func eval(_ pr: RunnerProfile) -> LegAngles {
            var a = LegAngles(thigh: pr.thigh(p), knee: pr.knee(p), ankle: pr.ankle(p),
                              femurAdduction: pr.femurAdduction(p), valgus: pr.kneeValgus(p))
            let v = pr.variability
            if !v.isNone {
                a.thigh += v.offset(.thigh, side, unwrappedPhase: u)
                a.knee += v.offset(.knee, side, unwrappedPhase: u)
                a.ankle += v.offset(.ankle, side, unwrappedPhase: u)
                a.femurAdduction += v.offset(.femurAdduction, side, unwrappedPhase: u)
            }
            return a
        }
        var a = eval(cur)
        if let prev {
            let b = eval(prev)
            a.thigh = b.thigh + (a.thigh - b.thigh) * w
            a.knee = b.knee + (a.knee - b.knee) * w
            a.ankle = b.ankle + (a.ankle - b.ankle) * w
            a.femurAdduction = b.femurAdduction + (a.femurAdduction - b.femurAdduction) * w
            a.valgus = b.valgus + (a.valgus - b.valgus) * w
        }
        // Over-striding: around initial contact the thigh reaches further and the knee straightens.
        if findings.overstrideCentimetres != 0 {
            let bump = RunnerModel.window(p, centre: 0, halfWidth: 0.16)
            let metres = findings.overstrideCentimetres / 100
            a.thigh += bump * (0.5 * metres / 0.80) * 180 / .pi
            a.knee -= bump * (0.5 * metres / 0.42) * 180 / .pi
            a.ankle += bump * 0.4 * findings.overstrideCentimetres
        }
        // Extra dorsiflexion: the tibia travels further over the planted foot (foot stays flat).
        if findings.extraDorsiflexionDegrees != 0 && side == findings.dorsiflexionSide {
            let bump = RunnerModel.window(p, centre: 0.17, halfWidth: 0.17)
            a.knee += bump * findings.extraDorsiflexionDegrees
            a.ankle += bump * findings.extraDorsiflexionDegrees
        }
        let standing = standingWeight(at: t)
        if standing > 0 {
            let k = 1 - standing
            a = LegAngles(thigh: a.thigh * k, knee: a.knee * k, ankle: a.ankle * k, femurAdduction: a.femurAdduction * k,
                          valgus: a.valgus * k)
        }
        return a
    }

    /// Pelvic obliquity at `t`, degrees, + right side lower.
    func pelvicObliquity(at t: Double) -> Double {
        let (prev, cur, w) = profiles(at: t)
        let base = prev.map { $0.pelvicDrop + (cur.pelvicDrop - $0.pelvicDrop) * w } ?? cur.pelvicDrop
        let stance = stanceFraction(at: t)
        func drop(_ s: BodySide) -> Double {
            var extra = s == findings.hipDropStanceSide ? findings.hipDropDegrees : 0
            // Each stance's own drop: its stride's offset holds from mid-swing before the contact
            // (the drop window begins just before it) to past toe-off, and changes in mid-swing,
            // where the window is zero (it spans -20 to 90 % of the stance).
            let u = legPhase(s, at: t)
            let variation = { (pr: RunnerProfile) in pr.variability.offset(.pelvicDrop, s, unwrappedPhase: u) }
            extra += prev.map { variation($0) + (variation(cur) - variation($0)) * w } ?? variation(cur)
            let p = phase(of: s, at: t)
            return (base + extra) * RunnerModel.window(p, centre: 0.35 * stance, halfWidth: 0.55 * stance)
        }
        // Right stance: the left (swing) side drops (negative); left stance: the right side drops.
        return (drop(.left) - drop(.right)) * (1 - standingWeight(at: t))
    }

    /// A raised-cosine window of height 1 at `centre` (cycle fraction), zero beyond `halfWidth`.
    static func window(_ p: Double, centre: Double, halfWidth: Double) -> Double {
        var d = p - centre
        d -= d.rounded()
        let x = abs(d) / halfWidth
        return x >= 1 ? 0 : 0.5 * (1 + cos(.pi * x))
    }

    public func trunkLean(at t: Double) -> Double {
        let p = phase(of: .right, at: t)
        let u = legPhase(.right, at: t)
        let (prev, cur, w) = profiles(at: t)
        var v = cur.trunkLean(p) + cur.variability.offset(.trunkLean, .right, unwrappedPhase: u)
        if let prev {
            let b = prev.trunkLean(p) + prev.variability.offset(.trunkLean, .right, unwrappedPhase: u)
            v = b + (v - b) * w
        }
        let standing = standingWeight(at: t)
        return v + (standingTrunkLean - v) * standing
    }

    // MARK: - pose

    /// Joint centres of one leg given the pelvis centre, before the height is solved.
    struct LegChain {
        var hip: Vector3
        var knee: Vector3
        var ankle: Vector3
        var footForward: Vector3
        var footUp: Vector3
        var thighAngle: Double
        var shankAngle: Double
    }

    func chain(_ side: BodySide, pelvis: Vector3, obliquity: Double, at t: Double) -> LegChain {
        let sigma: Double = side == .right ? 1 : -1
        let p = phase(of: side, at: t)
        let a = legAngles(side, phase: p, at: t)
        let (prev, cur, w) = profiles(at: t)
        let halfWidth = cur.hipHalfWidth
        let l1 = prev.map { $0.thighLength + (cur.thighLength - $0.thighLength) * w } ?? cur.thighLength
        let l2 = prev.map { $0.shankLength + (cur.shankLength - $0.shankLength) * w } ?? cur.shankLength
        let b = obliquity * .pi / 180
        let hip = pelvis + Vector3(0, -sin(b) * halfWidth * sigma, cos(b) * halfWidth * sigma)
        // The runner's own step width turns the whole leg in the frontal plane.
        let adduction = a.femurAdduction + cur.legAdduction
        let th = a.thigh * .pi / 180, al = adduction * .pi / 180
        let dThigh = Vector3(sin(th), -cos(th) * cos(al), -sigma * cos(th) * sin(al))
        let knee = hip + dThigh * l1
        let psi = (a.thigh - a.knee) * .pi / 180
        let als = (adduction - a.valgus) * .pi / 180
        let dShank = Vector3(sin(psi), -cos(psi) * cos(als), -sigma * cos(psi) * sin(als))
        let ankle = knee + dShank * l2
        let fa = (a.thigh - a.knee + a.ankle) * .pi / 180
        return LegChain(hip: hip, knee: knee, ankle: ankle, footForward: Vector3(cos(fa), sin(fa), 0),
                        footUp: Vector3(-sin(fa), cos(fa), 0), thighAngle: a.thigh, shankAngle: a.thigh - a.knee)
    }

    /// Height of the leg's lowest sole point above the belt plane, with the pelvis at `pelvis`.
    func clearance(_ c: LegChain, at t: Double) -> Double {
        let slope = inclinePercent(at: t) / 100
        let heel = c.ankle + c.footForward * (-RunnerModel.heelBack) + c.footUp * (-RunnerModel.soleDepth)
        let toe = c.ankle + c.footForward * RunnerModel.toeForward + c.footUp * (-RunnerModel.soleDepth)
        return min(heel.y - heel.x * slope, toe.y - toe.x * slope)
    }

    func pelvisX(at t: Double) -> Double {
        0.012 * sin(4 * .pi * rightPhase(at: t)) * (1 - standingWeight(at: t))
    }

    /// Pelvis height that puts `side`'s lowest sole point on the belt at `t`.
    func stanceHeight(_ side: BodySide, at t: Double) -> Double {
        let base = Vector3(pelvisX(at: t), 0, 0)
        let c = chain(side, pelvis: base, obliquity: pelvicObliquity(at: t), at: t)
        return -clearance(c, at: t)
    }

    func isStance(_ side: BodySide, at t: Double) -> Bool {
        phase(of: side, at: t) < stanceFraction(at: t)
    }

    /// In flight at `t`: seconds since the last toe-off (of `leaving`) and until the next initial
    /// contact (of `landing`).
    func flight(at t: Double) -> (sinceTO: Double, untilIC: Double, leaving: BodySide, landing: BodySide) {
        let f = segments[segmentIndex(at: t)].profile.strideFrequency
        let stance = stanceFraction(at: t)
        var sinceTO = Double.infinity, untilIC = Double.infinity
        var leaving = BodySide.right, landing = BodySide.left
        for s in BodySide.allCases {
            let p = phase(of: s, at: t)
            let a = (p - stance) / f
            if a >= 0 && a < sinceTO { sinceTO = a; leaving = s }
            let b = (1 - p) / f
            if b < untilIC { untilIC = b; landing = s }
        }
        return (sinceTO, untilIC, leaving, landing)
    }

    /// Pelvis height at `t`: solved on the stance foot, ballistic in flight.
    public func pelvisHeight(at t: Double) -> Double {
        let standing = standingWeight(at: t)
        guard standing > 0 else { return runningPelvisHeight(at: t) }
        // Standing: both feet on the belt (the lower sole touches it).
        let still = max(stanceHeight(.left, at: t), stanceHeight(.right, at: t))
        return standing >= 1 ? still : still * standing + runningPelvisHeight(at: t) * (1 - standing)
    }

    func runningPelvisHeight(at t: Double) -> Double {
        for s in BodySide.allCases where isStance(s, at: t) { return stanceHeight(s, at: t) }
        // Flight: from the last toe-off to the next initial contact.
        let (sinceTO, untilIC, leaving, landing) = flight(at: t)
        let t0 = t - sinceTO, t1 = t + untilIC
        let h0 = stanceHeight(leaving, at: t0 - 1e-6)
        let h1 = stanceHeight(landing, at: t1 + 1e-6)
        let duration = t1 - t0
        guard duration > 1e-6 else { return h1 }
        let v0 = (h1 - h0 + 0.5 * RunnerModel.gravity * duration * duration) / duration
        let tau = t - t0
        return h0 + v0 * tau - 0.5 * RunnerModel.gravity * tau * tau
    }

    /// Sideways position of `side`'s heel against the pelvis centre at leg phase `p` (frontal
    /// plane, pelvis level), metres, + the runner's right.
    func footLateral(_ side: BodySide, phase p: Double, at t: Double) -> Double {
        let sigma: Double = side == .right ? 1 : -1
        let a = legAngles(side, phase: p, at: t)
        let (_, cur, _) = profiles(at: t)
        let th = a.thigh * .pi / 180, al = (a.femurAdduction + cur.legAdduction) * .pi / 180
        let psi = (a.thigh - a.knee) * .pi / 180, als = (a.femurAdduction + cur.legAdduction - a.valgus) * .pi / 180
        return sigma * (cur.hipHalfWidth - cur.thighLength * cos(th) * sin(al) - cur.shankLength * cos(psi) * sin(als))
    }

    /// Where `side`'s foot stays sideways through its stance, relative to the belt's midline:
    /// the mean of its position against the pelvis over the stance, so the sway is centred.
    func plantedLateral(_ side: BodySide, at t: Double) -> Double {
        let stance = stanceFraction(at: t)
        var sum = 0.0
        for i in 0..<12 { sum += footLateral(side, phase: stance * (Double(i) + 0.5) / 12, at: t) }
        return sum / 12
    }

    /// Pelvis centre sideways at `t`, + the runner's right: 0 unless `plantedFeet`; then it
    /// keeps the stance foot where it landed, and blends from one foot to the next in flight.
    public func pelvisZ(at t: Double) -> Double {
        runningPelvisZ(at: t) * (1 - standingWeight(at: t))
    }

    func runningPelvisZ(at t: Double) -> Double {
        guard profiles(at: t).current.plantedFeet else { return 0 }
        for s in BodySide.allCases where isStance(s, at: t) {
            return plantedLateral(s, at: t) - footLateral(s, phase: phase(of: s, at: t), at: t)
        }
        let (sinceTO, untilIC, leaving, landing) = flight(at: t)
        let stance = stanceFraction(at: t)
        let z0 = plantedLateral(leaving, at: t) - footLateral(leaving, phase: stance, at: t)
        let z1 = plantedLateral(landing, at: t) - footLateral(landing, phase: 0, at: t)
        let x = sinceTO / max(1e-9, sinceTO + untilIC)
        return z0 + (z1 - z0) * x * x * (3 - 2 * x)
    }

    /// The full pose at time `t`.
    public func pose(at t: Double) -> BodyPose {
        let obliquity = pelvicObliquity(at: t)
        let pelvis = Vector3(pelvisX(at: t), pelvisHeight(at: t), pelvisZ(at: t))
        let lean = trunkLean(at: t) * .pi / 180
        let trunkUp = Vector3(sin(lean), cos(lean), 0)
        let (_, cur, _) = profiles(at: t)
        let shoulderCentre = pelvis + trunkUp * cur.trunkLength
        let head = shoulderCentre + trunkUp * 0.24
        let b = obliquity * .pi / 180

        func pelvisPoint(_ x: Double, _ y: Double, _ z: Double) -> Vector3 {
            pelvis + Vector3(x, y * cos(b) - z * sin(b), y * sin(b) + z * cos(b))
        }

        func leg(_ s: BodySide) -> (BodyPose.Leg, LegChain) {
            let sigma: Double = s == .right ? 1 : -1
            let c = chain(s, pelvis: pelvis, obliquity: obliquity, at: t)
            let heel = c.ankle + c.footForward * (-0.085) + c.footUp * (-0.035)
            let toe = c.ankle + c.footForward * 0.15 + c.footUp * (-0.05)
            // Arms swing against the same-side leg; the elbow stays bent about 80 degrees.
            let swing = -0.7 * (c.thighAngle - 10) * .pi / 180
            let shoulder = shoulderCentre + Vector3(0, -0.03, 0.19 * sigma)
            let elbow = shoulder + Vector3(sin(swing), -cos(swing), 0) * 0.29
            let fore = swing + 80 * .pi / 180
            let hand = elbow + Vector3(sin(fore), -cos(fore), 0) * 0.27
            let p = phase(of: s, at: t)
            return (BodyPose.Leg(hip: c.hip, knee: c.knee, ankle: c.ankle, heel: heel, toe: toe,
                                 shoulder: shoulder, elbow: elbow, hand: hand, phase: p,
                                 inStance: p < stanceFraction(at: t)), c)
        }
        let (left, lc) = leg(.left)
        let (right, rc) = leg(.right)

        // Side-view LEDs on the camera-side leg (lateral surfaces).
        let s = sideMarkersOn
        let sigma: Double = s == .right ? 1 : -1
        let sl = s == .right ? right : left
        let sc = s == .right ? rc : lc
        var side: [Vector3] = [
            sl.shoulder + Vector3(0, 0.02, 0.02 * sigma),                                   // SHO acromion
            sl.hip + Vector3(0, -0.015, 0.075 * sigma),                                     // GT
            sl.knee + Vector3(0, 0, 0.05 * sigma),                                          // KNE lateral epicondyle
            sl.ankle + Vector3(0, 0, 0.037 * sigma),                                        // ANK lateral malleolus
            sl.heel,                                                                         // HEE posterior heel
            sc.ankle + sc.footForward * 0.125 + sc.footUp * (-0.05) + Vector3(0, 0, 0.04 * sigma), // MT5
        ]

        // Rear-view LEDs on posterior surfaces.
        func thighBack(_ c: LegChain) -> Vector3 {
            let th = c.thighAngle * .pi / 180
            return Vector3(-cos(th), -sin(th), 0)
        }
        func kneeBack(_ c: LegChain) -> Vector3 {
            let a = (c.thighAngle + c.shankAngle) / 2 * .pi / 180
            return Vector3(-cos(a), -sin(a), 0)
        }
        let psis = cur.psisHalfSpacing
        var rear: [Vector3] = [
            pelvisPoint(-0.10, 0.06, -psis),                                                // LPSI
            pelvisPoint(-0.10, 0.06, psis),                                                 // RPSI
            Vector3.mix(lc.hip, lc.knee, 0.5) + thighBack(lc) * 0.075,                      // LTHI
            Vector3.mix(rc.hip, rc.knee, 0.5) + thighBack(rc) * 0.075,                      // RTHI
            lc.knee + kneeBack(lc) * 0.05,                                                  // LKNE
            rc.knee + kneeBack(rc) * 0.05,                                                  // RKNE
            left.heel,                                                                       // LHEE
            right.heel,                                                                      // RHEE
        ]
        if !cur.placement.isExact {
            placeOffNominal(cur.placement, side: &side, rear: &rear, sideLeg: sc, left: lc, right: rc, trunkUp: trunkUp,
                            obliquity: b)
        }
        return BodyPose(time: t, pelvis: pelvis, shoulderCentre: shoulderCentre, head: head, left: left, right: right,
                        sideMarkers: side, rearMarkers: rear, inclinePercent: inclinePercent(at: t))
    }

    /// Moves the LEDs by the runner's placement offsets, each along its own segment's axes.
    func placeOffNominal(_ placement: MarkerPlacement, side: inout [Vector3], rear: inout [Vector3], sideLeg sc: LegChain,
                         left lc: LegChain, right rc: LegChain, trunkUp: Vector3, obliquity b: Double) {
        // Forward in the sagittal plane, across a segment pointing along `d`.
        func sagittalNormal(_ d: Vector3) -> Vector3 {
            let n = Vector3(-d.y, d.x, 0).normalized
            return n.x < 0 ? n * -1 : n
        }
        let lateral = Vector3(0, 0, 1)
        let sideThigh = (sc.knee - sc.hip).normalized, sideShank = (sc.ankle - sc.knee).normalized
        MarkerPlacement.apply(placement.side, to: &side, axes: [
            (trunkUp * -1, sagittalNormal(trunkUp * -1)),
            (sideThigh, sagittalNormal(sideThigh)),
            (sideThigh, sagittalNormal(sideThigh)),
            (sideShank, sagittalNormal(sideShank)),
            (sc.footUp * -1, sc.footForward),
            (sc.footForward, sc.footUp),
        ])
        let pelvisDown = Vector3(0, -cos(b), -sin(b)), pelvisRight = Vector3(0, -sin(b), cos(b))
        let lThigh = (lc.knee - lc.hip).normalized, rThigh = (rc.knee - rc.hip).normalized
        MarkerPlacement.apply(placement.rear, to: &rear, axes: [
            (pelvisDown, pelvisRight), (pelvisDown, pelvisRight),
            (lThigh, lateral), (rThigh, lateral),
            (lThigh, lateral), (rThigh, lateral),
            (lc.footUp * -1, lateral), (rc.footUp * -1, lateral),
        ])
    }

    // MARK: - true events

    /// Gait events whose true time lies in (t0, t1], per side: contact and toe-off from the phase,
    /// midstance at the peak knee flexion in stance.
    public func events(after t0: Double, upTo t1: Double) -> [(kind: GaitEvent.Kind, side: BodySide, time: Double)] {
        var out: [(GaitEvent.Kind, BodySide, Double)] = []
        for s in BodySide.allCases {
            let offset = s == .left ? 0.5 : 0
            let a = rightPhase(at: t0) + offset, b = rightPhase(at: t1) + offset
            let stance = stanceFraction(at: t1)
            let ms = midstancePhase(s, at: t1)
            var cycle = a.rounded(.down)
            while cycle <= b {
                for (kind, frac) in [(GaitEvent.Kind.initialContact, 0.0), (.midstance, ms), (.toeOff, stance)] {
                    let target = cycle + frac
                    if target > a && target <= b {
                        out.append((kind, s, time(ofRightPhase: target - offset, between: t0, and: t1)))
                    }
                }
                cycle += 1
            }
        }
        return out.sorted { $0.2 < $1.2 }.map { (kind: $0.0, side: $0.1, time: $0.2) }
    }

    /// Phase of peak knee flexion in stance for `side` (sampled finely).
    func midstancePhase(_ side: BodySide, at t: Double) -> Double {
        let stance = stanceFraction(at: t)
        var best = 0.0, bestValue = -Double.infinity
        var p = 0.0
        while p < stance {
            let k = legAngles(side, phase: p, at: t).knee
            if k > bestValue { bestValue = k; best = p }
            p += 0.001
        }
        return best
    }

    /// Time within [t0, t1] at which the unwrapped right phase equals `target` (bisection).
    func time(ofRightPhase target: Double, between t0: Double, and t1: Double) -> Double {
        var lo = t0, hi = t1
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            if rightPhase(at: mid) < target { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
