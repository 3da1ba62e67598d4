import Foundation
public import MarkerTracker

/// A saved session opened for review: the manifest, and per stage the recorded views and events.
public final class RecordedSession: Sendable {
    /// One stage as recorded.
    public struct Stage: Sendable {
        public var info: SessionManifest.Stage
        public var views: [CameraView: RecordedView]
        public var events: [GaitEvent]
    }

    public let directory: String
    public let manifest: SessionManifest
    public let stages: [Stage]

    /// Opens the session in `directory`. Errors name the file and the problem.
    public init(directory: String) throws {
        self.directory = directory
        manifest = try ManifestStore.read(from: directory)
        var stages: [Stage] = []
        for s in manifest.stages {
            var views: [CameraView: RecordedView] = [:]
            for (name, v) in s.views {
                guard let view = CameraView(rawValue: name) else {
                    throw ManifestStore.ManifestError(path: directory + "/" + SessionLayout.manifestName,
                                                      problem: "unknown camera view '\(name)' in stage \(s.directory)")
                }
                let video = try Y4MReader(path: directory + "/" + v.video)
                views[view] = try RecordedView(view: view, video: video,
                                               index: try RecordedSession.table(directory + "/" + v.index),
                                               markers: try RecordedSession.table(directory + "/" + v.markers),
                                               angles: try RecordedSession.table(directory + "/" + v.angles))
            }
            let events = try RecordedSession.events(directory + "/" + s.events)
            stages.append(Stage(info: s, views: views, events: events))
        }
        self.stages = stages
    }

    static func table(_ path: String) throws -> CSVTable {
        let input = try FileInput(path: path)
        let bytes = try input.read(at: 0, count: input.size)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CSVTable.FormatError(path: path, problem: "not a text file")
        }
        return try CSVTable(path: path, text: text)
    }

    static func events(_ path: String) throws -> [GaitEvent] {
        let t = try table(path)
        let c = try RecordedView.columns(t, ["view", "side", "event", "frame", "time_s"])
        var out: [GaitEvent] = []
        for r in 0..<t.rows.count {
            guard let view = CameraView(rawValue: String(t.string(r, c[0]))),
                  let side = BodySide(rawValue: String(t.string(r, c[1]))),
                  let kind = GaitEvent.Kind(rawValue: String(t.string(r, c[2]))) else {
                throw CSVTable.FormatError(path: path, problem: "line \(r + 2): unknown view, side or event name")
            }
            out.append(GaitEvent(kind: kind, side: side, view: view, frame: try t.int(r, c[3]),
                                 time: try t.double(r, c[4]) ?? 0))
        }
        return out
    }
}
