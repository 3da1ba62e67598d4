import Foundation
import Glibc
import CaptureKit

/// Puts the frames of a session's videos back in order (`gaitlive repair DIR`): the sessions of
/// 1024x512 and larger written before the large-frame bug was fixed (see `MisorderedY4M`).
///
/// For each video out of order, a new file is written beside it (`side.y4m.reordered`), synced,
/// and read back: same header, every frame whole, as many frames as the layout held. Only then
/// does it replace the original (`rename(2)`, atomic), and the manifest lists the repair. A crash
/// at any point leaves either the original or the whole repaired file in place; every byte of
/// every whole frame is carried over, so nothing recorded is lost.
public enum Y4MRepair {
    /// What was done to one video.
    public struct Outcome: Sendable, Equatable {
        /// Relative to the session directory.
        public var file: String
        public var frames: Int
        /// Frames the frame index lists (the recording's own count), when it could be read.
        public var indexRows: Int?
    }

    /// Why a session could not be repaired; `description` names the session or file.
    public struct RepairError: Error, CustomStringConvertible, Equatable {
        public var path: String
        public var problem: String
        public var description: String { "\(path): \(problem)" }
    }

    /// The videos of the session at `directory` whose frames are out of order (relative paths).
    /// Only raw Y4M videos can be (the large-frame bug wrote Y4M): a compressed `.mkv` is not
    /// looked into, since the search for a misplaced Y4M header reads up to 256 MB of a file that
    /// does not begin with one (every Matroska file), which made `gaitlive sessions` read every
    /// compressed video of the library whole.
    public static func misordered(in directory: String, manifest: SessionManifest) -> [String] {
        manifest.stages.flatMap { s in
            s.views.values.map(\.video).sorted().filter {
                $0.hasSuffix(".y4m") && MisorderedY4M.looksMisordered(path: directory + "/" + $0)
            }
        }
    }

    /// Repairs every video out of order in `directory`; returns what was done (empty when nothing
    /// needed it). Throws before changing anything if a video cannot be put back in order.
    public static func repair(directory: String) throws -> [Outcome] {
        _ = try ManifestStore.read(from: directory) // names what is wrong with the directory first
        guard let lock = try SessionLock.acquire(directory) else {
            throw RepairError(path: directory, problem: "being recorded by a running gaitlive; repair it once that has stopped")
        }
        defer { lock.release() }
        var manifest = try ManifestStore.read(from: directory)
        let videos = misordered(in: directory, manifest: manifest)
        // Parse every video first: a session is changed only if all of it can be repaired.
        var layouts: [(String, MisorderedY4M, Int?)] = []
        for v in videos {
            // `gaitlive import` wrote frames back to back, never flushing between them.
            let layout = try MisorderedY4M(path: directory + "/" + v, flushesBetweenFrames: manifest.source != "import")
            let index = manifest.stages.flatMap(\.views.values).first { $0.video == v }.map(\.index)
            let rows = index.flatMap { try? FrameTable(path: directory + "/" + $0, requiredColumns: RecordedView.indexNames).rowCount }
            // Closed sessions list every frame; after a crash the tables are ahead of the video.
            if let rows, layout.frames.count > rows || (manifest.status == .complete && layout.frames.count != rows) {
                throw RepairError(path: directory + "/" + v,
                                  problem: "\(layout.frames.count) whole frames found out of order, the frame index lists \(rows)")
            }
            layouts.append((v, layout, rows))
        }
        var outcomes: [Outcome] = []
        for (v, layout, rows) in layouts {
            try rewrite(layout, to: directory + "/" + v)
            outcomes.append(Outcome(file: v, frames: layout.frames.count, indexRows: rows))
        }
        if !outcomes.isEmpty {
            let now = ISO8601DateFormatter().string(from: Date())
            manifest.repairs = (manifest.repairs ?? []) + outcomes.map { .init(file: $0.file, frames: $0.frames, repaired: now) }
            try ManifestStore.write(manifest, to: directory)
        }
        return outcomes
    }

    /// What the old writer buffered and a picture must not hold for the order to be certain.
    static let signatures = [Array("FRAME\n".utf8), Array("YUV4MPEG2".utf8)]

    /// True if a signature lies in `bytes` with at least one of its bytes inside `picture`.
    static func containsSignature(_ bytes: [UInt8], picture: Range<Int>) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            for sig in signatures {
                var i = max(0, picture.lowerBound - sig.count + 1)
                let last = min(b.count - sig.count, picture.upperBound - 1)
                while i <= last {
                    if b[i] == sig[0], b[i..<(i + sig.count)].elementsEqual(sig) { return true }
                    i += 1
                }
            }
            return false
        }
    }

    /// Writes `layout`'s frames in order to `path + ".reordered"`, checks it, and renames it over `path`.
    static func rewrite(_ layout: MisorderedY4M, to path: String) throws {
        let temporary = path + ".reordered"
        unlink(temporary) // a repair cut short before: ours, never renamed into place
        let input = try FileInput(path: layout.path)
        let h = layout.header
        let luma = h.width * h.height
        let chroma = h.colour.hasChroma ? ((h.width + 1) / 2) * ((h.height + 1) / 2) : 0
        let writer = try Y4MWriter(creating: temporary, header: h, limit: nil)
        var window: [UInt8] = []
        func copy(_ offset: Int, _ count: Int) throws {
            // The picture and a few bytes either side: one byte fewer than a signature, so a match
            // can straddle into a neighbour but never lie in a neighbour (our own FRAME line) alone.
            let margin = signatures.map(\.count).max()! - 1
            let start = max(0, offset - margin)
            let length = min(input.size - start, offset - start + count + margin)
            guard try input.read(at: start, count: length, into: &window) == length, offset - start + count <= length else {
                throw RepairError(path: layout.path, problem: "frame data ends early at byte \(offset)")
            }
            // Another reading of the file would need a FRAME line or a header inside a picture.
            if containsSignature(window, picture: (offset - start)..<(offset - start + count)) {
                throw RepairError(path: layout.path, problem: "a picture holds the bytes of a FRAME line or a header, "
                                  + "so its frames cannot be put back in order with certainty; the file is left as it is")
            }
            try window.withUnsafeBytes { raw in
                try writer.output.write(contentsOf: UnsafeRawBufferPointer(rebasing: raw[(offset - start)..<(offset - start + count)]))
            }
        }
        do {
            for f in layout.frames {
                try writer.output.write(Array("FRAME\n".utf8))
                try copy(f.luma, luma)
                if let cb = f.cb, let cr = f.cr {
                    try copy(cb, chroma)
                    try copy(cr, chroma)
                }
            }
            try writer.close()
            let check = try Y4MReader(path: temporary)
            guard check.header.width == h.width, check.header.height == h.height, check.header.colour == h.colour,
                  check.frameCount == layout.frames.count, check.trailingBytes == 0 else {
                throw RepairError(path: temporary, problem: "the reordered video does not read back "
                                  + "(\(check.frameCount) of \(layout.frames.count) frames)")
            }
        } catch {
            writer.output.discard()
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let e = SystemError.current("cannot replace the video with its reordered copy", path: path)
            unlink(temporary)
            throw e
        }
        let dir = (path as NSString).deletingLastPathComponent
        let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }
}
