import Foundation
import MarkerTracker
import Testing
@testable import CaptureKit
@testable import SessionStore

/// Session format 2 at the writer: frames that came compressed (an MJPEG camera's) are stored
/// byte for byte, and the read-back check finds what does not match what was written.
@Suite struct CompressedSessionTests {
    let round = SessionRoundTripTests()
    let stage = SessionTimeline.Stage(kind: .flat, inclinePercent: 0, ordinal: 1, startNanoseconds: 0)

    /// Frames as an MJPEG camera delivers them: the JPEG as sent, and the planes decoded from it.
    func cameraFrames(_ count: Int) throws -> [ProcessedFrame] {
        let encoder = try JPEGEncoder(quality: 75)
        let decoder = try JPEGDecoder()
        return try (0..<count).map { n in
            var p = round.processed(n, view: .side)
            var planes = p.frame
            planes.chroma = ChromaPlanes(cb: [UInt8](repeating: UInt8(100 + n), count: 48),
                                         cr: [UInt8](repeating: 150, count: 48))
            let jpeg = try encoder.encode(planes)      // 4:2:0, as UVC cameras send
            let decoded = try decoder.planes(jpeg)
            p.frame = Frame(view: .side, sequence: p.frame.sequence, timestampNanoseconds: p.frame.timestampNanoseconds,
                            luma: decoded.luma, chroma: decoded.chroma, compressed: jpeg)
            return p
        }
    }

    func write(_ root: String, _ frames: [ProcessedFrame], colour: Bool = false) throws -> SessionWriter {
        let writer = try SessionWriter(directory: root, manifest: round.manifest(),
                                       formats: [.side: Y4MHeader(width: 16, height: 12, framesPerSecond: 120,
                                                                  colour: colour ? .c420jpeg : .mono)])
        for p in frames { try writer.append(p, stageIndex: 0, stage: stage, droppedByRecorderBefore: 0) }
        return writer
    }

    @Test func anMJPEGCamerasBytesAreStoredAsSent() throws {
        let dir = TestDirectory()
        let root = dir.file("s")
        let frames = try cameraFrames(5)
        try write(root, frames, colour: true).finish()
        let s = try RecordedSession(directory: root)
        #expect(s.manifest.status == .complete)
        #expect(s.manifest.cameras[0].videoCodec == "camera-mjpeg")
        #expect(s.manifest.cameras[0].jpegQuality == nil)
        let v = try #require(s.stages[0].views[.side])
        let video = try #require(v.video as? MatroskaVideo)
        #expect(video.hasChroma)
        for n in 0..<5 {
            #expect(try video.jpeg(at: n) == frames[n].frame.compressed)
            let f = try video.frame(at: n, view: .side, sequence: 0, timestampNanoseconds: 0)
            #expect(f.luma.pixels == frames[n].frame.luma.pixels)
            #expect(f.chroma?.cb == frames[n].frame.chroma?.cb)
        }
    }

    @Test func theReadBackCheckNamesWhatDoesNotMatch() throws {
        let dir = TestDirectory()
        let root = dir.file("s")
        let writer = try write(root, (0..<4).map { round.processed($0, view: .side) })
        try writer.flush()
        let expected = writer.expectedFiles
        #expect(ReadBackCheck.problems(in: root, expected: expected) == [])
        // A stray byte after the last picture.
        let out = try FileOutput(appendingTo: root + "/flat/side.mkv")
        try out.write([0x00])
        try out.close()
        #expect(ReadBackCheck.problems(in: root, expected: expected) == ["flat/side.mkv: 1 bytes after the last whole frame"])
        // Fewer pictures than were written.
        var fewer = expected
        fewer[0].frames = 5
        #expect(ReadBackCheck.problems(in: root, expected: fewer).contains("flat/side.mkv: 4 whole frames, 5 were written"))
        writer.abandon()
    }

    @Test func anIndexPointingElsewhereIsNamed() throws {
        let dir = TestDirectory()
        let root = dir.file("s")
        let writer = try write(root, (0..<3).map { round.processed($0, view: .side) })
        try writer.flush()
        let path = root + "/flat/side.frames.csv"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let rows = text.split(separator: "\n").map(String.init)
        var f = rows[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        f[6] = String(Int(f[6])! + 2)
        text = ([rows[0], rows[1], f.joined(separator: ",")] + rows.dropFirst(3)).joined(separator: "\n") + "\n"
        unlink(path)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect(ReadBackCheck.problems(in: root, expected: writer.expectedFiles)
                == ["flat/side.frames.csv: frame 1 points elsewhere than picture 1 of flat/side.mkv"])
        // Reading that frame says so too, naming the video.
        let v = try RecordedView(view: .side, video: root + "/flat/side.mkv", index: path,
                                 markers: root + "/flat/side.markers.csv", angles: root + "/flat/side.angles.csv")
        #expect { _ = try v.image(at: 1) } throws: { "\($0)".contains("side.mkv: frame 1: the frame index points at byte") }
        _ = try v.image(at: 0)
        writer.abandon()
    }
}
