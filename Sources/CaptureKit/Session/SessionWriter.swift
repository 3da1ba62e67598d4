import Foundation
public import MarkerTracker

/// Writes a session directory: per stage and camera the Y4M video, frame index, marker and angle
/// tables; per stage the events and strides tables; and the manifest. Used by the recorder thread only.
///
/// Files are created on the first frame of a stage and only ever appended to.
public final class SessionWriter {
    public let directory: String
    public private(set) var manifest: SessionManifest
    let formats: [CameraView: Y4MHeader]

    final class ViewFiles {
        let video: Y4MWriter
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

        init(video: Y4MWriter, index: FileOutput, markers: FileOutput, angles: FileOutput) {
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
    public init(directory: String, manifest: SessionManifest, formats: [CameraView: Y4MHeader]) throws(SystemError) {
        self.directory = directory
        self.manifest = manifest
        self.formats = formats
        try SessionLayout.createDirectory(directory, allowExistingEmpty: true)
        try ManifestStore.write(manifest, to: directory)
    }

    func seconds(_ ns: UInt64) -> Double {
        Double(Int64(bitPattern: ns &- manifest.clockOriginNs)) / 1e9
    }

    func stageFiles(_ index: Int, _ stage: SessionTimeline.Stage) throws(SystemError) -> StageFiles {
        if let s = stages[index] { return s }
        let dir = directory + "/" + stage.directory
        try SessionLayout.createDirectory(dir, allowExistingEmpty: false)
        let events = try FileOutput(creating: dir + "/" + SessionLayout.events)
        try events.write("view,side,event,frame,time_s\n")
        let strides = try FileOutput(creating: dir + "/" + SessionLayout.strides)
        try strides.write(StrideTable.header)
        manifest.stages.append(SessionManifest.Stage(kind: stage.kind.rawValue, directory: stage.directory,
                                                     inclinePercent: stage.inclinePercent,
                                                     events: stage.directory + "/" + SessionLayout.events))
        let s = StageFiles(timelineIndex: index, manifestIndex: manifest.stages.count - 1, events: events,
                           strides: strides)
        stages[index] = s
        try ManifestStore.write(manifest, to: directory)
        return s
    }

    func viewFiles(_ stage: StageFiles, _ view: CameraView, dir: String) throws(SystemError) -> ViewFiles {
        if let v = stage.views[view] { return v }
        let name = view.rawValue
        guard let header = formats[view] else {
            preconditionFailure("no video format configured for the \(name) camera")
        }
        let base = directory + "/" + dir + "/"
        let files = ViewFiles(
            video: try Y4MWriter(creating: base + SessionLayout.video(name), header: header),
            index: try FileOutput(creating: base + SessionLayout.index(name)),
            markers: try FileOutput(creating: base + SessionLayout.markers(name)),
            angles: try FileOutput(creating: base + SessionLayout.angles(name)))
        try files.index.write("frame,sequence,timestamp_ns,time_s,dropped_before\n")
        let set = MarkerSet.standard(for: view)
        var mh = "frame,time_s,status"
        for l in set.labels { mh += ",\(l)_x,\(l)_y,\(l)_conf,\(l)_src" }
        try files.markers.write(mh + "\n")
        try files.angles.write("frame,time_s," + AngleKind.kinds(for: view).map(\.column).joined(separator: ",") + "\n")
        stage.views[view] = files
        manifest.stages[stage.manifestIndex].views[name] = SessionManifest.StageView(
            video: dir + "/" + SessionLayout.video(name), index: dir + "/" + SessionLayout.index(name),
            markers: dir + "/" + SessionLayout.markers(name), angles: dir + "/" + SessionLayout.angles(name))
        return files
    }

    /// Appends one processed frame to its stage's files.
    public func append(_ p: ProcessedFrame, stageIndex: Int, stage: SessionTimeline.Stage,
                       droppedByRecorderBefore: Int) throws(SystemError) {
        let s = try stageFiles(stageIndex, stage)
        let view = p.frame.view
        let v = try viewFiles(s, view, dir: stage.directory)
        let n = v.frames
        let ts = p.frame.timestampNanoseconds
        let t = seconds(ts)
        var dropped = 0
        if let last = v.lastSequence, p.frame.sequence > last &+ 1 { dropped = Int(p.frame.sequence &- last &- 1) }
        v.lastSequence = p.frame.sequence
        v.droppedByCamera += dropped
        v.droppedByRecorder += droppedByRecorderBefore

        try v.video.append(p.frame)
        var row = CSVRow()
        row.add(n)
        row.add(Int(p.frame.sequence))
        row.add(ts)
        row.add(t, decimals: 6)
        row.add(dropped + droppedByRecorderBefore)
        try v.index.write(row.finish())

        var m = CSVRow()
        m.add(n)
        m.add(t, decimals: 6)
        m.add(p.tracked.status.rawValue)
        for marker in p.tracked.markers {
            if let marker {
                m.add(marker.position.x, decimals: 3)
                m.add(marker.position.y, decimals: 3)
                m.add(marker.confidence, decimals: 2)
                m.add(marker.source.rawValue)
            } else {
                m.addEmpty(); m.addEmpty(); m.addEmpty(); m.addEmpty()
            }
        }
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

    /// Makes everything written so far durable and refreshes the manifest.
    public func sync() throws(SystemError) {
        for s in stages.values {
            try s.events.sync()
            try s.strides.sync()
            for v in s.views.values { for f in v.all { try f.sync() } }
        }
        try ManifestStore.write(manifest, to: directory)
    }

    /// Closes every file and marks the session complete.
    public func finish() throws(SystemError) {
        for s in stages.values {
            try s.events.close()
            try s.strides.close()
            for v in s.views.values {
                try v.video.close()
                try v.index.close()
                try v.markers.close()
                try v.angles.close()
            }
        }
        manifest.status = .complete
        try ManifestStore.write(manifest, to: directory)
    }

    /// Bytes written to videos and tables so far.
    public var bytesWritten: UInt64 {
        stages.values.reduce(0) { acc, s in
            acc + s.events.bytesWritten + s.strides.bytesWritten + s.views.values.reduce(0) { $0 + $1.all.reduce(0) { $0 + $1.bytesWritten } }
        }
    }
}
