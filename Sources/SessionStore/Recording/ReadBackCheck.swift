public import MarkerTracker

/// Reads back what the recorder closed: each view's video must open as Y4M with the header that
/// was written and hold exactly the frames written, no byte more; its frame index, marker and
/// angle tables must hold one row per frame.
///
/// `SessionWriter.finish()` runs it before it marks a session `complete`; a problem makes the
/// session `damaged`, with one line per file in the manifest, and nothing on disk is changed.
public enum ReadBackCheck {
    /// What was written to one view of one stage.
    public struct Expected: Sendable {
        /// Paths relative to the session directory.
        public var video: String
        public var index: String
        public var markers: String
        public var angles: String
        public var view: CameraView
        public var header: Y4MHeader
        public var frames: Int
        public init(video: String, index: String, markers: String, angles: String, view: CameraView,
                    header: Y4MHeader, frames: Int) {
            self.video = video
            self.index = index
            self.markers = markers
            self.angles = angles
            self.view = view
            self.header = header
            self.frames = frames
        }
    }

    /// One line per file that does not read back as written ("flat/side.y4m: ..."); empty when all do.
    public static func problems(in directory: String, expected: [Expected]) -> [String] {
        var out: [String] = []
        for e in expected {
            out += videoProblems(directory, e)
            let tables: [(String, [String])] = [
                (e.index, RecordedView.indexNames),
                (e.markers, RecordedView.markerNames(.standard(for: e.view))),
                (e.angles, RecordedView.angleNames(e.view)),
            ]
            for (path, columns) in tables {
                do {
                    let t = try FrameTable(path: directory + "/" + path, requiredColumns: columns)
                    if t.rowCount != e.frames { out.append("\(path): \(t.rowCount) rows, \(e.frames) frames were written") }
                } catch {
                    out.append("\(path): \(unprefixed(error, path: directory + "/" + path))")
                }
            }
        }
        return out
    }

    static func videoProblems(_ directory: String, _ e: Expected) -> [String] {
        if RecordedVideos.isMatroska(e.video) { return matroskaProblems(directory, e) }
        let path = directory + "/" + e.video
        let reader: Y4MReader
        do {
            reader = try Y4MReader(path: path)
        } catch {
            return ["\(e.video): \(unprefixed(error, path: path))"]
        }
        var out: [String] = []
        let h = reader.header, w = e.header
        if h.width != w.width || h.height != w.height || h.colour != w.colour {
            out.append("\(e.video): header says \(h.width)x\(h.height) \(h.colour.rawValue), "
                       + "\(w.width)x\(w.height) \(w.colour.rawValue) was written")
        }
        if reader.frameCount != e.frames {
            out.append("\(e.video): \(reader.frameCount) whole frames, \(e.frames) were written")
        }
        if reader.trailingBytes != 0 {
            out.append("\(e.video): \(reader.trailingBytes) bytes after the last whole frame")
        }
        return out
    }

    /// A Matroska video: the track's size, its whole pictures (one scan of the clusters), no byte
    /// after the last, and the frame index pointing at exactly those pictures, in order.
    static func matroskaProblems(_ directory: String, _ e: Expected) -> [String] {
        let path = directory + "/" + e.video
        let reader: MatroskaReader
        let scan: MatroskaReader.Scan
        do {
            reader = try MatroskaReader(path: path)
            scan = try reader.scan()
        } catch {
            return ["\(e.video): \(unprefixed(error, path: path))"]
        }
        var out: [String] = []
        let t = reader.track, w = e.header
        if t.width != w.width || t.height != w.height || t.codecID != MatroskaWriter.codecID {
            out.append("\(e.video): track says \(t.width)x\(t.height) \(t.codecID), "
                       + "\(w.width)x\(w.height) \(MatroskaWriter.codecID) was written")
        }
        if scan.blocks.count != e.frames {
            out.append("\(e.video): \(scan.blocks.count) whole frames, \(e.frames) were written")
        }
        if scan.trailingBytes != 0 {
            out.append("\(e.video): \(scan.trailingBytes) bytes after the last whole frame")
        }
        let indexPath = directory + "/" + e.index
        guard let table = try? FrameTable(path: indexPath, requiredColumns: RecordedView.indexNames),
              let o = table.column(MatroskaVideo.offsetColumn), let b = table.column(MatroskaVideo.bytesColumn) else {
            return out + ["\(e.index): no \(MatroskaVideo.offsetColumn) and \(MatroskaVideo.bytesColumn) columns for \(e.video)"]
        }
        var mismatch: Int?
        try? table.forEachRow { r in
            guard r.frame < scan.blocks.count else { return false }
            let block = scan.blocks[r.frame]
            if (try? r.int(o)) != block.offset || (try? r.int(b)) != block.bytes {
                mismatch = r.frame
                return false
            }
            return true
        }
        if let mismatch {
            out.append("\(e.index): frame \(mismatch) points elsewhere than picture \(mismatch) of \(e.video)")
        }
        return out
    }

    /// The error's text without the full path it starts with (the line names the file already).
    static func unprefixed(_ error: any Error, path: String) -> String {
        let text = "\(error)"
        return text.hasPrefix(path + ": ") ? String(text.dropFirst(path.count + 2)) : text
    }
}
