// libFuzzer entry point for the session readers (built by scripts/fuzz-readers, not by SwiftPM).
// Each input is written to a file and opened as a Y4M video, a Matroska video (its pictures
// decoded by libjpeg-turbo), a JPEG picture, a frame table and a manifest; any error is fine, a
// crash, a hang or an unbounded allocation is a bug.
import CaptureKit
import Foundation
import Glibc
import MarkerTracker
import SessionStore

let scratch = "/dev/shm/gaitlive-fuzz-\(getpid())"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = FileManager.default.createFile(atPath: scratch, contents: Data(bytes))
    defer { unlink(scratch) }
    // Y4M: header, frame count, and a few frames read back.
    if let r = try? Y4MReader(path: scratch), r.header.frameBytes <= 1 << 22 {
        for n in [0, r.frameCount / 2, r.frameCount - 1] where n >= 0 && n < r.frameCount {
            _ = try? r.frame(at: n, view: .side, sequence: 0, timestampNanoseconds: 0)
        }
    }
    // Matroska: structure, a scan of its blocks, and a few pictures decoded.
    if let r = try? MatroskaReader(path: scratch) { _ = try? r.scan() }
    if let v = try? MatroskaVideo(path: scratch), v.width * v.height <= 1 << 22 {
        for n in [0, v.frameCount / 2, v.frameCount - 1] where n >= 0 && n < v.frameCount {
            _ = try? v.frame(at: n, view: .side, sequence: 0, timestampNanoseconds: 0)
        }
    }
    // A JPEG picture on its own (what a camera's MJPEG frame or a session picture is).
    if let d = try? JPEGDecoder(), let h = try? d.header(bytes), h.width * h.height <= 1 << 22 {
        _ = try? d.planes(bytes)
    }
    if let line = String(validating: bytes.prefix(512), as: UTF8.self) {
        _ = try? Y4MHeader(parsing: line)
    }
    // Manifest.
    _ = try? ManifestStore.decode(bytes, path: scratch)
    // Frame tables: open, a few rows, a full pass.
    if let t = try? FrameTable(path: scratch, requiredColumns: []) {
        for n in [0, 1, t.rowCount / 2, t.rowCount - 1] { _ = try? t.row(n)?.double(0) }
        var rows = 0
        try? t.forEachRow { _ in rows += 1; return rows < 100_000 }
    }
    if let text = String(validating: bytes, as: UTF8.self) {
        _ = try? CSVTable(path: scratch, text: text)
    }
    return 0
}
