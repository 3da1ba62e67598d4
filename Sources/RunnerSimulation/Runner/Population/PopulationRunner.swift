import Foundation
public import MarkerTracker

/// One runner of the simulated population: body, running style and the clinic's two camera
/// set-ups, drawn by `RunnerPopulation.runner(seed:)` or built by hand (tests pick hard cases).
///
/// Everything follows from these values: the runner's `profile`, its model, the two virtual
/// cameras framing it, and its leg length for the event detectors.
public struct PopulationRunner: Sendable, Hashable {
    /// The runner's seed (also the seed of its simulated cameras' noise and its starting phase).
    public var seed: UInt64
    /// Standing height, metres (scales the default segment lengths, Winter's proportions).
    public var height: Double
    /// Hip to knee and knee to ankle, metres.
    public var thighLength: Double
    public var shankLength: Double
    /// Half the distance between the hip joint centres, metres.
    public var hipHalfWidth: Double
    /// Half the distance between the posterior superior iliac spines, metres.
    public var psisHalfSpacing: Double
    /// Extra adduction of each whole leg, degrees (+ narrower step); see `stepWidth`.
    public var legAdduction: Double
    /// Belt speed, m/s.
    public var speed: Double
    /// The runner's step rate against the population's at this speed.
    public var cadenceScale: Double
    /// Degrees of extra swing knee flexion and thigh flexion over the population's at this speed.
    public var kneeFlexionOffset: Double
    public var thighFlexionOffset: Double
    /// Sole against the belt at initial contact, degrees relative to standing (+ rearfoot strike,
    /// about 0 midfoot (flat), - forefoot strike).
    public var footStrikeAngle: Double
    /// The LEDs' offsets from their landmarks.
    public var placement: MarkerPlacement
    public var sideCamera: CameraPlacement
    public var rearCamera: CameraPlacement

    public init(seed: UInt64, height: Double = 1.75, thighLength: Double = 0.43, shankLength: Double = 0.42,
                hipHalfWidth: Double = 0.085, psisHalfSpacing: Double = 0.045, legAdduction: Double = 0, speed: Double = 3,
                cadenceScale: Double = 1, kneeFlexionOffset: Double = 0, thighFlexionOffset: Double = 0,
                footStrikeAngle: Double = 13, placement: MarkerPlacement = .exact,
                sideCamera: CameraPlacement = RunnerPopulation.defaultSideCamera,
                rearCamera: CameraPlacement = RunnerPopulation.defaultRearCamera) {
        self.seed = seed
        self.height = height
        self.thighLength = thighLength
        self.shankLength = shankLength
        self.hipHalfWidth = hipHalfWidth
        self.psisHalfSpacing = psisHalfSpacing
        self.legAdduction = legAdduction
        self.speed = speed
        self.cadenceScale = cadenceScale
        self.kneeFlexionOffset = kneeFlexionOffset
        self.thighFlexionOffset = thighFlexionOffset
        self.footStrikeAngle = footStrikeAngle
        self.placement = placement
        self.sideCamera = sideCamera
        self.rearCamera = rearCamera
    }

    /// How this runner runs (level belt).
    public var profile: RunnerProfile {
        var p = RunnerProfile.running(at: speed, cadenceScale: cadenceScale, kneeFlexionOffset: kneeFlexionOffset,
                                      thighFlexionOffset: thighFlexionOffset, footStrikeAngle: footStrikeAngle)
        p.thighLength = thighLength
        p.shankLength = shankLength
        p.trunkLength = 0.52 * height / 1.75
        p.hipHalfWidth = hipHalfWidth
        p.psisHalfSpacing = psisHalfSpacing
        p.legAdduction = legAdduction
        p.placement = placement
        p.plantedFeet = true
        return p
    }

    /// Which side of the treadmill the side camera stands on.
    public var sideCameraOn: BodySide { sideCamera.side }

    /// The simulated runner (both cameras read it), from its seed's starting phase.
    public func simulatedRunner(clockOrigin: UInt64 = 0) -> SimulatedRunner {
        SimulatedRunner(profile: profile, seed: seed, sideCameraOn: sideCameraOn, clockOrigin: clockOrigin)
    }

    /// The model alone, from phase `startPhase`.
    public func model(startPhase: Double = 0) -> RunnerModel {
        RunnerModel(profile: profile, sideMarkersOn: sideCameraOn, startPhase: startPhase)
    }

    /// Where this view's LEDs pass over one stride (sampled), room coordinates.
    public func ledPath(_ view: CameraView, samples: Int = 96) -> [Vector3] {
        let m = model()
        let period = 1 / profile.strideFrequency
        return (0..<samples).flatMap { i in m.pose(at: Double(i) / Double(samples) * period).markers(for: view) }
    }

    /// The virtual camera of `view` as set up for this runner.
    public func camera(_ view: CameraView, width: Int = 640, height: Int = 480) -> VirtualCamera {
        (view == .side ? sideCamera : rearCamera).camera(for: ledPath(view), width: width, height: height)
    }

    /// The simulated camera of `view` filming `runner` (this runner's `simulatedRunner`).
    public func simulatedCamera(_ view: CameraView, runner: SimulatedRunner, width: Int = 640, height: Int = 480,
                                framesPerSecond: Double = 120, faults: SimulatedFaults = SimulatedFaults(),
                                picture: CameraPicture = .ideal) -> SimulatedCamera {
        SimulatedCamera(runner: runner, view: view, width: width, height: height, framesPerSecond: framesPerSecond,
                        pacing: .unpaced, faults: faults, camera: camera(view, width: width, height: height), picture: picture)
    }

    /// Greater trochanter to floor standing, centimetres (what a clinic measures for
    /// `legLengthCm`): hip joint height less the trochanter LED's 1.5 cm.
    public var legLengthCm: Double { (thighLength + shankLength + RunnerModel.soleDepth - 0.015) * 100 }

    /// Distance between the heel centres at initial contact, metres (negative: the feet land
    /// across the midline, a crossover).
    public var stepWidth: Double { 2 * RunnerPopulation.heelHalfWidth(profile) }

    /// The LEDs' vertical span in the picture of `view` over a stride, as a fraction of its height.
    public func frameFraction(_ view: CameraView, width: Int = 640, height: Int = 480) -> Double {
        let cam = camera(view, width: width, height: height)
        let ys = ledPath(view).compactMap { cam.project($0)?.y }
        guard let lo = ys.min(), let hi = ys.max() else { return 0 }
        return (hi - lo) / Double(height)
    }

    /// One line for benchmark output.
    public var summary: String {
        func f(_ v: Double, _ d: Int = 1) -> String { String(format: "%.\(d)f", v) }
        let r = rearCamera, s = sideCamera
        return "runner \(seed): \(f(speed)) m/s, \(f(profile.cadence, 0)) steps/min, foot strike \(f(footStrikeAngle, 0)) deg, "
            + "height \(f(height, 2)) m, thigh/shank \(f(thighLength * 100, 0))/\(f(shankLength * 100, 0)) cm, "
            + "hips \(f(hipHalfWidth * 200, 0)) cm, PSIS \(f(psisHalfSpacing * 200, 0)) cm apart, "
            + "step width \(f(stepWidth * 100, 0)) cm, LEDs up to \(f(placement.largestOffset * 100)) cm off; "
            + "rear camera \(f(r.distance)) m, yaw \(f(r.yaw, 0)), pitch \(f(r.pitch, 0)), roll \(f(r.roll)), "
            + "runner \(f(100 * frameFraction(.rear), 0)) % of the frame; "
            + "side camera \(s.side.rawValue) \(f(s.distance)) m, yaw \(f(s.yaw, 0)), pitch \(f(s.pitch, 0)), roll \(f(s.roll)), "
            + "\(f(100 * frameFraction(.side), 0)) %"
    }
}
