import MarkerTracker
@testable import SessionStore
@testable import RunnerSimulation

/// Runner 004 of Fukuchi et al. (2017) with its instrumented treadmill (data/realdata), loaded
/// once for the force-plate suites: the forces, the landmarks as recorded (the centre of
/// pressure's frame) and the force-plate reference with gaitlive's settings.
struct ForcePlateFixture: Sendable {
    static let markerPath = RealMotionTests.root + "RBDS0041runT252.txt"
    static let forcePath = RealMotionTests.root + "RBDS0041runT252forces.txt"
    static let processedPath = RealMotionTests.root + "RBDS0041processed.txt"

    let trial: ForcePlateTrial
    let landmarks: RecordedLandmarks
    let reference: ForcePlateEvents

    init() throws(MarkerFileError) {
        trial = try ForcePlateTrial.read(path: Self.forcePath)
        landmarks = try RecordedRunner.load(path: Self.markerPath)
        reference = ForcePlateEvents(trial: trial, landmarks: landmarks)
    }

    private static let shared = Result<ForcePlateFixture, MarkerFileError> { () throws(MarkerFileError) in try ForcePlateFixture() }

    static func load() throws(MarkerFileError) -> ForcePlateFixture { try shared.get() }

    /// The replay of the same recording (belt-centred landmarks, same clock).
    func runner(sideCameraOn side: BodySide = .right) -> RecordedRunner {
        RecordedRunner(landmarks: landmarks, sideCameraOn: side, clockOrigin: 0)
    }

    /// The scored span of a replay, seconds: from 2 s to half a second before the end, as the
    /// other real-motion tests score.
    func scoredSpan() -> ClosedRange<Double> {
        2.0...(Double(landmarks.times.count - 1) / landmarks.frameRate - 0.5)
    }
}
