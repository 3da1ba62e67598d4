import Foundation
import MarkerTracker
import Testing
@testable import CaptureKit
@testable import SessionStore
@testable import OfflineAnalysis

@Suite struct SessionRoundTripTests {
    func processed(_ n: Int, view: CameraView) -> ProcessedFrame {
        let set = MarkerSet.standard(for: view)
        let luma = LumaImage(width: 16, height: 12, pixels: (0..<192).map { UInt8(($0 * 3 + n) % 256) })
        let frame = Frame(view: view, sequence: UInt32(n < 3 ? n : n + 2), // a gap of two after frame 2
                          timestampNanoseconds: 5_000_000_000 + UInt64(n) * 8_333_333, luma: luma)
        var markers = MarkerFrame(repeating: nil, count: set.count)
        markers[0] = TrackedMarker(position: Point(x: 1.25 + Double(n), y: 2.5), confidence: 0.9, source: .detected)
        markers[1] = TrackedMarker(position: Point(x: 3, y: 4.125), confidence: 0.42, source: .predicted)
        var angles = AngleSet()
        angles[AngleKind.kinds(for: view)[0]] = Double(n) * 1.5
        let events = n == 4 ? [GaitEvent(kind: .initialContact, side: .left, view: view, frame: 3, time: 1.0)] : []
        return ProcessedFrame(frame: frame, streamIndex: n, tracked: TrackedFrame(markers: markers, blobCount: 2,
                              status: .partial, forward: 1, fullScan: false), angles: angles, events: events)
    }

    func manifest() -> SessionManifest {
        SessionManifest(software: "test", created: "2026-11-24T00:00:00Z", athlete: .init(name: "Test"),
                        source: "simulated", clockOriginNs: 4_000_000_000,
                        cameras: [.init(view: .side, device: "sim", width: 16, height: 12, pixelFormat: "GREY",
                                        nominalFps: 120)])
    }

    /// Format v1 (`--video raw`, Y4M) and v2 (JPEG in Matroska, the default) read back alike.
    @Test(arguments: [VideoStorage.raw, .jpeg(quality: 95)])
    func writerAndReaderAgree(storage: VideoStorage) throws {
        let dir = TestDirectory()
        let root = dir.file("session")
        let stage = SessionTimeline.Stage(kind: .flat, inclinePercent: 0, ordinal: 1, startNanoseconds: 0)
        let writer = try SessionWriter(directory: root, manifest: manifest(),
                                       formats: [.side: Y4MHeader(width: 16, height: 12, framesPerSecond: 120, colour: .mono)],
                                       storage: storage)
        for n in 0..<6 { try writer.append(processed(n, view: .side), stageIndex: 0, stage: stage, droppedByRecorderBefore: 0) }
        try writer.finish()

        #expect(dir.mode(root) == 0o700)
        #expect(dir.mode(root + "/flat") == 0o700)
        let video = storage == .raw ? "flat/side.y4m" : "flat/side.mkv"
        for f in ["session.json", video, "flat/side.frames.csv", "flat/side.markers.csv", "flat/side.angles.csv",
                  "flat/events.csv"] {
            #expect(dir.mode(root + "/" + f) == 0o600, "\(f)")
        }
        let s = try RecordedSession(directory: root)
        #expect(s.manifest.status == .complete)
        #expect(s.manifest.schemaVersion == (storage == .raw ? 1 : 2))
        #expect(s.manifest.cameras[0].videoCodec == (storage == .raw ? "y4m" : "jpeg"))
        #expect(s.manifest.stages[0].views["side"]?.video == video)
        #expect(s.manifest.stages.count == 1)
        #expect(s.manifest.stages[0].views["side"]?.frames == 6)
        #expect(s.manifest.stages[0].views["side"]?.droppedByCamera == 2)
        let v = try #require(s.stages[0].views[.side])
        #expect(v.frameCount == 6)
        #expect(Array(v.droppedBefore) == [0, 0, 0, 2, 0, 0])
        #expect(v.timestamps[5] == 5_000_000_000 + 5 * 8_333_333)
        #expect(abs(v.times[0] - 1.0) < 1e-9)
        #expect(v.markers(at: 4)[0]?.position == Point(x: 5.25, y: 2.5))
        #expect(v.markers(at: 4)[1]?.source == .predicted)
        #expect(v.markers(at: 4)[1]?.confidence == 0.42)
        #expect(v.markers(at: 4)[2] == nil)
        #expect(v.statuses[0] == .partial)
        #expect(v.angles(at: 3)[.trunkLean] == 4.5)
        if storage == .raw {
            #expect(try v.image(at: 5).pixels == processed(5, view: .side).frame.luma.pixels)
        } else {
            #expect(try #require(LumaPSNR.decibels(try v.image(at: 5), processed(5, view: .side).frame.luma)) > 30)
        }
        #expect(s.stages[0].events == [GaitEvent(kind: .initialContact, side: .left, view: .side, frame: 3, time: 1.0)])
        #expect(v.nearestFrame(toTimestamp: 5_000_000_000 + 2 * 8_333_333 + 4_000_000) == 2)
        #expect(v.nearestFrame(toTimestamp: 5_000_000_000 + 2 * 8_333_333 + 4_300_000) == 3)
        #expect(v.nearestFrame(toTimestamp: 0) == 0)
        #expect(v.nearestFrame(toTimestamp: 99_000_000_000) == 5)
    }

    @Test func refusesANonEmptyDirectory() throws {
        let dir = TestDirectory()
        dir.write("something.txt", "keep me")
        #expect {
            _ = try SessionWriter(directory: dir.path, manifest: manifest(), formats: [:])
        } throws: { error in
            "\(error)".contains("already exists and is not empty")
        }
        #expect(try String(contentsOfFile: dir.file("something.txt"), encoding: .utf8) == "keep me")
    }

    @Test func readingReportsWhatIsWrong() throws {
        let dir = TestDirectory()
        func failure(_ path: String) -> String {
            do {
                _ = try RecordedSession(directory: path)
                return "opened"
            } catch {
                return "\(error)"
            }
        }
        #expect(failure(dir.file("nope")) == dir.file("nope") + ": no such directory")
        #expect(failure(dir.path).hasSuffix("not a gaitlive session (no session.json)"))
        dir.write("session.json", "{\"format\": \"gaitlive-session\", \"schemaVersion\": 99}")
        #expect(failure(dir.path).contains("schema version 99 is not supported"))
        dir.write("session.json", "{\"format\": \"gaitlive-session\", \"schemaVersion\": 1}")
        #expect(failure(dir.path).contains("missing field"))
        dir.write("session.json", "[1, 2")
        #expect(failure(dir.path).hasSuffix("session.json: not valid JSON"))
    }
}
