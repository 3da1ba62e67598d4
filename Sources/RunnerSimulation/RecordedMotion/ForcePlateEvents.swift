public import MarkerTracker
import CaptureKit

/// Gait events from an instrumented treadmill: the reference that real-motion event figures are
/// scored against (docs/accuracy.md, "Force-plate reference").
///
/// 1. The vertical force is low-pass filtered with gaitlive's zero-lag filter (`ZeroLagLowPass`:
///    a 2nd-order Butterworth run forward and backward, so the crossings keep their times), at
///    `Settings.cutoffHz`.
/// 2. The plate's reading with no one on it (`unloadedNewtons`; about 18 N on RBDS0041, not
///    zero) is the median of the middle halves of the flight phases, the flights being found with
///    a coarse level of a tenth of the mean force. The threshold is counted from it.
/// 3. A contact is the force above the threshold: its initial contact is the rising crossing,
///    its toe-off the falling one, both interpolated between samples. A dip under the threshold
///    shorter than `minimumFlightSeconds` does not end a contact; a contact shorter than
///    `minimumContactSeconds` is noise and makes no event.
/// 4. The foot is the one whose heel-to-5th-metatarsal line lies nearest the centre of pressure
///    at mid-contact, in the horizontal plane (markers and centre of pressure share a frame, so
///    the landmarks must be the recording's own, as `RecordedRunner.load` returns them, not the
///    replay's belt-centred ones).
///
/// Times are on the marker file's clock: marker frame (`ForcePlateTrial.markerFrame(ofRow:)`)
/// over the landmarks' frame rate, which is how a `RecordedRunner` replays the recording.
public struct ForcePlateEvents: Sendable {
    /// The few named constants of the reference (their choice and the events' sensitivity to
    /// them: docs/accuracy.md).
    public struct Settings: Sendable, Hashable {
        /// -3 dB point of the zero-lag low-pass on the vertical force, Hz.
        public var cutoffHz: Double
        /// A foot is on the belt while the vertical force exceeds the reference level by this
        /// much, newtons (published running studies use 20-50 N).
        public var thresholdNewtons: Double
        /// Whether the reference level is the plate's unloaded reading (true) or zero.
        public var aboveUnloadedReading: Bool
        /// A run above the threshold shorter than this is noise, not a contact, seconds.
        public var minimumContactSeconds: Double
        /// A dip under the threshold shorter than this does not end a contact, seconds.
        public var minimumFlightSeconds: Double

        public init(cutoffHz: Double = 50, thresholdNewtons: Double = 20, aboveUnloadedReading: Bool = true,
                    minimumContactSeconds: Double = 0.05, minimumFlightSeconds: Double = 0.01) {
            self.cutoffHz = cutoffHz
            self.thresholdNewtons = thresholdNewtons
            self.aboveUnloadedReading = aboveUnloadedReading
            self.minimumContactSeconds = minimumContactSeconds
            self.minimumFlightSeconds = minimumFlightSeconds
        }
    }

    /// A moment of the recording.
    public struct Moment: Sendable, Hashable {
        /// Marker frame, 0-based, fractional.
        public var markerFrame: Double
        /// Seconds on the marker file's clock (from its first frame).
        public var time: Double
    }

    /// One foot's contact with the belt.
    public struct Contact: Sendable {
        /// The foot; nil where the markers needed to tell are missing.
        public var side: BodySide?
        /// Nil when the recording starts during the contact.
        public var initialContact: Moment?
        /// Nil when the recording ends during the contact.
        public var toeOff: Moment?
        /// Halfway between the two crossings (or the ends of the recording).
        public var midContact: Moment
        /// The largest filtered vertical force in the contact above the reference level, newtons.
        public var peakNewtons: Double
        /// The centre of pressure at mid-contact, metres, markers' frame.
        public var centreOfPressure: Vector3?
        /// Horizontal distance from the centre of pressure at mid-contact to each foot's heel-MT5
        /// line, metres.
        public var footDistance: [BodySide: Double]
    }

    public let settings: Settings
    /// The plate's reading in flight, newtons.
    public let unloadedNewtons: Double
    /// The mean vertical force over the trial less the unloaded reading, newtons (the runner's
    /// weight on a treadmill).
    public let bodyWeightNewtons: Double
    /// The marker clock's rate the times are given in.
    public let markerFramesPerSecond: Double
    public let contacts: [Contact]

    /// Finds the contacts of `trial`; `landmarks` (the same recording's, as loaded) tell the feet
    /// apart and set the clock.
    public init(trial: ForcePlateTrial, landmarks: RecordedLandmarks, settings: Settings = Settings()) {
        self.settings = settings
        markerFramesPerSecond = landmarks.frameRate
        let fy = ForcePlateEvents.filteredVerticalForce(trial, cutoffHz: settings.cutoffHz)
        let unloaded = ForcePlateEvents.unloadedReading(fy, samplesPerSecond: trial.samplesPerSecond)
        unloadedNewtons = unloaded
        bodyWeightNewtons = fy.reduce(0, +) / Double(max(1, fy.count)) - unloaded
        let level = (settings.aboveUnloadedReading ? unloaded : 0) + settings.thresholdNewtons
        let runs = ForcePlateEvents.contactRuns(fy, above: level, samplesPerSecond: trial.samplesPerSecond,
                                                minimumContact: settings.minimumContactSeconds,
                                                minimumFlight: settings.minimumFlightSeconds)
        let rate = landmarks.frameRate
        func moment(row: Double) -> Moment {
            let f = trial.markerFrame(ofRow: row)
            return Moment(markerFrame: f, time: f / rate)
        }
        func crossing(_ a: Int, _ b: Int) -> Double {
            let d = fy[b] - fy[a]
            return Double(a) + (d == 0 ? 0.5 : (level - fy[a]) / d)
        }
        var out: [Contact] = []
        for run in runs {
            let start = run.lowerBound > 0 ? crossing(run.lowerBound - 1, run.lowerBound) : nil
            let end = run.upperBound < fy.count ? crossing(run.upperBound - 1, run.upperBound) : nil
            let midRow = ((start ?? Double(run.lowerBound)) + (end ?? Double(run.upperBound - 1))) / 2
            let mid = Int(midRow.rounded())
            let cop = trial.centreOfPressure[mid]
            var distance: [BodySide: Double] = [:]
            if let cop {
                for side in BodySide.allCases {
                    if let d = ForcePlateEvents.footDistance(cop, landmarks.legs(side), frame: trial.markerFrame(ofRow: Double(mid))) {
                        distance[side] = d
                    }
                }
            }
            let side = distance.min { $0.value < $1.value }?.key
            let peak = fy[run].max() ?? level
            out.append(Contact(side: side, initialContact: start.map(moment), toeOff: end.map(moment),
                               midContact: moment(row: midRow), peakNewtons: peak - (settings.aboveUnloadedReading ? unloaded : 0),
                               centreOfPressure: cop, footDistance: distance))
        }
        contacts = out
    }

    /// Whether every contact's foot is known and differs from the one before.
    public var sidesAlternate: Bool {
        contacts.allSatisfy { $0.side != nil } && zip(contacts, contacts.dropFirst()).allSatisfy { $0.side != $1.side }
    }

    /// The events as one camera would carry them: each belongs to the first frame at or after
    /// it (frames at `offset + k / framesPerSecond` on the marker clock), as the simulated
    /// runner's true events do. `sides`: the legs the camera sees (the side view: its leg).
    public func gaitEvents(view: CameraView, framesPerSecond fps: Double, offset: Double = 0,
                           sides: Set<BodySide> = Set(BodySide.allCases)) -> [GaitEvent] {
        var out: [GaitEvent] = []
        for c in contacts {
            guard let side = c.side, sides.contains(side) else { continue }
            for (kind, m) in [(GaitEvent.Kind.initialContact, c.initialContact), (.toeOff, c.toeOff)] {
                guard let m else { continue }
                let frame = Int(((m.time - offset) * fps - 1e-9).rounded(.up))
                out.append(GaitEvent(kind: kind, side: side, view: view, frame: frame, time: m.time))
            }
        }
        return out.sorted { $0.time < $1.time }
    }

    // MARK: - steps

    /// The vertical force, zero-lag low-pass filtered at `cutoffHz`, newtons.
    public static func filteredVerticalForce(_ trial: ForcePlateTrial, cutoffHz: Double) -> [Double] {
        let filter = ZeroLagLowPass(cutoffHz: cutoffHz, sampleRateHz: trial.samplesPerSecond, isAngle: false)
        var scratch: [Double] = []
        return filter.filter(trial.verticalForce, scratch: &scratch)
    }

    /// The plate's reading in flight: the median of the middle half of every flight, the flights
    /// being the gaps between runs above a tenth of the mean force (0 if there is no flight).
    public static func unloadedReading(_ fy: [Double], samplesPerSecond: Double) -> Double {
        let mean = fy.reduce(0, +) / Double(max(1, fy.count))
        let runs = contactRuns(fy, above: 0.1 * mean, samplesPerSecond: samplesPerSecond, minimumContact: 0.05, minimumFlight: 0.01)
        var flight: [Double] = []
        for (a, b) in zip(runs, runs.dropFirst()) {
            let gap = b.lowerBound - a.upperBound
            guard gap >= 4 else { continue }
            flight += fy[(a.upperBound + gap / 4)..<(b.lowerBound - gap / 4)]
        }
        guard !flight.isEmpty else { return 0 }
        flight.sort()
        return flight[flight.count / 2]
    }

    /// Runs of samples above `level`: gaps shorter than `minimumFlight` seconds are bridged, runs
    /// shorter than `minimumContact` seconds dropped.
    static func contactRuns(_ fy: [Double], above level: Double, samplesPerSecond: Double, minimumContact: Double,
                            minimumFlight: Double) -> [Range<Int>] {
        var raw: [Range<Int>] = []
        var i = 0
        while i < fy.count {
            guard fy[i] > level else { i += 1; continue }
            var j = i
            while j < fy.count, fy[j] > level { j += 1 }
            raw.append(i..<j)
            i = j
        }
        var merged: [Range<Int>] = []
        let shortestGap = Int((minimumFlight * samplesPerSecond).rounded(.up))
        for r in raw {
            if let last = merged.last, r.lowerBound - last.upperBound < shortestGap {
                merged[merged.count - 1] = last.lowerBound..<r.upperBound
            } else {
                merged.append(r)
            }
        }
        let shortestContact = Int((minimumContact * samplesPerSecond).rounded(.up))
        return merged.filter { $0.count >= shortestContact }
    }

    /// Horizontal distance from `cop` to the heel-MT5 segment of `legs` at marker frame `frame`
    /// (interpolated), metres; nil where a landmark is missing.
    static func footDistance(_ cop: Vector3, _ legs: [RecordedLandmarks.Leg], frame: Double) -> Double? {
        guard !legs.isEmpty else { return nil }
        let i0 = min(legs.count - 1, max(0, Int(frame.rounded(.down)))), i1 = min(legs.count - 1, i0 + 1)
        let w = min(1, max(0, frame - Double(i0)))
        guard let h0 = legs[i0].heel, let h1 = legs[i1].heel, let m0 = legs[i0].fifthMetatarsal,
              let m1 = legs[i1].fifthMetatarsal else { return nil }
        let heel = Vector3.mix(h0, h1, w), mt5 = Vector3.mix(m0, m1, w)
        let a = Vector3(heel.x, 0, heel.z), b = Vector3(mt5.x, 0, mt5.z), p = Vector3(cop.x, 0, cop.z)
        let ab = b - a
        let t = ab.dot(ab) > 0 ? min(1, max(0, (p - a).dot(ab) / ab.dot(ab))) : 0
        return (p - (a + ab * t)).length
    }
}
