import Foundation
public import MarkerTracker
import Synchronization
public import CaptureKit
public import SessionStore

/// The simulated runner shared by the virtual cameras of one session: the model, its stage
/// schedule, and the clock origin that maps simulation time to monotonic timestamps.
///
/// Both cameras read the same model, so the two views show one body; a stage switch made here
/// (at a simulation time) is seen by both at the same instant. With `standSeconds` the athlete
/// first stands still on the belt that long (the standing calibration's moment), then runs.
public final class SimulatedRunner: Sendable {
    private let model: Mutex<RunnerModel>
    public let seed: UInt64
    /// Monotonic nanoseconds at simulation time 0.
    public let clockOrigin: UInt64
    /// Which side of the treadmill the side camera stands on (its LEDs are on that leg).
    public let sideCameraOn: BodySide

    public init(profile: RunnerProfile = .flat, findings: ClinicalFindings = .none, seed: UInt64 = 1,
                sideCameraOn: BodySide = .right, clockOrigin: UInt64, standSeconds: Double = 0) {
        var rng = SplitMix64(seed: seed)
        let startPhase = rng.unit()
        var m = RunnerModel(profile: profile, findings: findings, sideMarkersOn: sideCameraOn, startPhase: startPhase)
        m.standSeconds = standSeconds
        model = Mutex(m)
        self.seed = seed
        self.clockOrigin = clockOrigin
        self.sideCameraOn = sideCameraOn
    }

    /// A copy of the model as it stands (cheap: the model is a small value).
    public var currentModel: RunnerModel { model.withLock { $0 } }

    /// Runs with `profile` from simulation time `time` on.
    public func switchProfile(at time: Double, to profile: RunnerProfile) {
        model.withLock { $0.switchProfile(at: time, to: profile) }
    }

    /// Simulation time of a monotonic timestamp.
    public func simulationTime(ofTimestamp ns: UInt64) -> Double {
        MonotonicClock.seconds(ns, since: clockOrigin)
    }

    public func timestamp(ofSimulationTime t: Double) -> UInt64 {
        clockOrigin &+ UInt64(max(0, (t * 1e9).rounded()))
    }
}
