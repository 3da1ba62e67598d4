import MarkerTracker
@testable import CaptureKit
@testable import RunnerSimulation

/// A recorded runner filmed by one virtual camera (640x480), without rendering: the exact
/// projected markers plus the tracker's noise (0.02 px Gaussian from `rng`), through the view's
/// `GaitAnalyzer`. What the event and metric tests of real motion score (RealMotionTests,
/// ForcePlateTests).
///
/// Frame `k` is at replay time `offset + k / framesPerSecond`; the rear camera starts 3.1 ms
/// after the side camera, as two free-running cameras would.
struct RecordedReplay {
    let view: CameraView
    let cameraSide: BodySide
    let framesPerSecond: Double
    let offset: Double
    let frames: Int
    /// Every event the view's analyzer reported.
    var detected: [GaitEvent] = []
    /// Every stride it measured.
    var strides: [StrideMetrics] = []
    /// Each frame's raw angles (this frame's markers alone).
    var angles: [AngleSet] = []

    init(_ runner: RecordedRunner, view: CameraView, cameraSide: BodySide = .right, legLengthCm: Double = 92,
         framesPerSecond fps: Double = 120, rng: inout SplitMix64) {
        self.view = view
        self.cameraSide = cameraSide
        framesPerSecond = fps
        let cam = view == .side ? VirtualCamera.side(on: cameraSide, width: 640, height: 480) : .rear(width: 640, height: 480)
        offset = view == .rear ? 0.0031 : 0
        frames = Int((runner.duration - offset) * fps)
        let forward = view == .side ? cam.runningDirection : 1
        var g = GaitAnalyzer(view: view, markerSide: cameraSide, legLengthCm: legLengthCm)
        angles.reserveCapacity(frames)
        for k in 0..<frames {
            let t = time(ofFrame: k)
            let markers: MarkerFrame = runner.markers(view, at: t).map { p in
                p.flatMap { cam.project($0) }.map {
                    TrackedMarker(position: Point(x: $0.x + 0.02 * rng.gaussian(), y: $0.y + 0.02 * rng.gaussian()),
                                  confidence: 1, source: .detected)
                }
            }
            let a = AngleCalculator(forward: forward).angles(markers, view: view)
            angles.append(a)
            let u = g.push(frame: k, time: t, markers: markers, angles: a, forward: forward)
            detected += u.events
            strides += u.strides
        }
    }

    func time(ofFrame k: Int) -> Double { Double(k) / framesPerSecond + offset }

    /// The old kinematic reference (`RecordedRunner.referenceEvents`) at this camera's frames, for
    /// the legs it sees, labelled with its view.
    func kinematicReference(_ runner: RecordedRunner) -> [GaitEvent] {
        runner.referenceEvents(framesPerSecond: framesPerSecond, offset: offset, frames: frames)
            .filter { view == .rear || $0.side == cameraSide }.map { e -> GaitEvent in var x = e; x.view = view; return x }
    }

    /// One angle over the replay, zero-lag filtered as stride metrics are (the review cut-off).
    func filtered(_ kind: AngleKind) -> [Double?] {
        ZeroLagLowPass(cutoffHz: AngleSeriesFilter.reviewCutoffHz, sampleRateHz: framesPerSecond)(angles.map { $0[kind] })
    }
}
