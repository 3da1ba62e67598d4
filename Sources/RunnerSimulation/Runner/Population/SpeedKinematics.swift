import Foundation

/// How running changes with speed, as anchors between 2 and 7 m/s that the population's
/// profiles interpolate: step rate, the share of the cycle in stance, how far the thigh swings
/// forward and back, and how far the knee folds in swing (which lifts the heel toward the
/// buttock at speed). At 3 m/s every anchor gives the default runner (`RunnerProfile.flat`).
///
/// Sources (docs/simulated-runner.md): step rate and stance shortening with speed after Dorn et
/// al. (2012, J Exp Biol 215:1944-1956; speed rises mostly through stride length up to about
/// 7 m/s, stride frequency rising 10-15 %) and Forrester & Townend (2015, Gait Posture
/// 41:26-32; duty factor falls with speed); swing knee flexion and hip flexion from Novacheck
/// (1998, Gait Posture 7:77-95: about 90 degrees of knee flexion jogging, 105 running, 125-130
/// sprinting) and Fukuchi et al. (2017, PeerJ 5:e3298: 2.5-4.5 m/s).
public struct SpeedKinematics: Sendable, Hashable {
    /// Speeds of the anchors, m/s.
    static let speeds = [2.0, 3.0, 5.0, 7.0]
    /// Steps per minute.
    static let cadence = [160.0, 168, 180, 192]
    /// Fraction of the cycle in stance.
    static let stanceFraction = [0.41, 0.38, 0.32, 0.26]
    /// Degrees added to the thigh's forward swing at its late-swing peak (34 degrees at 3 m/s).
    static let thighFlexionGain = [-4.0, 0, 10, 20]
    /// Scale of the thigh's extension behind vertical (-12 degrees at 3 m/s).
    static let thighExtensionScale = [0.85, 1, 1.3, 1.6]
    /// Degrees added to the peak knee flexion in swing (the default curve's 104 at 3 m/s): about
    /// 88, 104, 118 and 130.
    static let kneeFlexionGain = [-16.0, 0, 14, 26]

    public var speed: Double

    public init(speed: Double) { self.speed = speed }

    public var cadence: Double { interpolate(Self.cadence) }
    public var stanceFraction: Double { interpolate(Self.stanceFraction) }
    public var thighFlexionGain: Double { interpolate(Self.thighFlexionGain) }
    public var thighExtensionScale: Double { interpolate(Self.thighExtensionScale) }
    public var kneeFlexionGain: Double { interpolate(Self.kneeFlexionGain) }

    /// Piecewise linear in speed between the anchors, held flat beyond them.
    func interpolate(_ values: [Double]) -> Double {
        let s = Self.speeds
        if speed <= s[0] { return values[0] }
        for i in 1..<s.count where speed <= s[i] {
            let w = (speed - s[i - 1]) / (s[i] - s[i - 1])
            return values[i - 1] + (values[i] - values[i - 1]) * w
        }
        return values[values.count - 1]
    }
}
