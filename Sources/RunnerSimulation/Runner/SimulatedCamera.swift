import Foundation
public import MarkerTracker
public import CaptureKit

/// A virtual camera filming the simulated runner: a `FrameSource` like a V4L2 camera.
///
/// Paced mode waits on a CLOCK_MONOTONIC timerfd at the frame rate, so frames arrive in real
/// time and, if the pipeline falls behind, sequence numbers skip exactly as a driver's would.
/// Unpaced mode renders frames back to back on a synthetic clock (tests, headless runs) and
/// never drops. Every frame carries its ground truth.
public final class SimulatedCamera: FrameSource {
    public enum Pacing: Sendable {
        case realtime
        case unpaced
    }

    public let runner: SimulatedRunner
    public let camera: VirtualCamera
    public let nominalFramesPerSecond: Double
    public let pacing: Pacing
    /// Seconds this camera's exposures lag the simulation clock (two real cameras are never in step).
    public let timeOffset: Double
    /// Frames to deliver before `endOfStream` (nil = unlimited).
    public let frameLimit: Int?
    public var faults: SimulatedFaults
    /// Exposure, gain and JPEG of the picture (`CameraPicture.ideal` unless set).
    public let picture: CameraPicture
    private var compression: PictureCompression?
    private var renderer: SceneRenderer
    private var clock: SimulatedFrameClock
    private var delivered = 0
    private var previousTime: Double?
    private let calculator: AngleCalculator

    public var name: String { "simulated \(camera.view.rawValue) camera" }
    public var descriptor: Int32? { clock.descriptor }

    public init(runner: SimulatedRunner, view: CameraView, width: Int = 640, height: Int = 480,
                framesPerSecond: Double = 120, pacing: Pacing, timeOffset: Double? = nil, frameLimit: Int? = nil,
                faults: SimulatedFaults = SimulatedFaults(), camera: VirtualCamera? = nil,
                picture: CameraPicture = .ideal) {
        self.runner = runner
        self.camera = camera ?? (view == .side ? .side(on: runner.sideCameraOn, width: width, height: height)
            : .rear(width: width, height: height))
        nominalFramesPerSecond = framesPerSecond
        self.pacing = pacing
        self.timeOffset = timeOffset ?? (view == .rear ? 0.0031 : 0)
        self.frameLimit = frameLimit
        self.faults = faults
        self.picture = picture
        compression = picture.jpegQuality.map { PictureCompression(quality: $0) }
        renderer = SceneRenderer(camera: self.camera, picture: picture, seed: runner.seed)
        clock = SimulatedFrameClock(framesPerSecond: framesPerSecond, timeOffset: self.timeOffset)
        calculator = AngleCalculator(forward: view == .side ? self.camera.runningDirection : 1)
    }

    public func start() throws {
        guard pacing == .realtime else { return }
        try clock.startRealtime(firstTimestamp: runner.timestamp(ofSimulationTime: timeOffset),
                                simulationTimeNow: runner.simulationTime(ofTimestamp: MonotonicClock.now()))
    }

    public func readFrame() throws -> Frame? {
        if let limit = frameLimit, delivered >= limit { throw CaptureError.endOfStream }
        guard let index = clock.next() else { return nil }
        delivered += 1
        return render(index: index, time: clock.time(ofFrame: index))
    }

    public func stop() {
        clock.stop()
    }

    /// Renders the frame with sequence number `index` at simulation time `t`.
    public func render(index: UInt64, time t: Double) -> Frame {
        let model = runner.currentModel
        var pose = model.pose(at: t)
        if faults.lowArmCarriage { pose = pose.withLowArmCarriage() }
        let view = camera.view
        var visible = faults.visibility(view: view, time: t, markerCount: MarkerSet.standard(for: view).count)
        // An LED behind the near arm (from this camera) is hidden: the arm swinging over the hip.
        let markers3D = pose.markers(for: view)
        for i in visible.indices where visible[i] && LineOfSight.isBlockedByNearArm(markers3D[i], pose: pose, camera: camera) {
            visible[i] = false
        }
        let spots = faults.extraSpots(view: view, time: t, width: camera.width, height: camera.height)
        let lowArms = faults.lowArmCarriage
        let streaks = MotionBlur.streaks(view: view, camera: camera, time: t, milliseconds: picture.exposureMilliseconds) {
            let p = model.pose(at: $0)
            return lowArms ? p.withLowArmCarriage() : p
        }
        var image = renderer.render(pose, frame: index, visible: visible, extraSpots: spots,
                                    glare: faults.glare[view] ?? [], streaks: streaks, sceneLight: picture.sceneLight(at: t))
        if let compression { image = compression.roundTrip(image) }

        // Ground truth: projected markers (nil when hidden), angles from them, events since the last frame.
        let projected: [Point?] = pose.markers(for: view).map { camera.project($0) }
        var truePoints = projected
        for i in truePoints.indices where !visible[i] { truePoints[i] = nil }
        let tracked: MarkerFrame = truePoints.map { p in p.map { TrackedMarker(position: $0, confidence: 1, source: .detected) } }
        var calc = calculator
        calc.inclineDegrees = atan(pose.inclinePercent / 100) * 180 / .pi
        let angles = calc.angles(tracked, view: view)
        let from = previousTime ?? (t - 1 / nominalFramesPerSecond)
        previousTime = t
        let events = model.events(after: from, upTo: t).compactMap { e -> GaitEvent? in
            // The side camera sees events of its own leg only.
            if view == .side && e.side != runner.sideCameraOn { return nil }
            return GaitEvent(kind: e.kind, side: e.side, view: view, frame: Int(index), time: e.time)
        }
        let truth = FrameTruth(time: t, markers: truePoints, angles: angles, forward: calc.forward, events: events,
                               inclinePercent: pose.inclinePercent, projectedMarkers: projected)
        return Frame(view: view, sequence: UInt32(truncatingIfNeeded: index),
                     timestampNanoseconds: runner.timestamp(ofSimulationTime: t), luma: image, truth: truth)
    }
}
