import Glibc
public import MarkerTracker
import Synchronization
public import CaptureKit

/// The recorder: its own thread appending every recorded frame, table row and event to the
/// session, handing it to the kernel every quarter second (so it survives the process being
/// killed) and syncing it to disk once a second (so it survives a power cut).
///
/// Capture threads hand frames over through a bounded queue and never block on the disk: when
/// the queue is full the frame is counted as dropped by the recorder (and shown), unless the
/// recorder was made lossless (unpaced sources, which can simply wait). A write error (a full
/// disk) stops recording with a message; what was written stays readable, and the live view
/// keeps running.
public final class SessionRecorder: Sendable {
    /// One frame to record and where it belongs.
    public struct Item: Sendable {
        public var processed: ProcessedFrame
        public var stageIndex: Int
        public var stage: SessionTimeline.Stage
        /// Frames the camera lost (sequence gaps) since the last frame handed to the recorder,
        /// counted while recording only; nil: the writer counts the gap since the last frame it
        /// wrote (which would count a pause as lost frames).
        public var cameraGapBefore: Int?
        /// False for a frame seen while not recording: kept in the ring (instant replay, and
        /// written after all if recording starts within the pre-record time), not written now.
        public var recording: Bool
        /// Monotonic ns the current recording interval began (recording frames): ring frames from
        /// then on that were not written yet are written before this one.
        public var recordingSince: UInt64?

        public init(processed: ProcessedFrame, stageIndex: Int, stage: SessionTimeline.Stage, cameraGapBefore: Int? = nil,
                    recording: Bool = true, recordingSince: UInt64? = nil) {
            self.processed = processed
            self.stageIndex = stageIndex
            self.stage = stage
            self.cameraGapBefore = cameraGapBefore
            self.recording = recording
            self.recordingSince = recordingSince
        }
    }

    /// What the recorder has done so far.
    public struct Status: Sendable, Equatable {
        public var framesWritten: [CameraView: Int] = [:]
        public var droppedByRecorder: [CameraView: Int] = [:]
        public var bytesWritten: UInt64 = 0
        /// Set when recording stopped because of an error (disk full, I/O error).
        public var failure: String?
        public var finished = false
        /// Frames written from the ring when recording began (retroactive recording).
        public var preRecorded: [CameraView: Int] = [:]
        /// Memory held by the ring of recent pictures, and the seconds it covers (side view, else any).
        public var ringBytes = 0
        public var ringSeconds = 0.0
    }

    private struct Queue {
        var items: [Item] = []
        var notes: [SessionManifest.Note] = []
        var measuredFps: [CameraView: Double] = [:]
        var health: [CameraView: (dropped: Int, reconnections: Int)] = [:]
        var sync: SessionManifest.CameraSync?
        var calibration: SideCalibration?
        var pendingDrops: [CameraView: Int] = [:]
        var finishing = false
        /// Recording stopped on a write error: frames are refused (not counted as drops).
        var failed = false
    }

    /// How often buffered data is handed to the kernel, and synced to the disk.
    static let flushInterval: UInt64 = 250_000_000
    static let syncInterval: UInt64 = 1_000_000_000

    public let directory: String
    public let capacity: Int
    public let lossless: Bool
    private let queue = Mutex(Queue())
    private let status = Mutex(Status())
    private let doorbell: EventFD
    private let thread = Mutex<OSThread?>(nil)
    private let writer: Transfer<SessionWriter>
    /// The last seconds of pictures, compressed (`FrameRing`): instant replay reads it, and
    /// recording writes the part within `preRecordSeconds` of its start.
    private let ring: Mutex<FrameRing>
    /// Seconds before `r` that recording keeps (0: none; always 0 for raw video).
    public let preRecordSeconds: Double
    private let storage: VideoStorage
    /// Views recorded without colour (their JPEGs are grey).
    private let greyViews: [CameraView: Bool]
    /// Seconds the ring keeps at least: two slow strides for instant replay.
    public static let replaySeconds = 4.0
    /// The most memory the ring may hold.
    public static let defaultRingBytes = 128 << 20

    /// Creates the session directory and manifest now (so errors surface before capture starts).
    /// `limit` stands in for a small disk in tests.
    public init(directory: String, manifest: SessionManifest, formats: [CameraView: Y4MHeader],
                storage: VideoStorage = .default, capacity: Int, lossless: Bool, limit: WriteLimit? = nil,
                preRecordSeconds: Double = 0, ringBytes: Int = SessionRecorder.defaultRingBytes) throws {
        self.directory = directory
        self.capacity = max(1, capacity)
        self.lossless = lossless
        self.storage = storage
        // Raw video is written from the planes, which the ring does not keep.
        self.preRecordSeconds = storage.isCompressed ? max(0, preRecordSeconds) : 0
        ring = Mutex(FrameRing(seconds: max(self.preRecordSeconds + 1, SessionRecorder.replaySeconds), maximumBytes: ringBytes))
        var grey: [CameraView: Bool] = [:]
        for (v, f) in formats { grey[v] = !f.colour.hasChroma }
        greyViews = grey
        doorbell = try EventFD()
        writer = Transfer(try SessionWriter(directory: directory, manifest: manifest, formats: formats, storage: storage,
                                            limit: limit))
    }

    /// Expected bytes on disk per minute of recording for one camera: the video and the table rows
    /// of that view, at `framesPerSecond`. Raw video is exact (`FRAME` line and planes per frame);
    /// JPEG video is bounded from above by a tenth of the raw planes per picture (gaitlive's
    /// default quality writes a sixtieth; MJPEG cameras send about an eighth to a twelfth).
    public static func expectedBytesPerMinute(format: Y4MHeader, view: CameraView, framesPerSecond: Double,
                                              storage: VideoStorage = .raw) -> UInt64 {
        // Table bytes per frame with every marker and angle present, from demo sessions and
        // rounded up: index row ~45, markers row 24 + 29 per marker, angles row 16 + 7 per angle.
        let markers = MarkerSet.standard(for: view).count
        let angles = AngleKind.kinds(for: view).count
        let tables = 50 + (30 + 30 * markers) + (20 + 8 * angles)
        // A compressed view's index rows also carry the picture's offset and size (~20 bytes).
        let video = storage.isCompressed ? 40 + 20 + format.frameBytes / 10 : 6 + format.frameBytes
        return UInt64((Double(video + tables) * framesPerSecond * 60).rounded(.up))
    }

    /// True once a write error stopped the recording.
    public var hasFailed: Bool { queue.withLock { $0.failed } }

    public func start() {
        let t = OSThread(name: "recorder") { [self] in self.run(writer.take()) }
        thread.withLock { $0 = t }
    }

    public var currentStatus: Status { status.withLock { $0 } }

    /// The ring's pictures of `view` from `from` (monotonic ns) on, oldest first (instant replay).
    public func recentFrames(_ view: CameraView, from: UInt64 = 0) -> [FrameRing.Entry] {
        ring.withLock { Array($0.entries(view, from: from)) }
    }

    /// Queues a frame. Returns false if it was dropped (queue full, or recording failed).
    @discardableResult
    public func enqueue(_ item: Item) -> Bool {
        let view = item.processed.frame.view
        while true {
            let accepted: Bool? = queue.withLock { q in
                if q.finishing || (q.failed && item.recording) { return false }
                if q.items.count < capacity {
                    q.items.append(item)
                    return true
                }
                if lossless { return nil }
                if item.recording { q.pendingDrops[view, default: 0] += 1 }
                return false
            }
            if let accepted {
                if accepted { doorbell.signal() } else if !hasFailed && item.recording {
                    status.withLock { $0.droppedByRecorder[view, default: 0] += 1 }
                }
                return accepted
            }
            doorbell.signal()
            usleep(300) // lossless: wait for the recorder to make room
        }
    }

    public func addNote(_ note: SessionManifest.Note) {
        queue.withLock { $0.notes.append(note) }
        doorbell.signal()
    }

    public func reportMeasuredFps(_ fps: Double, for view: CameraView) {
        queue.withLock { $0.measuredFps[view] = fps }
    }

    /// Frames a camera dropped and times it came back after being lost, for the manifest.
    public func reportCameraHealth(dropped: Int, reconnections: Int, for view: CameraView) {
        queue.withLock { $0.health[view] = (dropped, reconnections) }
    }

    /// The offset and jitter between the two cameras, for the manifest.
    public func reportCameraSync(_ sync: SessionManifest.CameraSync) {
        queue.withLock { $0.sync = sync }
    }

    /// The standing calibration made while the session runs, for the manifest.
    public func reportCalibration(_ calibration: SideCalibration) {
        queue.withLock { $0.calibration = calibration }
        doorbell.signal()
    }

    /// Writes everything still queued, closes the files, marks the session complete, and waits.
    public func finish() -> Status {
        queue.withLock { $0.finishing = true }
        doorbell.signal()
        let t = thread.withLock { t -> OSThread? in
            let old = t
            t = nil
            return old
        }
        t?.join()
        return currentStatus
    }

    private func run(_ writer: SessionWriter) {
        var lastSync = MonotonicClock.now()
        var lastFlush = lastSync
        var failed = false
        // The ring's pictures: JPEG at the session's quality (gaitlive's default for raw video).
        let quality: Int
        if case .jpeg(let q) = storage { quality = q } else { quality = VideoStorage.defaultJPEGQuality }
        let encoder = try? JPEGEncoder(quality: quality)
        var lastWritten: [CameraView: UInt64] = [:]
        var blanks: [Int: LumaImage] = [:]
        /// Compresses a picture that came uncompressed (raw and simulated cameras).
        func compress(_ item: inout Item) {
            guard item.processed.frame.compressed == nil, let encoder else { return }
            let grey = greyViews[item.processed.frame.view] ?? true
            item.processed.frame.compressed = try? encoder.encode(item.processed.frame, grey: grey)
        }
        /// The ring's memory and span, for the debug line.
        func publishRing() {
            let (bytes, seconds) = ring.withLock { r in
                (r.bytes, r.span(.side) > 0 ? r.span(.side) : CameraView.allCases.map { r.span($0) }.max() ?? 0)
            }
            status.withLock {
                $0.ringBytes = bytes
                $0.ringSeconds = seconds
            }
        }
        while true {
            _ = try? Poll.wait([doorbell.descriptor], timeoutMilliseconds: 100)
            doorbell.drain()
            let (items, notes, fps, drops, finishing, health, sync, calibration) = queue.withLock { q in
                let taken = (q.items, q.notes, q.measuredFps, q.pendingDrops, q.finishing, q.health, q.sync, q.calibration)
                q.items.removeAll(keepingCapacity: true)
                q.notes.removeAll()
                q.pendingDrops.removeAll()
                return taken
            }
            if !failed {
                do throws(SystemError) {
                    var dropsBefore = drops
                    for var item in items {
                        let v = item.processed.frame.view
                        // Every picture is compressed once, here, off the capture thread: the ring
                        // keeps it, and a compressed video stores these very bytes.
                        compress(&item)
                        guard item.recording else {
                            ring.withLock { $0.add(item) }
                            continue
                        }
                        if preRecordSeconds > 0, let since = item.recordingSince {
                            // Recording began at `since` (up to the pre-record time before `r`):
                            // the ring's pictures from then on that were not written go first.
                            let from = max(since, (lastWritten[v] ?? 0) &+ 1)
                            let earlier = ring.withLock { r in
                                r.entries(v, from: from).prefix { $0.timestamp < item.processed.frame.timestampNanoseconds }
                                    .map { FrameRing.restored($0, blank: &blanks) }
                            }
                            // Frames the camera lost before the recording began are not lost
                            // from it: the recording's first frame has no gap before it.
                            let starts = (lastWritten[v] ?? 0) < since
                            for (k, e) in earlier.enumerated() {
                                try writer.append(e.processed, stageIndex: e.stageIndex, stage: e.stage, droppedByRecorderBefore: 0,
                                                  cameraGapBefore: starts && k == 0 ? 0 : e.cameraGapBefore)
                                status.withLock {
                                    $0.framesWritten[v, default: 0] += 1
                                    $0.preRecorded[v, default: 0] += 1
                                }
                            }
                        }
                        try writer.append(item.processed, stageIndex: item.stageIndex, stage: item.stage,
                                          droppedByRecorderBefore: dropsBefore[v] ?? 0, cameraGapBefore: item.cameraGapBefore)
                        lastWritten[v] = item.processed.frame.timestampNanoseconds
                        dropsBefore[v] = 0
                        status.withLock { $0.framesWritten[v, default: 0] += 1 }
                        ring.withLock { $0.add(item) }
                    }
                    publishRing()
                    for n in notes { writer.addNote(n) }
                    for (v, f) in fps { writer.setMeasuredFps(f, for: v) }
                    for (v, h) in health { writer.setCameraHealth(dropped: h.dropped, reconnections: h.reconnections, for: v) }
                    if let sync { writer.setCameraSync(sync) }
                    if let calibration { writer.setCalibration(calibration) }
                    let now = MonotonicClock.now()
                    if finishing {
                        try writer.finish()
                    } else if now - lastSync >= SessionRecorder.syncInterval {
                        try writer.sync()
                        lastSync = now
                        lastFlush = now
                    } else if now - lastFlush >= SessionRecorder.flushInterval {
                        try writer.flush()
                        lastFlush = now
                    }
                    let bytes = writer.bytesWritten
                    status.withLock { $0.bytesWritten = bytes }
                } catch {
                    failed = true
                    // Recording stops here; the ring goes on (below) for instant replay.
                    queue.withLock {
                        $0.failed = true
                        $0.items.removeAll()
                    }
                    let full = error.errno == ENOSPC || error.errno == EDQUOT
                    let saved = writer.stop(after: error, reason: full ? "disk full" : "write error")
                    let kept = saved ? "what was recorded before is saved" : "what was recorded before is kept on disk"
                    let message = full
                        ? "\(error.path): recording stopped: disk full; \(kept)"
                        : "recording stopped: \(error); \(kept)"
                    status.withLock { $0.failure = message }
                }
            }
            if failed && !finishing {
                // Nothing is written any more, but the live view's instant replay still has the
                // last seconds: the frames not recorded still go to the ring.
                for var item in items where !item.recording {
                    compress(&item)
                    ring.withLock { $0.add(item) }
                }
                publishRing()
            }
            if finishing {
                status.withLock { $0.finished = true }
                return
            }
        }
    }
}
