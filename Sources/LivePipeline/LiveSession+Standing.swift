public import MarkerTracker
import Synchronization
import CaptureKit
public import SessionStore

/// The standing calibration while the session runs: what `LiveSession.standing` holds.
struct StandingState: Sendable {
    /// Looking for a standing moment (nil: not looking).
    var detector: StandingCalibration?
    /// The calibration in force (the options' until one is made).
    var current: SideCalibration
}

extension LiveSession {
    /// The scale a standing calibration uses: the known distance if given, else the leg length.
    static func scale(_ options: Options) -> StandingCalibration.Scale? {
        options.standingScale ?? options.athlete.legLengthCm.map { .legLength(centimetres: $0) }
    }

    /// The frame rate asked of `view`'s camera (0 if there is none).
    public func nominalFramesPerSecond(_ view: CameraView) -> Double { nominalFps[view] ?? 0 }

    /// The calibration in force (angles and centimetres use it from when it was made).
    public var calibration: SideCalibration { standing.withLock { $0.current } }

    /// While a standing calibration is being looked for, what it waits for ("side camera: KNE
    /// moved 40 px ..."); nil when not looking.
    public var standingProblem: String? {
        standing.withLock { s in s.detector.map { $0.problem ?? "calibrating" } }
    }

    /// Whether a standing calibration is being looked for.
    public var isCalibrating: Bool { standing.withLock { $0.detector != nil } }

    /// The PT's key: the athlete stands now; take the next two seconds (a little sway allowed).
    /// Starts looking again if a calibration was already made (it replaces it when done).
    public func calibrateNow() {
        standing.withLock { s in
            var d = s.detector ?? StandingCalibration(views: views, scale: LiveSession.scale(options))
            d.press()
            s.detector = d
        }
    }

    /// Stops looking for a standing moment (the calibration in force stays).
    public func cancelCalibration() {
        standing.withLock { $0.detector = nil }
    }

    /// One tracked frame for the detector; a finished calibration goes to every camera's
    /// analysis and to the manifest.
    func feedStanding(_ view: CameraView, seconds: Double, markers: MarkerFrame) {
        let made = standing.withLock { s -> SideCalibration? in
            guard s.detector != nil, let c = s.detector!.add(view, time: seconds, markers: markers) else { return nil }
            s.detector = nil
            s.current = c
            return c
        }
        guard let made else { return }
        for slot in slots { slot.processor.withLock { $0.recalibrate(made) } }
        recorder.reportCalibration(made)
    }
}
