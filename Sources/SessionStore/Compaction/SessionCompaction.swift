import Foundation
import Glibc
public import CaptureKit
import MarkerTracker

/// Turns a session of format v1 (raw Y4M video) into format v2 (JPEG pictures in Matroska):
/// `gaitlive compact DIR`. Every step can be interrupted (`kill -9`, power cut) and the session
/// still opens, with every frame.
///
/// Under the session's lock, for each raw video: the Matroska video and a frame index with the
/// pictures' places (`video_offset`, `video_bytes`: the old index's rows, unchanged, plus those two
/// fields) are written beside the old files (`side.mkv.compacting`, `side.frames.csv.compacting`),
/// synced, and checked frame by frame against the raw video: as many pictures, the same timestamps
/// and sequence numbers, luma PSNR >= 40 dB on every frame (a view where the quality asked for
/// loses more is encoded again at the next of 70, 85, 95, 100). Only when every video passed are they
/// swapped in: the video renamed to `side.mkv` (a new name), the index renamed over the old one
/// (its rows are the old rows, so the v1 manifest still reads it), the manifest replaced
/// atomically to point at the new videos, and last the raw videos removed. A crash before the
/// manifest leaves the v1 session (stray new files are removed by the next `compact`); after it,
/// the v2 session (raw videos left over are removed by the next `compact`).
public enum SessionCompaction {
    /// Why a session was not compacted; `description` names the session or file. Nothing changed.
    public struct CompactionError: Error, CustomStringConvertible, Equatable {
        public var path: String
        public var problem: String
        public var description: String { "\(path): \(problem)" }
    }

    /// What was done to one video.
    public struct Outcome: Sendable, Equatable {
        /// The raw video and its replacement, relative to the session.
        public var from: String
        public var to: String
        public var frames: Int
        public var bytesBefore: Int
        public var bytesAfter: Int
        /// The lowest luma PSNR of any frame against the raw one, dB.
        public var worstPSNR: Double
        /// The JPEG quality used (the one asked for, or higher where that lost too much).
        public var quality = 0
    }

    /// A frame that would fall below `minimumPSNR` at the quality tried.
    struct TooLossy: Error {
        var frame: Int
        var psnr: Double
    }

    /// Qualities tried in turn when one loses too much of a view's luma.
    static let higherQualities = [70, 85, 95, 100]

    /// The luma budget every compacted frame meets, dB.
    public static let minimumPSNR = 40.0
    static let suffix = ".compacting"

    /// Compacts the session at `directory` with JPEG `quality`; returns what was done, or, for a
    /// session already in format v2, the raw videos a previous interrupted `compact` left and that
    /// were removed now (`to` empty). Throws, changing nothing, when the session cannot be converted.
    public static func compact(directory: String, quality: Int) throws -> (outcomes: [Outcome], leftovers: [String]) {
        // Opening recovers a session whose recorder died, and names what cannot be read.
        // (Its errors name the file and the problem already.)
        let opened = try RecordedSession(directory: directory)
        guard let lock = try SessionLock.acquire(directory) else {
            throw CompactionError(path: directory, problem: "being recorded; compact it once the recording has stopped")
        }
        defer { lock.release() }
        var manifest = try ManifestStore.read(from: directory)
        if manifest.status == .recording {
            throw CompactionError(path: directory, problem: "being recorded; compact it once the recording has stopped")
        }
        if manifest.status == .damaged {
            let first = manifest.problems?.first ?? "a file did not read back as written"
            throw CompactionError(path: directory, problem: "damaged (\(first)); it is kept as it is, not compacted")
        }
        let raw = manifest.stages.flatMap { s in
            s.views.sorted { $0.key < $1.key }.filter { !RecordedVideos.isMatroska($0.value.video) }.map { (s, $0.key, $0.value) }
        }
        if raw.isEmpty {
            let leftovers = try removeLeftovers(directory, manifest: manifest, opened: opened)
            if leftovers.isEmpty {
                throw CompactionError(path: directory, problem: "already compact (session format 2, every video is MJPEG in Matroska)")
            }
            return ([], leftovers)
        }
        if let v = Y4MRepair.misordered(in: directory, manifest: manifest).first {
            throw CompactionError(path: directory + "/" + v,
                                  problem: "frames out of order; run gaitlive repair first, then compact")
        }
        var converted: [(stage: String, view: String, entry: SessionManifest.StageView, video: String, outcome: Outcome)] = []
        do {
            for (stage, name, entry) in raw {
                let video = stage.directory + "/" + SessionLayout.compressedVideo(name)
                removeStale(directory, video: video, index: entry.index, manifest: manifest)
                // The lowest quality from `quality` up that keeps every frame of this view >= 40 dB.
                var q = quality
                while true {
                    do {
                        let outcome = try convert(directory, entry: entry, video: video, viewName: name,
                                                  quality: q, software: manifest.software)
                        converted.append((stage.directory, name, entry, video, outcome))
                        break
                    } catch let lossy as TooLossy {
                        removeStale(directory, video: video, index: entry.index, manifest: manifest)
                        guard let next = higherQualities.first(where: { $0 > q }) else {
                            throw CompactionError(path: directory + "/" + entry.video, problem: String(
                                format: "frame %d keeps only %.1f dB of its luma even at JPEG quality %d (%.0f needed); not compacted",
                                lossy.frame, lossy.psnr, q, minimumPSNR))
                        }
                        q = next
                    }
                }
            }
        } catch {
            // Nothing is swapped in yet: the new files go, the session stays as it was.
            for (stage, name, entry) in raw {
                removeStale(directory, video: stage.directory + "/" + SessionLayout.compressedVideo(name), index: entry.index,
                            manifest: manifest)
            }
            throw error
        }
        TestPause.at("verified")
        // Swap in: new names first (the v1 manifest still reads everything), then the manifest.
        for c in converted {
            try rename(directory + "/" + c.video + suffix, directory + "/" + c.video)
            try rename(directory + "/" + c.entry.index + suffix, directory + "/" + c.entry.index)
            syncDirectory(directory + "/" + c.stage)
            TestPause.at("swapped")
        }
        manifest = try ManifestStore.read(from: directory)
        manifest.schemaVersion = 2
        for c in converted {
            guard let si = manifest.stages.firstIndex(where: { $0.directory == c.stage }) else { continue }
            manifest.stages[si].views[c.view]?.video = c.video
        }
        for i in manifest.cameras.indices {
            let used = converted.filter { $0.view == manifest.cameras[i].view.rawValue }.map(\.outcome.quality)
            guard let highest = used.max() else { continue }
            manifest.cameras[i].videoCodec = "jpeg"
            manifest.cameras[i].jpegQuality = highest
        }
        try ManifestStore.write(manifest, to: directory)
        TestPause.at("manifest")
        for c in converted {
            unlink(directory + "/" + c.entry.video)
            syncDirectory(directory + "/" + c.stage)
            TestPause.at("removed")
        }
        return (converted.map(\.outcome), [])
    }

    /// Writes and checks one view's Matroska video and index beside the raw ones.
    static func convert(_ directory: String, entry: SessionManifest.StageView, video: String, viewName: String,
                        quality: Int, software: String) throws -> Outcome {
        let encoder = try JPEGEncoder(quality: quality)
        let decoder = try JPEGDecoder()
        let base = directory + "/"
        let y4m = try Y4MReader(path: base + entry.video)
        let index = try FrameTable(path: base + entry.index, requiredColumns: RecordedView.indexNames)
        guard y4m.frameCount <= index.rowCount else {
            throw CompactionError(path: base + entry.video, problem: "\(y4m.frameCount) whole frames, the frame index lists "
                                  + "only \(index.rowCount); compacting would lose \(y4m.frameCount - index.rowCount)")
        }
        // An index an interrupted compact already swapped in: its own columns, without the two added.
        var columns = index.columns
        if columns.suffix(2) == [MatroskaVideo.offsetColumn, MatroskaVideo.bytesColumn] { columns.removeLast(2) }
        guard !columns.contains(MatroskaVideo.offsetColumn) else {
            throw CompactionError(path: base + entry.index, problem: "already has a \(MatroskaVideo.offsetColumn) column")
        }
        let h = y4m.header
        let writer = try MatroskaWriter(creating: base + video + suffix,
                                        track: .init(width: h.width, height: h.height, framesPerSecond: h.framesPerSecond,
                                                     name: viewName),
                                        software: software)
        let out = try FileOutput(creating: base + entry.index + suffix)
        try out.write(columns.joined(separator: ",") + ",\(MatroskaVideo.offsetColumn),\(MatroskaVideo.bytesColumn)\n")
        let cTimestamp = index.column("timestamp_ns")!
        var failure: (any Error)?
        var n = 0
        try index.forEachRow { row in
            let fields = row.fields.prefix(columns.count).joined(separator: ",")
            if n < y4m.frameCount {
                do {
                    let ts = try row.uint64(cTimestamp)
                    let frame = try y4m.frame(at: n, view: .side, sequence: 0, timestampNanoseconds: ts)
                    let jpeg = try encoder.encode(frame, grey: !h.colour.hasChroma)
                    // Checked as it is made, so a quality too low stops at its first bad frame.
                    let psnr = LumaPSNR.decibels(frame.luma, try decoder.luma(jpeg)) ?? 0
                    guard psnr >= minimumPSNR else { throw TooLossy(frame: n, psnr: psnr) }
                    let at = try writer.append(jpeg: jpeg, timestampNanoseconds: ts)
                    try out.write(fields + ",\(at.offset),\(at.bytes)\n")
                } catch {
                    failure = error
                    return false
                }
            } else {
                // A row past the last whole picture (a crash): kept, with no picture to point at.
                do { try out.write(fields + ",,\n") } catch {
                    failure = error
                    return false
                }
            }
            n += 1
            return true
        }
        if let failure {
            writer.output.discard()
            out.discard()
            throw failure
        }
        try writer.close()
        try out.close()
        TestPause.at("written")
        var outcome = try check(directory, entry: entry, video: video, y4m: y4m, index: index, columns: columns.count)
        outcome.quality = quality
        return outcome
    }

    /// Reads the new files back against the raw video: count, timing, pictures.
    static func check(_ directory: String, entry: SessionManifest.StageView, video: String, y4m: Y4MReader,
                      index old: FrameTable, columns: Int) throws -> Outcome {
        let base = directory + "/"
        let newIndex = try FrameTable(path: base + entry.index + suffix, requiredColumns: RecordedView.indexNames)
        let mkv = try MatroskaVideo(path: base + video + suffix, index: newIndex)
        let scan = try mkv.reader.scan()
        let wrong = { (what: String) in CompactionError(path: base + video + suffix, problem: what + "; nothing was changed") }
        guard mkv.frameCount == y4m.frameCount, scan.blocks.count == y4m.frameCount, scan.trailingBytes == 0,
              newIndex.rowCount == old.rowCount else {
            throw wrong("\(scan.blocks.count) pictures and \(newIndex.rowCount) index rows, "
                        + "\(y4m.frameCount) frames and \(old.rowCount) rows in the raw recording")
        }
        var worst = Double.infinity
        for n in 0..<y4m.frameCount {
            let a = try old.row(n)!, b = try newIndex.row(n)!
            guard Array(a.fields.prefix(columns)) == Array(b.fields.prefix(columns)) else {
                throw wrong("frame \(n): the new index row differs from the old one")
            }
            let loc = try mkv.location(of: n)
            guard loc.offset == scan.blocks[n].offset, loc.bytes == scan.blocks[n].bytes else {
                throw wrong("frame \(n): the index points elsewhere than picture \(n)")
            }
            let psnr = LumaPSNR.decibels(try y4m.luma(at: n), try mkv.luma(at: n)) ?? 0
            guard psnr >= minimumPSNR else {
                throw wrong(String(format: "frame %d keeps only %.1f dB of its luma (%.0f needed); a higher --jpeg-quality keeps more",
                                   n, psnr, minimumPSNR))
            }
            worst = min(worst, psnr)
        }
        let before = (try? FileInput(path: base + entry.video).size) ?? 0
        return Outcome(from: entry.video, to: video, frames: y4m.frameCount, bytesBefore: before,
                       bytesAfter: mkv.reader.file.size, worstPSNR: worst)
    }

    /// Removes what an interrupted compact left for a view still raw in the manifest: the new
    /// video (under either name) and the new index (not the index the manifest reads).
    static func removeStale(_ directory: String, video: String, index: String, manifest: SessionManifest) {
        let referenced = Set(manifest.stages.flatMap { $0.views.values.flatMap { [$0.video, $0.index] } })
        for p in [video, video + suffix, index + suffix] where !referenced.contains(p) {
            unlink(directory + "/" + p)
        }
    }

    /// In a session already in format v2: raw videos of views that now point at a whole Matroska
    /// video (an interrupted compact stopped before removing them). Removes them; returns them.
    static func removeLeftovers(_ directory: String, manifest: SessionManifest, opened: RecordedSession) throws -> [String] {
        var removed: [String] = []
        for (si, stage) in manifest.stages.enumerated() {
            for (name, entry) in stage.views.sorted(by: { $0.key < $1.key }) where RecordedVideos.isMatroska(entry.video) {
                let old = stage.directory + "/" + SessionLayout.video(name)
                guard FileManager.default.fileExists(atPath: directory + "/" + old),
                      let view = CameraView(rawValue: name), si < opened.stages.count,
                      let v = opened.stages[si].views[view], v.frameCount == entry.frames else { continue }
                unlink(directory + "/" + old)
                syncDirectory(directory + "/" + stage.directory)
                removed.append(old)
            }
        }
        return removed
    }

    static func rename(_ from: String, _ to: String) throws(SystemError) {
        guard Glibc.rename(from, to) == 0 else { throw .current("cannot rename to \(to)", path: from) }
    }

    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }
}
