import Foundation

extension RunnerProfile {
    /// Day-to-day SDs of the runner's own means (degrees): how far one session's mean of a
    /// variable lies from another day's with nothing changed. From the 2D smallest detectable
    /// differences (SDD = 1.96 x sqrt(2) x the between-day SD, so SD = SDD / 2.77): pelvic drop
    /// 2.8, knee flexion 3.8, foot angle 2.3, femoral adduction 2.3 deg (Dingenen 2018;
    /// docs/simulated-runner.md). The ankle follows from knee and foot (foot angle at contact =
    /// thigh - knee + ankle): its shift is the knee's plus the foot's.
    public static let dayToDayStandardDeviation = (pelvicDrop: 2.8 / sqrt8, knee: 3.8 / sqrt8, foot: 2.3 / sqrt8,
                                                   femurAdduction: 2.3 / sqrt8)
    /// 1.96 x sqrt(2): an SDD over the between-day SD.
    private static let sqrt8 = 1.96 * 2.0.squareRoot()

    /// This runner as filmed on the day `seed` names: the means moved by seeded day-to-day
    /// offsets (`dayToDayStandardDeviation`, the same for both legs, so no left/right difference
    /// appears from them), and typical stride-to-stride variation (`StrideVariability.typical`)
    /// seeded from `seed` too. The same seed gives the same day, stride for stride.
    public func varying(seed: UInt64) -> RunnerProfile {
        var rng = SplitMix64(seed: seed ^ 0xDA7_0F_DA75)
        let sd = RunnerProfile.dayToDayStandardDeviation
        var p = self
        p.pelvicDrop += sd.pelvicDrop * rng.gaussian()
        let kneeShift = sd.knee * rng.gaussian(), footShift = sd.foot * rng.gaussian()
        p.knee = knee.shifted(by: kneeShift)
        p.ankle = ankle.shifted(by: kneeShift + footShift)
        p.femurAdduction = femurAdduction.shifted(by: sd.femurAdduction * rng.gaussian())
        p.variability = .typical(seed: seed)
        return p
    }
}
