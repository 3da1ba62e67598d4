import Foundation

extension RunnerProfile {
    /// The default runner's curves (3 m/s) carried to another speed and body: `SpeedKinematics`
    /// for step rate, stance share, thigh swing and swing knee flexion (`kneeFlexionOffset` and
    /// `thighFlexionOffset` add the runner's own style, degrees), the curves' stance stretched or
    /// shortened in time to the new stance share (and a shorter stance made stiffer: knee and
    /// ankle bend less in it, in proportion), and the foot brought to `footStrikeAngle` at
    /// contact (degrees, sole against the belt relative to standing: + heel first, 0 flat,
    /// - forefoot first), easing back to the default foot motion over the first half of stance
    /// and the last 15 % of swing. Level belt.
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

        // Foot strike: the sole's angle at contact is thigh - knee + ankle (degrees from flat).
        let atContact = p.thigh(0) - p.knee(0) + p.ankle(0)
        let change = footStrikeAngle - atContact
        let after = 0.5 * to, before = 0.15
        let ankle = p.ankle
        p.ankle = GaitCurve((0..<72).map { i in
            let ph = Double(i) / 72
            var d = ph
            if d > 0.5 { d -= 1 }
            let x = d >= 0 ? d / after : -d / before
            let bump = x >= 1 ? 0 : 0.5 * (1 + cos(.pi * x))
            return (ph * 100, ankle(ph) + change * bump)
        })
        return p
    }

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
