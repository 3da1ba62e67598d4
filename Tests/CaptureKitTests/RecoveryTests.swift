import Foundation
import Glibc
import MarkerTracker
import Testing
@testable import CaptureKit
@testable import SessionStore
@testable import OfflineAnalysis

/// A writer that dies (its buffers handed to the kernel, nothing closed), files cut at different
/// frames, then the next open: recovered to the shortest consistent prefix, nothing deleted.
@Suite struct RecoveryTests {
    let round = SessionRoundTripTests()
    let stage = SessionTimeline.Stage(kind: .flat, inclinePercent: 0, ordinal: 1, startNanoseconds: 0)

    /// Writes `frames` side frames, flushes, and drops the writer the way a crash would (the
    /// lock goes with it; the manifest still says `recording` with the counts of its creation).
    func abandonedSession(_ dir: TestDirectory, frames: Int, storage: VideoStorage = .raw) throws -> String {
        let root = dir.file("s")
        do {
            let writer = try SessionWriter(directory: root, manifest: round.manifest(),
                                           formats: [.side: Y4MHeader(width: 16, height: 12, framesPerSecond: 120, colour: .mono)],
                                           storage: storage)
            for n in 0..<frames {
                try writer.append(round.processed(n, view: .side), stageIndex: 0, stage: stage, droppedByRecorderBefore: 0)
            }
            try writer.flush()
        }
        return root
    }

    func truncate(_ path: String, by bytes: Int) throws {
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(Glibc.truncate(path, off_t(size - bytes)) == 0)
    }

    @Test func filesCutAtDifferentFramesAreReconciledToTheCommonPrefix() throws {
        let dir = TestDirectory()
        let root = try abandonedSession(dir, frames: 10)
        #expect(try ManifestStore.read(from: root).status == .recording)
        // Video: half of frame 9 missing (9 whole frames). Markers: last row cut (9 rows).
        // Angles: the last three rows gone (7 rows). Index complete (10 rows).
        try truncate(root + "/flat/side.y4m", by: 100)
        try truncate(root + "/flat/side.markers.csv", by: 5)
        let angles = try String(contentsOfFile: root + "/flat/side.angles.csv", encoding: .utf8)
        let kept = angles.split(separator: "\n").prefix(8).joined(separator: "\n") + "\n7,0.05"
        try Data(kept.utf8).write(to: URL(fileURLWithPath: root + "/flat/side.angles.csv"))
        let sizes = try ["side.y4m", "side.frames.csv", "side.markers.csv", "side.angles.csv"].map {
            try FileManager.default.attributesOfItem(atPath: root + "/flat/" + $0)[.size] as? Int
        }

        let s = try RecordedSession(directory: root)
        #expect(s.manifest.status == .recovered)
        let view = try #require(s.stages.first?.views[.side])
        #expect(view.frameCount == 7)
        #expect(s.manifest.stages[0].views["side"]?.frames == 7)
        // Frame 3 was preceded by a sequence gap of two (see SessionRoundTripTests.processed).
        #expect(s.manifest.stages[0].views["side"]?.droppedByCamera == 2)
        #expect(s.manifest.stages[0].endSeconds == view.times[6])
        let detail = try #require(s.manifest.interruption)
        #expect(detail.reason == "crash")
        #expect(detail.detail.contains("flat/side: video 9, index 10, markers 9, angles 7 -> 7 frames kept"))
        for n in 0..<7 {
            #expect(try view.image(at: n).pixels == round.processed(n, view: .side).frame.luma.pixels)
            #expect(view.markers(at: n)[0]?.position.x == 1.25 + Double(n))
        }
        // Saved: the next reader sees the recovered manifest; no data file was changed.
        #expect(try ManifestStore.read(from: root).status == .recovered)
        #expect(try RecordedSession(directory: root).manifest == s.manifest)
        let after = try ["side.y4m", "side.frames.csv", "side.markers.csv", "side.angles.csv"].map {
            try FileManager.default.attributesOfItem(atPath: root + "/flat/" + $0)[.size] as? Int
        }
        #expect(after == sizes)
        #expect(!FileManager.default.fileExists(atPath: root + "/" + SessionLayout.reserveName))
    }

    /// Format v2: the Matroska video cut inside its last picture, the index a row ahead of it.
    @Test func aCompressedVideoCutByACrashKeepsEveryWholePicture() throws {
        let dir = TestDirectory()
        let root = try abandonedSession(dir, frames: 10, storage: .jpeg(quality: 90))
        try truncate(root + "/flat/side.mkv", by: 10)
        let s = try RecordedSession(directory: root)
        #expect(s.manifest.status == .recovered)
        let view = try #require(s.stages.first?.views[.side])
        #expect(view.frameCount == 9)
        #expect(view.video.trailingBytes > 0)
        let detail = try #require(s.manifest.interruption)
        #expect(detail.detail.contains("flat/side: video 9, index 10, markers 10, angles 10 -> 9 frames kept"))
        for n in 0..<9 {
            #expect(try #require(LumaPSNR.decibels(try view.image(at: n), round.processed(n, view: .side).frame.luma)) > 30)
        }
    }

    /// Format v2: an index whose rows point elsewhere than the pictures (a torn or foreign index)
    /// keeps only the frames where both agree.
    @Test func anIndexThatDisagreesWithTheContainerEndsTheKeptFrames() throws {
        let dir = TestDirectory()
        let root = try abandonedSession(dir, frames: 6, storage: .jpeg(quality: 90))
        let path = root + "/flat/side.frames.csv"
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        var fields = lines[5].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[6] = String(Int(fields[6])! + 1)   // frame 4's picture offset, one byte off
        lines[5] = fields.joined(separator: ",")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        let s = try RecordedSession(directory: root)
        #expect(s.manifest.status == .recovered)
        #expect(try #require(s.stages.first?.views[.side]).frameCount == 4)
    }

    /// Format 2: an index that lost its last rows (a power cut) while the video and the other
    /// tables kept theirs: the missing rows are rebuilt from the video into a new index file.
    @Test func aTornIndexIsRebuiltFromTheVideo() throws {
        let dir = TestDirectory()
        let root = try abandonedSession(dir, frames: 10, storage: .jpeg(quality: 90))
        let path = root + "/flat/side.frames.csv"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let lines = original.split(separator: "\n").map(String.init)
        // Header + 6 rows, and half of the seventh.
        let torn = lines.prefix(7).joined(separator: "\n") + "\n" + lines[7].prefix(9)
        unlink(path)
        try Data(torn.utf8).write(to: URL(fileURLWithPath: path))
        let s = try RecordedSession(directory: root)
        #expect(s.manifest.status == .recovered)
        #expect(s.manifest.stages[0].views["side"]?.index == "flat/side.frames.rebuilt.csv")
        let detail = try #require(s.manifest.interruption?.detail)
        #expect(detail.contains("index rows 6..<10 rebuilt from the video into flat/side.frames.rebuilt.csv"), "\(detail)")
        let view = try #require(s.stages.first?.views[.side])
        #expect(view.frameCount == 10)
        for n in 0..<10 {
            let expected = round.processed(n, view: .side).frame
            let e = try view.indexEntry(at: n)
            #expect(e.timestampNanoseconds / 1000 == expected.timestampNanoseconds / 1000, "frame \(n)")
            #expect(try #require(LumaPSNR.decibels(try view.image(at: n), expected.luma)) > 30)
        }
        // The torn index is kept as it was.
        #expect(try String(contentsOfFile: path, encoding: .utf8) == torn)
    }

    @Test func aSessionBeingRecordedIsNotRecovered() throws {
        let dir = TestDirectory()
        let root = try abandonedSession(dir, frames: 4)
        let lock = try #require(try SessionLock.acquire(root))
        let s = try RecordedSession(directory: root)
        #expect(s.manifest.status == .recording)
        #expect(s.stages.first?.views[.side]?.frameCount == 4)
        #expect(SessionLock.isHeld(root))
        lock.release()
        #expect(!SessionLock.isHeld(root))
        #expect(try RecordedSession(directory: root).manifest.status == .recovered)
    }

    @Test func notesAreSavedAtOnceAndRefusedWhileRecording() throws {
        let dir = TestDirectory()
        let root = try abandonedSession(dir, frames: 3)
        let s = try RecordedSession(directory: root)
        try s.addNote("left hip drop visible at IC\u{7}", seconds: 0.25)
        #expect(s.manifest.notes == [.init(seconds: 0.25, text: "left hip drop visible at IC")])
        #expect(try ManifestStore.read(from: root).notes == s.manifest.notes)
        #expect(throws: ManifestStore.ManifestError.self) { try s.addNote("   ", seconds: nil) }
        let lock = try #require(try SessionLock.acquire(root))
        #expect {
            try s.addNote("later", seconds: nil)
        } throws: { "\($0)".contains("being recorded by a running gaitlive") }
        lock.release()
        #expect(try ManifestStore.read(from: root).notes.count == 1)
    }

    @Test func aManifestCannotPointOutsideItsSession() throws {
        let dir = TestDirectory()
        let root = try abandonedSession(dir, frames: 2)
        var m = try ManifestStore.read(from: root)
        m.stages[0].views["side"]?.video = "../../etc/passwd"
        try ManifestStore.write(m, to: root)
        #expect {
            _ = try RecordedSession(directory: root)
        } throws: { "\($0)" == root + "/session.json: field 'stages[0].views.side.video' is not a path inside the session ('../../etc/passwd')" }
    }
}
