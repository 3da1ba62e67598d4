import Foundation

extension RunnerProfile {
    /// The default runner's curves (3 m/s) carried to another speed and body: `SpeedKinematics`
    /// for step rate, stance share, thigh swing and swing knee flexion (`kneeFlexionOffset` and
    /// `thighFlexionOffset` add the runner's own style, degrees), the curves' stance stretched or
    /// shortened in time to the new stance share (and a shorter stance made stiffer: knee and
    /// ankle bend less in it, in proportion), and the foot brought to `footStrikeAngle` at
    /// contact (degrees, sole against the belt relative to standing: + heel first, 0 flat,
    /// - forefoot first), flat on the belt from `footFlatShare` of stance until heel-off, and
    /// easing from the runner's own foot motion over the last 15 % of swing. Level belt.
    public static func running(at speed: Double, cadenceScale: Double = 1, kneeFlexionOffset: Double = 0,
                               thighFlexionOffset: Double = 0, footStrikeAngle: Double) -> RunnerProfile {
        let base = RunnerProfile.flat
        let k = SpeedKinematics(speed: speed)
        var p = base
        p.speed = speed
        p.cadence = k.cadence * cadenceScale
        p.stanceFraction = k.stanceFraction

        // Values first, on the default timing.
        let thighGain = k.thighFlexionGain + thighFlexionOffset
        p.thigh = base.thigh.mapped { phase, v in
            // Only in swing: added at contact it would swing the thigh back hard in early stance
            // and throw the pelvis (solved on the stance foot) upward.
            let swing = RunnerModel.window(phase, centre: 0.8, halfWidth: 0.2)
            return (v < 0 ? v * k.thighExtensionScale : v) + thighGain * swing
        }
        let from = base.stanceFraction, to = p.stanceFraction
        let basePeak = (0..<100).map { base.knee(Double($0) / 100) }.max() ?? 104
        let kneeScale = (basePeak + k.kneeFlexionGain + kneeFlexionOffset - 30) / (basePeak - 30)
        p.knee = base.knee.mapped { ph, v in ph < from ? v : v + (kneeScale - 1) * max(0, v - 30) }
        // A shorter stance is a stiffer one: knee and ankle bend less between contact and
        // toe-off, in proportion, so the body's drop in stance keeps about the same speed.
        let stiffening = min(1, to / from)
        func stiffened(_ c: GaitCurve) -> GaitCurve {
            let atContact = c(0), atToeOff = c(from)
            return c.mapped { ph, v in
                guard ph < from else { return v }
                let line = atContact + (atToeOff - atContact) * ph / from
                return v - (1 - stiffening) * sin(.pi * ph / from) * (v - line)
            }
        }
        p.knee = stiffened(p.knee)
        p.ankle = stiffened(base.ankle)

        // Then time: stance [0, 0.38) -> [0, stance), swing the rest.
        func warp(_ c: GaitCurve) -> GaitCurve {
            GaitCurve(zip(c.phases, c.values).map { ph, v in
                let q = ph < from ? ph * to / from : to + (ph - from) * (1 - to) / (1 - from)
                return (q * 100, v)
            })
        }
        p.thigh = warp(p.thigh)
        p.knee = warp(p.knee)
        p.ankle = warp(p.ankle)
        p.trunkLean = warp(p.trunkLean)
        p.femurAdduction = warp(p.femurAdduction)
        p.kneeValgus = warp(p.kneeValgus)

        // Foot strike: the sole's angle against the belt is thigh - knee + ankle (degrees from
        // flat). In stance the planted foot does what a real one does: from its strike angle to
        // flat (heel down, or forefoot down) over the first `footFlatShare` of stance, flat until
        // heel-off, then rolling over the toes into the runner's own push-off by toe-off. (Eased
        // curves alone let the sole tip toe-down right after a flat or forefoot landing, lifting
        // the heel off the belt by 2 cm in early stance, which no runner does.) In the last 15 %
        // of swing the foot eases from its own motion to the strike angle.
        let ankle = p.ankle
        func sole(_ ph: Double) -> Double { p.thigh(ph) - p.knee(ph) + ankle(ph) }
        let flat = max(RunnerProfile.footFlatShare * to, RunnerProfile.footFlatSeconds * p.cadence / 120)
        let heelOff = RunnerProfile.heelOffShare.lowerBound * to, pushOff = RunnerProfile.heelOffShare.upperBound * to
        func smooth(_ x: Double) -> Double { x <= 0 ? 0 : (x >= 1 ? 1 : 0.5 * (1 - cos(.pi * x))) }
        let before = 0.15
        p.ankle = GaitCurve((0..<144).map { i in
            let ph = Double(i) / 144
            let own = sole(ph)
            let wanted: Double
            if ph < to {
                let rolling = min(0, own) * smooth((ph - heelOff) / (pushOff - heelOff))
                wanted = ph < flat ? footStrikeAngle * (1 - smooth(ph / flat)) + rolling : rolling
            } else {
                let x = (1 - ph) / before
                wanted = own + (footStrikeAngle - own) * (x >= 1 ? 0 : 0.5 * (1 + cos(.pi * x)))
            }
            return (ph * 100, ankle(ph) + wanted - own)
        })
        return p
    }

    /// Share of stance over which a planted foot goes from its strike angle to flat: the foot is
    /// flat on the belt within the first quarter of stance in rearfoot running, and the heel of
    /// a forefoot-first landing comes down about as fast (the model's choice, not a fitted value;
    /// strike patterns as in Cavanagh & Lafortune 1980).
    public static let footFlatShare = 0.25
    /// The shortest time from strike to flat, seconds: this kinematic model lowers the whole body
    /// when a forefoot-first foot flattens (no ankle spring), so a faster drop throws the pelvis
    /// down at over 2 m/s, twice what runners show (a fast forefoot runner of the population did
    /// with 45 ms).
    public static let footFlatSeconds = 0.06
    /// Share of stance over which the heel rises, from heel-off to the runner's own push-off
    /// angle (the model's choice: heel-off a little before midstance's end, the roll over the
    /// toes done well before toe-off).
    public static let heelOffShare = 0.4...0.7

    /// The sole's angle against the belt at initial contact, degrees relative to standing
    /// (+ heel first).
    public var footAngleAtContact: Double { thigh(0) - knee(0) + ankle(0) }
}

extension GaitCurve {
    /// The same keypoints with each value replaced by `transform(phase, value)`.
    func mapped(_ transform: (Double, Double) -> Double) -> GaitCurve {
        GaitCurve(zip(phases, values).map { ($0 * 100, transform($0, $1)) })
    }
}
