import Foundation
public import MarkerTracker
public import CaptureKit

/// A virtual camera filming a replayed recording (`RecordedRunner`): a `FrameSource` like the
/// simulated cameras, rendered by the same `SceneRenderer`, with the same ground truth in every
/// frame (true marker positions and angles, and the reference events of `referenceEvents`).
///
/// Paced mode waits on a CLOCK_MONOTONIC timerfd at the frame rate; unpaced renders back to back.
/// A recording that does not loop ends the stream at its end.
public final class RecordedMotionCamera: FrameSource {
    public let runner: RecordedRunner
    public let camera: VirtualCamera
    public let nominalFramesPerSecond: Double
    public let pacing: SimulatedCamera.Pacing
    /// Seconds this camera's exposures lag replay time (two real cameras are never in step).
    public let timeOffset: Double
    public let frameLimit: Int?
    /// Exposure, gain and JPEG of the picture (`CameraPicture.ideal` unless set).
    public let picture: CameraPicture
    private var compression: PictureCompression?
    private var renderer: SceneRenderer
    private var clock: SimulatedFrameClock
    private var delivered = 0
    private let calculator: AngleCalculator
    /// Reference events by frame number (computed once, for one pass of the recording).
    private let truthEvents: [Int: [GaitEvent]]
    private let framesPerPass: Int

    public var name: String { "replay \(camera.view.rawValue) camera" }
    public var descriptor: Int32? { clock.descriptor }

    public init(runner: RecordedRunner, view: CameraView, width: Int = 640, height: Int = 480,
                framesPerSecond: Double = 120, pacing: SimulatedCamera.Pacing, timeOffset: Double? = nil,
                frameLimit: Int? = nil, camera: VirtualCamera? = nil, picture: CameraPicture = .ideal) {
        self.runner = runner
        self.camera = camera ?? (view == .side ? .side(on: runner.sideCameraOn, width: width, height: height)
            : .rear(width: width, height: height))
        nominalFramesPerSecond = framesPerSecond
        self.pacing = pacing
        let offset = timeOffset ?? (view == .rear ? 0.0031 : 0)
        self.timeOffset = offset
        self.frameLimit = frameLimit
        self.picture = picture
        compression = picture.jpegQuality.map { PictureCompression(quality: $0) }
        renderer = SceneRenderer(camera: self.camera, picture: picture, seed: runner.seed)
        clock = SimulatedFrameClock(framesPerSecond: framesPerSecond, timeOffset: self.timeOffset)
        calculator = AngleCalculator(forward: view == .side ? self.camera.runningDirection : 1)
        framesPerPass = max(1, Int(((runner.duration - offset) * framesPerSecond).rounded(.down)) + 1)
        var byFrame: [Int: [GaitEvent]] = [:]
        for e in runner.referenceEvents(framesPerSecond: framesPerSecond, offset: offset, frames: framesPerPass)
        where view == .rear || e.side == runner.sideCameraOn {
            var ev = e
            ev.view = view
            byFrame[e.frame, default: []].append(ev)
        }
        truthEvents = byFrame
    }

    public func start() throws {
        guard pacing == .realtime else { return }
        try clock.startRealtime(firstTimestamp: runner.timestamp(ofSimulationTime: timeOffset),
                                simulationTimeNow: runner.simulationTime(ofTimestamp: MonotonicClock.now()))
    }

    public func readFrame() throws -> Frame? {
        if let limit = frameLimit, delivered >= limit { throw CaptureError.endOfStream }
        guard let index = clock.next() else { return nil }
        if !runner.loops && Int(index) >= framesPerPass { throw CaptureError.endOfStream }
        delivered += 1
        return render(index: index, time: clock.time(ofFrame: index))
    }

    public func stop() {
        clock.stop()
    }

    /// Renders frame `index` at replay time `t`, with its ground truth.
    public func render(index: UInt64, time t: Double) -> Frame {
        let view = camera.view
        let count = MarkerSet.standard(for: view).count
        var image: LumaImage
        var truePoints = [Point?](repeating: nil, count: count)
        if let (pose, side, rear) = runner.pose(at: t) {
            let visible = view == .side ? side : rear
            let streaks = MotionBlur.streaks(view: view, camera: camera, time: t,
                                             milliseconds: picture.exposureMilliseconds) { runner.pose(at: $0)?.0 }
            image = renderer.render(pose, frame: index, visible: visible, streaks: streaks)
            if let compression { image = compression.roundTrip(image) }
            for (i, m) in pose.markers(for: view).enumerated() where visible[i] { truePoints[i] = camera.project(m) }
        } else {
            image = LumaImage(width: camera.width, height: camera.height,
                              pixels: [UInt8](repeating: 0, count: camera.width * camera.height))
        }
        let tracked: MarkerFrame = truePoints.map { p in p.map { TrackedMarker(position: $0, confidence: 1, source: .detected) } }
        let angles = calculator.angles(tracked, view: view)
        let pass = Int(index) / framesPerPass
        let events = (truthEvents[Int(index) % framesPerPass] ?? []).map { e -> GaitEvent in
            var ev = e
            ev.frame = Int(index)
            ev.time = e.time + Double(pass) * Double(framesPerPass) / nominalFramesPerSecond
            return ev
        }
        let truth = FrameTruth(time: t, markers: truePoints, angles: angles, forward: calculator.forward, events: events,
                               inclinePercent: 0)
        return Frame(view: view, sequence: UInt32(truncatingIfNeeded: index),
                     timestampNanoseconds: runner.timestamp(ofSimulationTime: t), luma: image, truth: truth)
    }
}
