import Foundation
public import MarkerTracker
import Synchronization
public import CaptureKit
public import SessionStore

/// A running capture session: one capture thread and tracker per camera, the shared timeline of
/// stages and recording, the recorder, and the newest snapshots for the screen.
///
/// The data flow is docs/architecture.md ("Threads and data flow"): each camera thread tracks its own frames, tags them by
/// timestamp against the timeline, hands recorded ones to the recorder's bounded queue, and
/// overwrites its snapshot slot. Control (record, next stage, note) may come from any thread.
public final class LiveSession: Sendable {
    /// One camera to run.
    public struct Camera: Sendable {
        public var view: CameraView
        public var source: Transfer<any FrameSource>
        public var description: SessionManifest.Camera
        /// Video format of the recording.
        public var recordingFormat: Y4MHeader
        /// The camera's controls (V4L2 cameras), adjustable from any thread while it runs.
        public var controls: CameraControls?

        public init(view: CameraView, source: Transfer<any FrameSource>, description: SessionManifest.Camera,
                    recordingFormat: Y4MHeader, controls: CameraControls? = nil) {
            self.view = view
            self.source = source
            self.description = description
            self.recordingFormat = recordingFormat
            self.controls = controls
        }
    }

    /// Everything about the session that is not a camera.
    public struct Options: Sendable {
        public var athlete: SessionManifest.Athlete
        /// Session directory to record into (created; must not exist or be empty).
        public var directory: String
        /// "simulated", "replay" (recorded motion), "v4l2" or "import".
        public var source: String
        /// Grade of the incline stage, percent.
        public var inclinePercent: Double
        /// Wait for the recorder rather than drop (only for sources that can wait).
        public var lossless: Bool
        /// Frames the recorder queue holds per camera before dropping.
        public var queueFramesPerCamera: Int
        public var markerSide: BodySide
        public var calibration: SideCalibration
        public var simulation: SessionManifest.Simulation?
        /// Monotonic ns of session time 0.
        public var clockOrigin: UInt64
        public var software: String
        /// Refuse to start unless the disk holds this many minutes of recording (0: no check).
        public var minimumFreeMinutes: Double
        /// Tests: a byte budget standing in for a small disk.
        public var writeLimit: WriteLimit?
        /// How the videos are stored: JPEG in Matroska (default, format v2) or raw Y4M.
        public var videoStorage: VideoStorage
        /// Seconds before `r` that recording also keeps (`--pre-record`; compressed video only).
        public var preRecordSeconds: Double
        /// Look for the athlete standing still and calibrate from it (`StandingCalibration`); the
        /// key press (`calibrateNow`) works either way.
        public var detectStanding = false
        /// Where a standing calibration's centimetres come from (nil: the athlete's leg length).
        public var standingScale: StandingCalibration.Scale?

        public init(athlete: SessionManifest.Athlete, directory: String, source: String, inclinePercent: Double = 5,
                    lossless: Bool = false, queueFramesPerCamera: Int = 240, markerSide: BodySide = .right,
                    calibration: SideCalibration = .none, simulation: SessionManifest.Simulation? = nil,
                    clockOrigin: UInt64, software: String, minimumFreeMinutes: Double = 0,
                    writeLimit: WriteLimit? = nil, videoStorage: VideoStorage = .default, preRecordSeconds: Double = 0,
                    detectStanding: Bool = false, standingScale: StandingCalibration.Scale? = nil) {
            self.detectStanding = detectStanding
            self.standingScale = standingScale
            self.videoStorage = videoStorage
            self.preRecordSeconds = preRecordSeconds
            self.minimumFreeMinutes = minimumFreeMinutes
            self.writeLimit = writeLimit
            self.athlete = athlete
            self.directory = directory
            self.source = source
            self.inclinePercent = inclinePercent
            self.lossless = lossless
            self.queueFramesPerCamera = queueFramesPerCamera
            self.markerSide = markerSide
            self.calibration = calibration
            self.simulation = simulation
            self.clockOrigin = clockOrigin
            self.software = software
        }
    }

    final class Slot: Sendable {
        let view: CameraView
        let thread: CaptureThread
        let processor: Mutex<ViewProcessor>
        let snapshot = Mutex<LiveViewSnapshot?>(nil)
        let aggregates = Mutex<[Int: StageAggregate]>([:])
        let events = Mutex<[GaitEvent]>([])
        /// About ten seconds of angles for the strip chart.
        let history = Mutex(AngleHistory(capacity: 1500))
        /// The last frame's sequence number, and the frames the camera lost while recording that
        /// no recorded frame has counted yet (a pause is not a loss: `cameraGapBefore`).
        let gaps = Mutex<(last: UInt32?, pending: Int)>((nil, 0))
        /// The background's brightness and the fast LEDs' streaks of the last frames (setup checks).
        let meter: Mutex<PictureMeter>
        let source: Transfer<any FrameSource>
        let controls: CameraControls?

        init(view: CameraView, thread: CaptureThread, processor: ViewProcessor, source: Transfer<any FrameSource>,
             controls: CameraControls?) {
            self.view = view
            self.thread = thread
            self.processor = Mutex(processor)
            self.source = source
            self.controls = controls
            meter = Mutex(PictureMeter(view: view))
        }
    }

    public let options: Options
    let slots: [Slot]
    let timeline: Mutex<SessionTimeline>
    let recorder: SessionRecorder
    /// Expected bytes on disk per minute of recording, per camera (video and tables).
    public let expectedBytesPerMinute: [CameraView: UInt64]
    let started = Atomic<Bool>(false)
    /// Side-rear offset and jitter, fed by both capture threads.
    let sync = Mutex(CameraSyncMeter())
    /// Free disk space against the rate of recording, for the header.
    let room: Mutex<RecordingRoom>
    /// Called (on the caller's thread) when a stage begins, e.g. to tilt the simulated treadmill.
    let stageObserver: (@Sendable (SessionTimeline.Stage) -> Void)?
    /// The standing calibration: the detector while it looks, and the calibration in force.
    let standing: Mutex<StandingState>
    /// The frame rate asked of each camera.
    let nominalFps: [CameraView: Double]

    /// Sets up the cameras and creates the session directory and manifest; nothing runs yet.
    /// Throws `FreeSpace.Shortage` when the disk cannot hold `options.minimumFreeMinutes`.
    public init(cameras: [Camera], options: Options,
                onStageChange: (@Sendable (SessionTimeline.Stage) -> Void)? = nil) throws {
        self.options = options
        stageObserver = onStageChange
        timeline = Mutex(SessionTimeline(first: .flat, inclinePercent: 0, at: options.clockOrigin))
        var slots: [Slot] = []
        for c in cameras {
            let processor = ViewProcessor(view: c.view, markerSide: options.markerSide,
                                          calibration: options.calibration,
                                          legLengthCm: options.athlete.legLengthCm, clockOrigin: options.clockOrigin)
            slots.append(Slot(view: c.view, thread: try CaptureThread(name: c.view.rawValue), processor: processor,
                              source: c.source, controls: c.controls))
        }
        self.slots = slots
        standing = Mutex(StandingState(current: options.calibration))
        nominalFps = Dictionary(cameras.map { ($0.view, $0.description.nominalFps) }, uniquingKeysWith: { a, _ in a })
        if options.detectStanding {
            standing.withLock { $0.detector = StandingCalibration(views: cameras.map(\.view), scale: LiveSession.scale(options)) }
        }
        let iso = ISO8601DateFormatter()
        let manifest = SessionManifest(software: options.software, created: iso.string(from: Date()),
                                       athlete: options.athlete, source: options.source,
                                       clockOriginNs: options.clockOrigin, cameras: cameras.map(\.description),
                                       calibration: options.calibration, simulation: options.simulation)
        var formats: [CameraView: Y4MHeader] = [:]
        var perMinute: [CameraView: UInt64] = [:]
        for c in cameras {
            formats[c.view] = c.recordingFormat
            perMinute[c.view] = SessionRecorder.expectedBytesPerMinute(
                format: c.recordingFormat, view: c.view, framesPerSecond: c.description.nominalFps,
                storage: options.videoStorage)
        }
        expectedBytesPerMinute = perMinute
        room = Mutex(RecordingRoom(directory: options.directory,
                                   expectedBytesPerMinute: Double(perMinute.values.reduce(0, +))))
        try FreeSpace.check(directory: options.directory, bytesPerMinute: perMinute.values.reduce(0, +),
                            minutes: options.minimumFreeMinutes)
        recorder = try SessionRecorder(directory: options.directory, manifest: manifest, formats: formats,
                                       storage: options.videoStorage,
                                       capacity: options.queueFramesPerCamera * max(1, cameras.count),
                                       lossless: options.lossless, limit: options.writeLimit,
                                       preRecordSeconds: options.preRecordSeconds)
    }

    public var views: [CameraView] { slots.map(\.view) }

    /// Starts the recorder and every capture thread.
    public func start() {
        guard !started.exchange(true, ordering: .relaxed) else { return }
        recorder.start()
        for slot in slots {
            slot.thread.start(slot.source) { [self] frame in self.handle(frame, slot: slot) }
        }
    }

    /// Runs on the camera's capture thread for every frame.
    private func handle(_ frame: Frame, slot: Slot) {
        if slots.count > 1 {
            sync.withLock { $0.add(frame) }
        }
        let (tag, stage, settle) = timeline.withLock { t in
            let tag = t.tag(frame.timestampNanoseconds)
            return (tag, t.stages[tag.stage], t.settlePeriod(tag.stage, clockOrigin: options.clockOrigin))
        }
        let processed = slot.processor.withLock { $0.process(frame, inclinePercent: stage.inclinePercent) }
        // A stride counts only if both its contacts were recorded in this stage (as the report says).
        let wholly = processed.strides.map { st in
            [st.contact.time, st.nextContact.time].allSatisfy { t in
                let at = timeline.withLock { $0.tag(options.clockOrigin &+ UInt64(max(0, (t * 1e9).rounded()))) }
                return at.recording && at.stage == tag.stage
            }
        }
        // Only the stage's small figures go to the screen: a copy of the whole aggregate held by
        // the snapshot would make the next frame's `add` copy its growing ledger.
        let aggregate = slot.aggregates.withLock { a -> StageFigures in
            a[tag.stage, default: StageAggregate(settle: settle)].add(processed, recording: tag.recording, whollyRecorded: wholly)
            return a[tag.stage]!.figures
        }
        let recent = slot.events.withLock { e -> [GaitEvent] in
            e.append(contentsOf: processed.events)
            if e.count > 24 { e.removeFirst(e.count - 24) }
            return e
        }
        let (gapBefore, ownGap) = slot.gaps.withLock { g -> (Int, Int) in
            var gap = 0
            if let last = g.last, frame.sequence > last &+ 1 { gap = Int(frame.sequence &- last &- 1) }
            g.last = frame.sequence
            // Frames lost while not recording are not lost from the recording.
            g.pending = tag.recording ? g.pending + gap : 0
            return (g.pending, gap)
        }
        if tag.recording {
            let since = timeline.withLock { $0.recording.last?.start }
            let queued = recorder.enqueue(SessionRecorder.Item(processed: processed, stageIndex: tag.stage, stage: stage,
                                                               cameraGapBefore: gapBefore, recordingSince: since))
            if queued { slot.gaps.withLock { $0.pending = 0 } }
            if !queued && recorder.hasFailed {
                // A write error stopped the recorder: recording is off, the live view goes on.
                timeline.withLock { $0.setRecording(false, at: frame.timestampNanoseconds) }
            }
        } else {
            // Not recorded now: the recorder compresses it into its ring of recent pictures, for
            // instant replay and for a recording begun within the pre-record time.
            recorder.enqueue(SessionRecorder.Item(processed: processed, stageIndex: tag.stage, stage: stage,
                                                  cameraGapBefore: ownGap, recording: false))
        }
        let seconds = MonotonicClock.seconds(frame.timestampNanoseconds, since: options.clockOrigin)
        slot.meter.withLock {
            $0.add(image: frame.luma, markers: processed.tracked.markers, time: seconds, frame: processed.streamIndex,
                   events: processed.events)
        }
        feedStanding(slot.view, seconds: seconds, markers: processed.tracked.markers)
        slot.history.withLock { $0.append(time: seconds, angles: processed.angles) }
        let stats = slot.thread.statistics
        slot.snapshot.withLock {
            $0 = LiveViewSnapshot(processed: processed, statistics: stats, stageIndex: tag.stage, stage: aggregate,
                                  recentEvents: recent, recorded: tag.recording)
        }
    }

    // MARK: - control (any thread)

    /// Starts or stops recording at `time`, or now (the key `r`). Started now, it keeps the
    /// `preRecordSeconds` before too, but never reaches back past the current stage's start or the
    /// end of the last recording (`recordingStart`); a scripted start at a given time is exact.
    public func setRecording(_ on: Bool, at time: UInt64? = nil) {
        let t = time ?? MonotonicClock.now()
        let back = time == nil ? UInt64(max(0, recorder.preRecordSeconds) * 1e9) : 0
        timeline.withLock { tl in
            tl.setRecording(on, at: on ? LiveSession.recordingStart(tl, pressed: t, preRecordNanoseconds: back) : t)
        }
    }

    /// When a recording begun at `pressed` starts: `preRecordNanoseconds` earlier, but not before
    /// the current stage began nor before the last recording ended.
    static func recordingStart(_ tl: SessionTimeline, pressed: UInt64, preRecordNanoseconds: UInt64) -> UInt64 {
        var start = pressed - min(pressed, preRecordNanoseconds)
        start = max(start, tl.currentStage.startNanoseconds)
        if let end = tl.recording.last?.end { start = max(start, end) }
        return min(start, pressed)
    }

    /// The pictures of `view` the recorder's ring holds from `from` (monotonic ns) on, oldest
    /// first: instant replay.
    public func recentFrames(_ view: CameraView, from: UInt64 = 0) -> [FrameRing.Entry] {
        recorder.recentFrames(view, from: from)
    }

    public var isRecording: Bool { timeline.withLock { $0.isRecording } }

    /// Moves to the other stage (flat <-> incline) at `time` (default now); returns the new stage.
    @discardableResult
    public func nextStage(at time: UInt64? = nil) -> SessionTimeline.Stage {
        let t = time ?? MonotonicClock.now()
        let stage = timeline.withLock { tl -> SessionTimeline.Stage in
            let kind = tl.currentStage.kind.next
            return tl.beginStage(kind, inclinePercent: kind == .incline ? options.inclinePercent : 0, at: t)
        }
        stageObserver?(stage)
        return stage
    }

    /// Adds a note to the session, stamped `time` (default now).
    public func addNote(_ text: String, at time: UInt64? = nil) {
        let t = time ?? MonotonicClock.now()
        recorder.addNote(SessionManifest.Note(seconds: MonotonicClock.seconds(t, since: options.clockOrigin),
                                              text: text))
    }

    // MARK: - reading (any thread)

    public func snapshot(_ view: CameraView) -> LiveViewSnapshot? {
        slots.first { $0.view == view }?.snapshot.withLock { $0 }
    }

    /// The last seconds of `view`'s angles (session seconds), for the strip chart.
    public func history(_ view: CameraView) -> AngleHistory? {
        slots.first { $0.view == view }?.history.withLock { $0 }
    }

    public func aggregates(_ view: CameraView) -> [Int: StageAggregate] {
        slots.first { $0.view == view }?.aggregates.withLock { $0 } ?? [:]
    }

    public var status: LiveStatus {
        let now = MonotonicClock.now()
        let (stage, number, recording, since, recorded) = timeline.withLock { t in
            var total = 0.0
            for r in t.recording { total += Double((r.end ?? now) - r.start) / 1e9 }
            return (t.currentStage, t.stages.count, t.isRecording, t.isRecording ? t.recording.last?.start : nil, total)
        }
        var cams: [CameraView: CameraStatistics] = [:]
        for s in slots { cams[s.view] = s.thread.statistics }
        let meter = sync.withLock { $0 }
        var offset: Double?
        if let a = cams[.side], let b = cams[.rear], a.state == .streaming, b.state == .streaming {
            offset = meter.offsetMs
        }
        var status = LiveStatus(stage: stage, stageNumber: number, recording: recording, recordingSince: since,
                                recordedSeconds: recorded, recorder: recorder.currentStatus, directory: options.directory,
                                cameras: cams, cameraOffsetMilliseconds: offset)
        status.cameraJitterMilliseconds = offset == nil ? nil : meter.jitterMs
        let written = status.recorder?.bytesWritten ?? 0
        status.minutesLeft = room.withLock { r in
            if recording { r.add(recordedSeconds: recorded, bytesWritten: written) }
            r.refreshFreeSpace(now: now)
            return r.minutesLeft
        }
        return status
    }

    /// True when every capture thread has ended (finite sources exhausted or failed).
    public var allCamerasEnded: Bool {
        slots.allSatisfy { s in
            switch s.thread.statistics.state {
            case .finished, .lost, .stopped: true
            default: false
            }
        }
    }

    /// Stops the cameras, writes out everything queued, closes the session. Returns what was
    /// recorded. A session in which nothing was recorded leaves no directory behind.
    public func stop() -> SessionRecorder.Status {
        for s in slots { s.thread.stop() }
        for s in slots {
            let stats = s.thread.statistics
            if stats.measuredFramesPerSecond > 0 { recorder.reportMeasuredFps(stats.measuredFramesPerSecond, for: s.view) }
            recorder.reportCameraHealth(dropped: stats.dropped, reconnections: stats.reconnections, for: s.view)
        }
        if let summary = sync.withLock({ $0.summary }) { recorder.reportCameraSync(summary) }
        let status = recorder.finish()
        if status.framesWritten.values.reduce(0, +) == 0 && status.failure == nil {
            // Only the manifest we wrote is there: remove it and the (empty) directory.
            let dir = options.directory
            unlink(dir + "/" + SessionLayout.manifestName)
            rmdir(dir)
        }
        return status
    }

    /// The picture measurements over the last frames of `view` (flicker, motion blur).
    public func pictureMeter(_ view: CameraView) -> PictureMeter? {
        slots.first { $0.view == view }?.meter.withLock { $0 }
    }

    /// The controls of the camera filming `view` (V4L2 cameras; nil for simulated ones), usable
    /// from any thread while the session runs.
    public func controls(_ view: CameraView) -> CameraControls? {
        slots.first { $0.view == view }?.controls
    }

    /// The session's timeline (stages and recording intervals) as it stands.
    public var currentTimeline: SessionTimeline { timeline.withLock { $0 } }
}
