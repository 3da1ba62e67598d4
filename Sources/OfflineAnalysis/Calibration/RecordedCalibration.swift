public import MarkerTracker
public import SessionStore

/// A standing calibration taken again from a recorded session (`gaitlive calibrate DIR --at S`):
/// the two seconds of each camera around a standing moment in the recording, checked for
/// stillness like a PT's key press live, measured by `StandingCalibration`, and saved into
/// `session.json`'s `calibration` block (atomically, under the session lock); nothing recorded is
/// touched. The strides are measured again from the stored markers from then on (`recalibrated`).
public enum RecordedCalibration {
    /// Why a session cannot be calibrated at that moment: one line naming what is wrong.
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// The calibration from the standing moment around `seconds` (session clock, as beside the
    /// frame number in review) of `session`.
    public static func measure(_ session: RecordedSession, at seconds: Double,
                               scale: StandingCalibration.Scale?) throws(Problem) -> SideCalibration {
        let window = StandingCalibration().averageSeconds
        var windows: [CameraView: [StandingCalibration.Sample]] = [:]
        var start: Double?
        for view in CameraView.allCases {
            guard let stage = session.stages.first(where: { s in
                guard let rv = s.views[view], rv.frameCount > 0 else { return false }
                let t = rv.times
                return t[0] <= seconds && seconds <= t[rv.frameCount - 1]
            }), let rv = stage.views[view] else { continue }
            let times = rv.times
            let first = times[0], last = times[rv.frameCount - 1]
            // Two seconds centred on the moment, shifted to lie within the recording.
            var from = max(first, seconds - window / 2)
            from = min(from, max(first, last - window))
            var samples: [StandingCalibration.Sample] = []
            for n in 0..<rv.frameCount where times[n] >= from && times[n] < from + window {
                samples.append(.init(time: times[n], markers: rv.markers(at: n)))
            }
            guard let a = samples.first?.time, let b = samples.last?.time, b - a >= window * 0.9 else {
                throw Problem("\(session.directory): no standing moment at \(seconds) s: the \(view.rawValue) camera's recording "
                              + "holds less than \(window) s there")
            }
            if let p = StandingCalibration.stillnessProblem(samples, view: view,
                                                            stillPixels: StandingCalibration().pressedStillPixels) {
                throw Problem("\(session.directory): no standing moment at \(seconds) s: \(view.rawValue) camera: \(p)")
            }
            windows[view] = samples
            start = min(start ?? a, a)
        }
        guard !windows.isEmpty else {
            throw Problem("\(session.directory): no standing moment at \(seconds) s: no camera recorded that moment")
        }
        var c = StandingCalibration.measure(side: windows[.side], rear: windows[.rear], scale: scale, at: start)
        c.recalibrated = true
        return c
    }

    /// Replaces the `calibration` block of the session in `directory` (re-read under the
    /// session's lock, written atomically). Fails while a gaitlive is recording the session.
    public static func save(_ calibration: SideCalibration, directory: String) throws {
        guard let lock = try SessionLock.acquire(directory) else {
            throw Problem("\(directory): being recorded by a running gaitlive; calibrate it there")
        }
        defer { lock.release() }
        var m = try ManifestStore.read(from: directory)
        m.calibration = calibration
        try ManifestStore.write(m, to: directory)
    }

    /// One line saying what was calibrated.
    public static func summary(_ c: SideCalibration) -> String {
        func d(_ v: Double) -> String {
            let r = (v * 10).rounded() / 10
            return r == 0 ? "0.0" : "\(r)"
        }
        var s = "neutral ankle \(d(c.neutralAnkle)), foot \(d(c.neutralFoot)), trunk \(d(c.standingTrunkLean)), "
            + "pelvis \(d(c.standingObliquity)) deg"
        if let cm = c.centimetresPerPixel {
            s += ", \((cm * 10000).rounded() / 10000) cm/px from " + (c.scaleSource == "known-distance" ? "a known distance" : "the leg length")
        } else {
            s += ", no scale (no leg length)"
        }
        return s
    }
}
