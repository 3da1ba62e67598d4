import Foundation
import MarkerTracker
import Testing
@testable import CaptureKit
@testable import SessionStore

/// A session gaitlive wrote in format 1 before format 2 existed (data/v1): it opens as it did,
/// and `compact` turns it into format 2 keeping every frame, its timing, markers and angles.
@Suite struct V1SessionTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/data/v1/v1-session-64x48.tar.gz"

    /// The unpacked session.
    static func unpack(_ dir: TestDirectory) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/tar")
        p.arguments = ["xzf", fixture, "-C", dir.path]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return dir.file("v1-session")
    }

    struct Seen: Equatable {
        var timestamps: [UInt64]
        var sequences: [UInt32]
        var markers: [MarkerFrame]
        var angles: [AngleSet]
    }

    static func seen(_ v: RecordedView) -> Seen {
        Seen(timestamps: Array(v.timestamps), sequences: Array(v.sequences), markers: Array(v.markers),
             angles: Array(v.angles))
    }

    @Test func opensAsItDid() throws {
        let dir = TestDirectory()
        let root = try V1SessionTests.unpack(dir)
        let s = try RecordedSession(directory: root)
        #expect(s.manifest.schemaVersion == 1)
        #expect(s.manifest.status == .complete)
        #expect(s.manifest.athlete.name == "Version One")
        #expect(s.stages.map(\.info.kind) == ["flat", "incline"])
        for stage in s.stages {
            for view in CameraView.allCases {
                let v = try #require(stage.views[view])
                #expect(v.video is Y4MReader)
                #expect(v.frameCount == 12)
                #expect(v.video.width == 64 && v.video.height == 48)
                for n in 0..<12 { #expect(try v.image(at: n).pixels.count == 64 * 48) }
            }
        }
    }

    @Test func compactKeepsEveryFrame() throws {
        let dir = TestDirectory()
        let root = try V1SessionTests.unpack(dir)
        let before = try RecordedSession(directory: root)
        var raw: [String: [LumaImage]] = [:]
        var seen: [String: Seen] = [:]
        for stage in before.stages {
            for (view, v) in stage.views {
                raw[stage.info.directory + view.rawValue] = try (0..<v.frameCount).map { try v.image(at: $0) }
                seen[stage.info.directory + view.rawValue] = V1SessionTests.seen(v)
            }
        }
        let result = try SessionCompaction.compact(directory: root, quality: VideoStorage.defaultJPEGQuality)
        #expect(result.outcomes.count == 4)
        #expect(result.outcomes.allSatisfy { $0.frames == 12 && $0.worstPSNR >= 40 })

        let after = try RecordedSession(directory: root)
        #expect(after.manifest.schemaVersion == 2)
        #expect(after.manifest.status == .complete)
        for stage in after.stages {
            for (view, v) in stage.views {
                let key = stage.info.directory + view.rawValue
                #expect(v.video is MatroskaVideo)
                #expect(V1SessionTests.seen(v) == seen[key])
                for n in 0..<v.frameCount {
                    #expect(try #require(LumaPSNR.decibels(raw[key]![n], try v.image(at: n))) >= 40)
                }
                #expect(!FileManager.default.fileExists(atPath: root + "/" + stage.info.directory + "/\(view.rawValue).y4m"))
            }
        }
        let names = try FileManager.default.subpathsOfDirectory(atPath: root)
        #expect(!names.contains { $0.hasSuffix(".compacting") }, "\(names)")
        #expect {
            _ = try SessionCompaction.compact(directory: root, quality: 50)
        } throws: { "\($0)".contains("already compact") }
    }
}
