import Foundation
public import MarkerTracker
public import CaptureKit

/// Writes a session directory: per stage and camera the video (JPEG pictures in Matroska, or raw
/// Y4M with `VideoStorage.raw`), frame index, marker and angle tables; per stage the events and
/// strides tables; and the manifest. Used by the recorder thread only.
///
/// A frame that arrives compressed (`Frame.compressed`: an MJPEG camera's bytes, or a picture
/// encoded ahead of time, as a ring of recent frames would hold) is stored as it is; any other
/// frame is encoded here, on the recorder thread, never on a capture thread.
///
/// Files are created on the first frame of a stage and only ever appended to. The writer holds
/// the session's `SessionLock` while it lives, and keeps `session.reserve` (256 KiB) on disk to
/// give back when the disk fills, so the last manifest can always be written.
public final class SessionWriter {
    public let directory: String
    public private(set) var manifest: SessionManifest
    let formats: [CameraView: Y4MHeader]
    /// How the videos are stored (every view alike).
    public let storage: VideoStorage
    let limit: WriteLimit?
    private var lock: SessionLock?
    private var reserved = false

    final class ViewFiles {
        let video: ViewVideoWriter
        let index: FileOutput
        let markers: FileOutput
        let angles: FileOutput
        var frames = 0
        var droppedByCamera = 0
        var droppedByRecorder = 0
        var lastSequence: UInt32?
        var firstTimestamp: UInt64?
        var lastTimestamp: UInt64?
        /// Recorded frame number by stream index, for the frames of the last few seconds.
        var recordedByStream: [Int: Int] = [:]

        init(video: ViewVideoWriter, index: FileOutput, markers: FileOutput, angles: FileOutput) {
            self.video = video
            self.index = index
            self.markers = markers
            self.angles = angles
        }

        var all: [FileOutput] { [video.output, index, markers, angles] }
    }

    final class StageFiles {
        let timelineIndex: Int
        let manifestIndex: Int
        let events: FileOutput
        let strides: FileOutput
        var views: [CameraView: ViewFiles] = [:]
        init(timelineIndex: Int, manifestIndex: Int, events: FileOutput, strides: FileOutput) {
            self.timelineIndex = timelineIndex
            self.manifestIndex = manifestIndex
            self.events = events
            self.strides = strides
        }
    }

    var stages: [Int: StageFiles] = [:]

    /// Creates the session directory (0700; must not exist or be empty) and writes the first manifest.
    /// `storage`: `.jpeg` writes session format v2 (`schemaVersion` 2), `.raw` format v1.
    public init(directory: String, manifest: SessionManifest, formats: [CameraView: Y4MHeader],
                storage: VideoStorage = .default, limit: WriteLimit? = nil) throws(SystemError) {
        self.directory = directory
        var manifest = manifest
        // Version 2 only when a reader of version 1 would misread the session: raw sessions stay
        // readable by older gaitlive.
        manifest.schemaVersion = storage.isCompressed ? 2 : 1
        self.manifest = manifest
        self.formats = formats
        self.storage = storage
        self.limit = limit
        try SessionLayout.createDirectory(directory, allowExistingEmpty: true)
        guard let lock = try SessionLock.acquire(directory) else {
            throw SystemError.problem("another gaitlive is recording into this directory", path: directory, errno: EBUSY)
        }
        self.lock = lock
        try reserveSpace()
        try ManifestStore.write(manifest, to: directory, limit: limit)
    }

    /// Writes `session.reserve`: space that `stop(after:)` gives back to write the last manifest.
    func reserveSpace() throws(SystemError) {
        let out = try FileOutput(creating: directory + "/" + SessionLayout.reserveName, limit: limit)
        try out.write([UInt8](repeating: 0, count: SessionLayout.reserveBytes))
        try out.close()
        reserved = true
    }

    func releaseReserve() {
        guard reserved else { return }
        reserved = false
        unlink(directory + "/" + SessionLayout.reserveName)
        limit?.release(UInt64(SessionLayout.reserveBytes))
    }

    func seconds(_ ns: UInt64) -> Double {
        MonotonicClock.seconds(ns, since: manifest.clockOriginNs)
    }

    func stageFiles(_ index: Int, _ stage: SessionTimeline.Stage) throws(SystemError) -> StageFiles {
        if let s = stages[index] { return s }
        let dir = directory + "/" + stage.directory
        try SessionLayout.createDirectory(dir, allowExistingEmpty: false)
        let events = try FileOutput(creating: dir + "/" + SessionLayout.events, limit: limit)
        try events.write("view,side,event,frame,time_s\n")
        let strides = try FileOutput(creating: dir + "/" + SessionLayout.strides, limit: limit)
        try strides.write(StrideTable.header)
        var entry = SessionManifest.Stage(kind: stage.kind.rawValue, directory: stage.directory,
                                          inclinePercent: stage.inclinePercent,
                                          events: stage.directory + "/" + SessionLayout.events)
        if let previous = stage.previousInclinePercent {
            // A stage switched to (`s`): when, and from which grade, for its settle period.
            entry.switchedSeconds = seconds(stage.startNanoseconds)
            entry.previousInclinePercent = previous
        }
        manifest.stages.append(entry)
        let s = StageFiles(timelineIndex: index, manifestIndex: manifest.stages.count - 1, events: events,
                           strides: strides)
        stages[index] = s
        try ManifestStore.write(manifest, to: directory, limit: limit)
        return s
    }

    func viewFiles(_ stage: StageFiles, _ view: CameraView, dir: String, first: Frame) throws(SystemError) -> ViewFiles {
        if let v = stage.views[view] { return v }
        let name = view.rawValue
        guard let header = formats[view] else {
            preconditionFailure("no video format configured for the \(name) camera")
        }
        let base = directory + "/" + dir + "/"
        let videoName = storage.videoName(name)
        let files = ViewFiles(
            video: try ViewVideoWriter(path: base + videoName, header: header, storage: storage, trackName: name,
                                       software: manifest.software, limit: limit),
            index: try FileOutput(creating: base + SessionLayout.index(name), limit: limit),
            markers: try FileOutput(creating: base + SessionLayout.markers(name), limit: limit),
            angles: try FileOutput(creating: base + SessionLayout.angles(name), limit: limit))
        try files.index.write("frame,sequence,timestamp_ns,time_s,dropped_before,not_saved_before"
                              + (files.video.isCompressed ? ",\(MatroskaVideo.offsetColumn),\(MatroskaVideo.bytesColumn)" : "")
                              + "\n")
        let set = MarkerSet.standard(for: view)
        var mh = "frame,time_s,status"
        for l in set.labels { mh += ",\(l)_x,\(l)_y,\(l)_conf,\(l)_src" }
        try files.markers.write(mh + "\n")
        try files.angles.write("frame,time_s," + AngleKind.kinds(for: view).map(\.column).joined(separator: ",") + "\n")
        stage.views[view] = files
        manifest.stages[stage.manifestIndex].views[name] = SessionManifest.StageView(
            video: dir + "/" + videoName, index: dir + "/" + SessionLayout.index(name),
            markers: dir + "/" + SessionLayout.markers(name), angles: dir + "/" + SessionLayout.angles(name))
        if let i = manifest.cameras.firstIndex(where: { $0.view == view }) {
            switch storage {
            case .raw: manifest.cameras[i].videoCodec = "y4m"
            case .jpeg(let q):
                manifest.cameras[i].videoCodec = first.compressed != nil ? "camera-mjpeg" : "jpeg"
                manifest.cameras[i].jpegQuality = first.compressed != nil ? nil : q
            }
        }
        // List the view in the manifest now, so a crash before the next sync still finds it.
        try ManifestStore.write(manifest, to: directory, limit: limit)
        return files
    }

    /// Appends one processed frame to its stage's files.
    /// `cameraGapBefore`: frames the camera lost since the previous recorded frame, counted by the
    /// caller while recording (a pause is not a loss); nil: the sequence gap since the last frame
    /// written here.
    public func append(_ p: ProcessedFrame, stageIndex: Int, stage: SessionTimeline.Stage,
                       droppedByRecorderBefore: Int, cameraGapBefore: Int? = nil) throws(SystemError) {
        let s = try stageFiles(stageIndex, stage)
        let view = p.frame.view
        let v = try viewFiles(s, view, dir: stage.directory, first: p.frame)
        let n = v.frames
        let ts = p.frame.timestampNanoseconds
        let t = seconds(ts)
        // A sequence gap counts every frame lost before this one, including those the recorder
        // queue could not take (they never reached the writer).
        var gap = 0
        if let last = v.lastSequence, p.frame.sequence > last &+ 1 { gap = Int(p.frame.sequence &- last &- 1) }
        let notSaved = droppedByRecorderBefore
        var dropped = max(gap, notSaved)
        if let cameraGapBefore { dropped = cameraGapBefore + notSaved }
        v.lastSequence = p.frame.sequence
        v.droppedByCamera += dropped - notSaved
        v.droppedByRecorder += notSaved

        // Tables reach the disk before the video frames they describe: a video frame without its
        // index row cannot be used, so after a crash or a full disk the tables are never behind.
        let picture = try v.video.picture(for: p.frame)
        if v.video.willWrite(picture) {
            for f in [v.index, v.markers, v.angles, s.events] { try f.flush() }
        }
        let location = try v.video.append(p.frame, picture: picture)
        var row = CSVRow()
        row.add(n)
        row.add(Int(p.frame.sequence))
        row.add(ts)
        row.add(t, decimals: 6)
        row.add(dropped)
        row.add(notSaved)
        if let location {
            row.add(location.offset)
            row.add(location.bytes)
        }
        try v.index.write(row.finish())

        var m = CSVRow()
        m.add(n)
        m.add(t, decimals: 6)
        m.add(p.tracked.status.rawValue)
        m.add(p.tracked.markers)
        try v.markers.write(m.finish())

        var a = CSVRow()
        a.add(n)
        a.add(t, decimals: 6)
        for k in AngleKind.kinds(for: view) { a.add(p.angles[k], decimals: 2) }
        try v.angles.write(a.finish())

        v.frames += 1
        if v.firstTimestamp == nil { v.firstTimestamp = ts }
        v.lastTimestamp = ts
        v.recordedByStream[p.streamIndex] = n
        if v.recordedByStream.count > 4000 {
            let cutoff = p.streamIndex - 2000
            v.recordedByStream = v.recordedByStream.filter { $0.key >= cutoff }
        }
        for e in p.events { try appendEvent(e, stage: s, files: v) }
        for stride in p.strides {
            try s.strides.write(StrideTable.row(stride) { v.recordedByStream[$0] })
        }
        updateCounts(s, view, v)
    }

    /// Events refer to stream frames; those recorded get their recorded frame number.
    func appendEvent(_ e: GaitEvent, stage: StageFiles, files: ViewFiles) throws(SystemError) {
        guard let recorded = files.recordedByStream[e.frame] else { return }
        var r = CSVRow()
        r.add(e.view.rawValue)
        r.add(e.side.rawValue)
        r.add(e.kind.rawValue)
        r.add(recorded)
        r.add(e.time, decimals: 6)
        try stage.events.write(r.finish())
    }

    func updateCounts(_ s: StageFiles, _ view: CameraView, _ v: ViewFiles) {
        var st = manifest.stages[s.manifestIndex]
        st.views[view.rawValue]?.frames = v.frames
        st.views[view.rawValue]?.droppedByCamera = v.droppedByCamera
        st.views[view.rawValue]?.droppedByRecorder = v.droppedByRecorder
        let firsts = s.views.values.compactMap(\.firstTimestamp)
        let lasts = s.views.values.compactMap(\.lastTimestamp)
        st.startSeconds = firsts.min().map(seconds)
        st.endSeconds = lasts.max().map(seconds)
        manifest.stages[s.manifestIndex] = st
    }

    public func addNote(_ note: SessionManifest.Note) {
        manifest.notes.append(note)
    }

    public func setMeasuredFps(_ fps: Double, for view: CameraView) {
        if let i = manifest.cameras.firstIndex(where: { $0.view == view }) { manifest.cameras[i].measuredFps = fps }
    }

    var allFiles: [FileOutput] {
        stages.values.flatMap { s in [s.events, s.strides] + s.views.values.flatMap(\.all) }
    }

    /// Hands everything buffered to the kernel (it survives the process being killed).
    public func flush() throws(SystemError) {
        for f in allFiles { try f.flush() }
    }

    public func setCameraHealth(dropped: Int, reconnections: Int, for view: CameraView) {
        if let i = manifest.cameras.firstIndex(where: { $0.view == view }) {
            manifest.cameras[i].droppedFrames = dropped
            manifest.cameras[i].reconnections = reconnections
        }
    }

    public func setCameraSync(_ sync: SessionManifest.CameraSync) {
        manifest.cameraSync = sync
    }

    /// Makes everything written so far durable and refreshes the manifest.
    public func sync() throws(SystemError) {
        for f in allFiles { try f.sync() }
        try ManifestStore.write(manifest, to: directory, limit: limit)
    }

    /// Closes every file, reads each back (`ReadBackCheck`) and marks the session `complete`, or
    /// `damaged` with the problems found when a file does not hold what was written to it.
    public func finish() throws(SystemError) {
        for f in allFiles { try f.close() }
        let problems = ReadBackCheck.problems(in: directory, expected: expectedFiles)
        manifest.status = problems.isEmpty ? .complete : .damaged
        manifest.problems = problems.isEmpty ? nil : problems
        releaseReserve()
        try ManifestStore.write(manifest, to: directory, limit: limit)
        lock?.release()
        lock = nil
    }

    /// Closes every file without writing what is buffered and lets go of the session's lock:
    /// for a writer whose files are about to be removed (a failed import).
    public func abandon() {
        for f in allFiles { f.discard() }
        releaseReserve()
        lock?.release()
        lock = nil
    }

    /// After a write error: closes every file without retrying what is buffered, gives back the
    /// reserved space, rebuilds the counts from what is on disk (so the manifest matches the
    /// files exactly), and writes the last manifest, `complete` with the interruption noted.
    /// Returns false if even that manifest could not be written (the next open recovers it).
    @discardableResult
    public func stop(after error: SystemError, reason: String) -> Bool {
        releaseReserve()
        // Give the small table buffers a last chance in the space the reserve freed (keeping room
        // for the manifest); the video buffers are dropped (readers ignore a partial frame).
        let tables = stages.values.flatMap { s in [s.events, s.strides] + s.views.values.flatMap { [$0.index, $0.markers, $0.angles] } }
        if tables.reduce(0, { $0 + $1.pendingBytes }) < SessionLayout.reserveBytes / 2 {
            for f in tables { try? f.flush() }
        }
        for f in allFiles { f.discard() }
        var (m, _) = SessionRecovery.reconcile(manifest, directory: directory)
        m.status = .complete
        m.interruption = SessionManifest.Interruption(reason: reason, detail: error.description,
                                                      noticed: ISO8601DateFormatter().string(from: Date()))
        manifest = m
        let written = (try? ManifestStore.write(m, to: directory, limit: limit)) != nil
        lock?.release()
        lock = nil
        return written
    }

    /// Every view's files and how many frames went into them, for the read-back check.
    var expectedFiles: [ReadBackCheck.Expected] {
        stages.values.sorted { $0.manifestIndex < $1.manifestIndex }.flatMap { s in
            s.views.sorted { $0.key.rawValue < $1.key.rawValue }.compactMap { view, v -> ReadBackCheck.Expected? in
                guard let entry = manifest.stages[s.manifestIndex].views[view.rawValue] else { return nil }
                return ReadBackCheck.Expected(video: entry.video, index: entry.index, markers: entry.markers,
                                              angles: entry.angles, view: view, header: v.video.header, frames: v.frames)
            }
        }
    }

    /// Bytes written to videos and tables so far.
    public var bytesWritten: UInt64 {
        stages.values.reduce(0) { acc, s in
            acc + s.events.bytesWritten + s.strides.bytesWritten + s.views.values.reduce(0) { $0 + $1.all.reduce(0) { $0 + $1.bytesWritten } }
        }
    }
}
