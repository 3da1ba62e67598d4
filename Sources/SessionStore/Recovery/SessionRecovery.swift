import Foundation
import MarkerTracker
import CaptureKit

/// Rebuilds a session's manifest from the files on disk, after the writer died (`kill -9`, power
/// loss) or stopped on a write error (a full disk).
///
/// After a crash each view's video, index, markers and angles can end at different frames (each
/// file is flushed on its own). Recovery keeps the longest prefix present and well-formed in all
/// four: nothing is deleted or truncated, readers simply ignore what lies beyond it. Frame
/// counts, drops, stage times and measured frame rates are recomputed from that prefix.
public enum SessionRecovery {
    /// What one view of one stage holds on disk.
    public struct ViewReport: Sendable, Equatable {
        public var stage: String
        public var view: String
        public var videoFrames: Int
        public var indexRows: Int
        public var markerRows: Int
        public var angleRows: Int
        /// Frames kept: the prefix present and readable everywhere.
        public var kept: Int
        /// What else was done ("; index rows 120..<130 rebuilt from the video into ..."), or "".
        public var note = ""

        /// "flat/side: video 1203, index 1201, markers 1200, angles 1200 -> 1200 frames kept"
        public var line: String {
            "\(stage)/\(view): video \(videoFrames), index \(indexRows), markers \(markerRows), angles \(angleRows)"
                + " -> \(kept) frames kept" + note
        }
    }

    /// `manifest` with every view's counts rebuilt from the files in `directory`, and the report.
    /// Views with no whole frame and stages with no views are left out of the manifest (their
    /// files stay on disk).
    public static func reconcile(_ manifest: SessionManifest, directory: String) -> (SessionManifest, [ViewReport]) {
        var m = manifest
        var reports: [ViewReport] = []
        var rates: [CameraView: (frames: Double, fps: Double)] = [:]
        var stages: [SessionManifest.Stage] = []
        for var stage in m.stages {
            var starts: [Double] = [], ends: [Double] = []
            for view in CameraView.allCases {
                let name = view.rawValue
                let dir = stage.directory + "/"
                let base = directory + "/"
                // A view the manifest does not list yet: its raw or compressed video, whichever is there.
                let unlisted = FileManager.default.fileExists(atPath: base + dir + SessionLayout.compressedVideo(name))
                    ? SessionLayout.compressedVideo(name) : SessionLayout.video(name)
                var entry = stage.views[name] ?? SessionManifest.StageView(
                    video: dir + unlisted, index: dir + SessionLayout.index(name),
                    markers: dir + SessionLayout.markers(name), angles: dir + SessionLayout.angles(name))
                guard FileManager.default.fileExists(atPath: base + entry.video) else {
                    stage.views[name] = nil
                    continue
                }
                var index = try? FrameTable(path: base + entry.index, requiredColumns: RecordedView.indexNames)
                var video = SessionRecovery.wholeFrames(base + entry.video, index: index)
                let markers = try? FrameTable(path: base + entry.markers,
                                              requiredColumns: RecordedView.markerNames(.standard(for: view)))
                let angles = try? FrameTable(path: base + entry.angles, requiredColumns: RecordedView.angleNames(view))
                // Format 2: pictures and table rows past a shorter index get rows rebuilt from the video.
                var rebuilt = ""
                if RecordedVideos.isMatroska(entry.video), let table = index, video == table.rowCount,
                   let blocks = try? MatroskaReader(path: base + entry.video).scan().blocks,
                   case let end = min(blocks.count, markers?.rowCount ?? 0, angles?.rowCount ?? 0), end > table.rowCount,
                   let path = IndexRebuild.rebuild(directory: directory, index: entry.index, index: table, blocks: blocks,
                                                   upTo: end, clockOrigin: m.clockOriginNs),
                   let again = try? FrameTable(path: base + path, requiredColumns: RecordedView.indexNames) {
                    rebuilt = "; index rows \(table.rowCount)..<\(end) rebuilt from the video into \(path)"
                    entry.index = path
                    index = again
                    video = SessionRecovery.wholeFrames(base + entry.video, index: again)
                }
                var report = ViewReport(stage: stage.directory, view: name, videoFrames: video,
                                        indexRows: index?.rowCount ?? 0, markerRows: markers?.rowCount ?? 0,
                                        angleRows: angles?.rowCount ?? 0, kept: 0)
                var kept = min(video, report.indexRows, report.markerRows, report.angleRows)
                var scan = IndexScan()
                if let index, kept > 0 {
                    scan = IndexScan.read(index, limit: kept)
                    kept = min(kept, scan.rows)
                }
                report.kept = kept
                report.note = rebuilt
                reports.append(report)
                guard kept > 0 else {
                    stage.views[name] = nil
                    continue
                }
                var v = entry
                v.frames = kept
                v.droppedByCamera = scan.cameraGaps
                v.droppedByRecorder = scan.notSaved
                stage.views[name] = v
                if let s = scan.firstSeconds { starts.append(s) }
                if let e = scan.lastSeconds { ends.append(e) }
                if let fps = scan.framesPerSecond, Double(kept) > (rates[view]?.frames ?? 0) {
                    rates[view] = (Double(kept), fps)
                }
            }
            guard !stage.views.isEmpty else { continue }
            stage.startSeconds = starts.min()
            stage.endSeconds = ends.max()
            stages.append(stage)
        }
        m.stages = stages
        for i in m.cameras.indices where m.cameras[i].measuredFps == nil {
            m.cameras[i].measuredFps = rates[m.cameras[i].view]?.fps
        }
        return (m, reports)
    }

    /// Whole frames of a video on disk: for Y4M, from its size; for Matroska, the pictures found
    /// by scanning its clusters (the container is the truth after a crash) that the frame index
    /// also points at, in order (an index row pointing elsewhere ends the usable prefix).
    static func wholeFrames(_ path: String, index: FrameTable?) -> Int {
        guard RecordedVideos.isMatroska(path) else { return (try? Y4MReader(path: path))?.frameCount ?? 0 }
        guard let scan = try? MatroskaReader(path: path).scan() else { return 0 }
        guard let index, let o = index.column(MatroskaVideo.offsetColumn), let b = index.column(MatroskaVideo.bytesColumn) else {
            return 0
        }
        var agreed = 0
        try? index.forEachRow { r in
            guard r.frame < scan.blocks.count, (try? r.int(o)) == scan.blocks[r.frame].offset,
                  (try? r.int(b)) == scan.blocks[r.frame].bytes else { return false }
            agreed += 1
            return true
        }
        return agreed
    }

    /// What the frame index says about the kept frames: drops, first and last times, rate.
    struct IndexScan {
        var rows = 0
        var cameraGaps = 0
        var droppedTotal = 0
        var notSaved = 0
        var firstSeconds: Double?
        var lastSeconds: Double?
        var firstSequence: Int?
        var lastSequence: Int?
        var firstStamp: UInt64?
        var lastStamp: UInt64?

        var framesPerSecond: Double? {
            guard let a = firstSequence, let b = lastSequence, let s = firstStamp, let e = lastStamp, e > s, b > a else {
                return nil
            }
            return Double(b - a) / (Double(e - s) / 1e9)
        }

        /// Reads the first `limit` rows; stops at the first row that cannot be read.
        static func read(_ table: FrameTable, limit: Int) -> IndexScan {
            var scan = IndexScan()
            guard let cSeq = table.column("sequence"), let cStamp = table.column("timestamp_ns"),
                  let cTime = table.column("time_s"), let cDrop = table.column("dropped_before") else { return scan }
            let cNotSaved = table.column("not_saved_before")
            var notSaved = 0
            try? table.forEachRow { r in
                guard r.frame < limit else { return false }
                let seq = try r.int(cSeq), stamp = try r.uint64(cStamp), time = try r.double(cTime) ?? 0
                let drop = try r.int(cDrop)
                let lost = try cNotSaved.map { try r.int($0) } ?? 0
                scan.droppedTotal += drop
                notSaved += lost
                if scan.firstSequence == nil {
                    scan.firstSequence = seq
                    scan.firstStamp = stamp
                    scan.firstSeconds = time
                }
                scan.lastSequence = seq
                scan.lastStamp = stamp
                scan.lastSeconds = time
                scan.rows += 1
                return true
            }
            scan.notSaved = notSaved
            scan.cameraGaps = max(0, scan.droppedTotal - notSaved)
            return scan
        }
    }

    /// Recovery on open: if `manifest` says `recording` and no process holds the session's lock
    /// (the writer died), rebuilds it from disk, marks it `recovered` with what was found, and
    /// replaces `session.json` atomically when the directory is writable. A session being recorded
    /// right now is returned unchanged.
    public static func recoverIfAbandoned(_ manifest: SessionManifest, directory: String) -> SessionManifest {
        guard manifest.status == .recording else { return manifest }
        guard let lock = try? SessionLock.acquire(directory) else { return manifest }
        defer { lock.release() }
        // Reread under the lock: another reader may have recovered it meanwhile.
        if let again = try? ManifestStore.read(from: directory), again.status != .recording { return again }
        var (m, reports) = reconcile(manifest, directory: directory)
        m.status = .recovered
        m.interruption = SessionManifest.Interruption(
            reason: "crash",
            detail: "the recorder ended without closing the session; kept what is whole on disk: "
                + (reports.isEmpty ? "no frames" : reports.map(\.line).joined(separator: "; ")),
            noticed: ISO8601DateFormatter().string(from: Date()))
        unlink(directory + "/" + SessionLayout.reserveName)
        try? ManifestStore.write(m, to: directory)
        return m
    }
}
