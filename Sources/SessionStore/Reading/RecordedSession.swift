import Foundation
public import MarkerTracker
import Synchronization
import CaptureKit

/// A saved session opened for review: the manifest, and per stage the recorded views and events.
///
/// Opening reads the manifest, each video's header and each table's first and last lines (see
/// `RecordedView`), and the events; a session whose writer died (`status: recording`, lock free)
/// is recovered first (`SessionRecovery`). Errors name the file and the problem.
public final class RecordedSession: Sendable {
    /// One stage as recorded.
    public struct Stage: Sendable {
        public var info: SessionManifest.Stage
        public var views: [CameraView: RecordedView]
        public var events: [GaitEvent]
    }

    public let directory: String
    public let stages: [Stage]
    private let current: Mutex<SessionManifest>

    /// The manifest as it stands (notes added in review included).
    public var manifest: SessionManifest { current.withLock { $0 } }

    /// Opens the session in `directory`, recovering it first if its writer died.
    public init(directory: String) throws {
        self.directory = directory
        let manifest = SessionRecovery.recoverIfAbandoned(try ManifestStore.read(from: directory), directory: directory)
        current = Mutex(manifest)
        var stages: [Stage] = []
        for s in manifest.stages {
            var views: [CameraView: RecordedView] = [:]
            for (name, v) in s.views {
                guard let view = CameraView(rawValue: name) else {
                    throw ManifestStore.ManifestError(path: directory + "/" + SessionLayout.manifestName,
                                                      problem: "unknown camera view '\(name)' in stage \(s.directory)")
                }
                let base = directory + "/"
                do {
                    // A closed v2 session keeps the frames its manifest counted (recovery may have
                    // stopped at an index row that points elsewhere than the container's picture).
                    let counted = manifest.status != .recording && RecordedVideos.isMatroska(v.video) ? v.frames : nil
                    views[view] = try RecordedView(view: view, video: base + v.video, index: base + v.index,
                                                   markers: base + v.markers, angles: base + v.angles,
                                                   frameLimit: counted)
                } catch let error as Y4MReader.FormatError where MisorderedY4M.looksMisordered(path: error.path) {
                    throw Y4MReader.FormatError(path: error.path, problem: RecordedSession.misorderedAdvice(directory))
                }
            }
            let events = try RecordedSession.events(directory + "/" + s.events)
            stages.append(Stage(info: s, views: views, events: events))
        }
        self.stages = stages
    }

    /// Adds a clinician's note (`seconds` on the session clock, nil for the whole session) and
    /// saves it at once: `session.json` is reread under the session lock, the note appended, and
    /// the file replaced atomically. Fails while a gaitlive is still recording the session.
    @discardableResult
    public func addNote(_ text: String, seconds: Double?) throws -> SessionManifest.Note {
        let clean = String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.properties.generalCategory == .control ? " " : $0
        })).trimmingCharacters(in: .whitespaces)
        guard !clean.isEmpty else {
            throw ManifestStore.ManifestError(path: directory + "/" + SessionLayout.manifestName, problem: "empty note")
        }
        let note = SessionManifest.Note(seconds: seconds, text: clean)
        guard let lock = try SessionLock.acquire(directory) else {
            throw ManifestStore.ManifestError(path: directory, problem: "being recorded by a running gaitlive; add the note there")
        }
        defer { lock.release() }
        var m = try ManifestStore.read(from: directory)
        m.notes.append(note)
        try ManifestStore.write(m, to: directory)
        current.withLock { $0.notes = m.notes }
        return note
    }

    /// What to say about a video whose frames the large-frame bug left out of order.
    public static func misorderedAdvice(_ directory: String) -> String {
        let quoted = directory.contains(" ") ? "'\(directory)'" : directory
        return "frames out of order (recorded at 1024x512 or larger before the large-frame fix); "
            + "`gaitlive repair \(quoted)` puts them back in order, keeping every frame"
    }

    static func events(_ path: String) throws -> [GaitEvent] {
        let input = try FileInput(path: path)
        let bytes = try input.read(at: 0, count: input.size)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CSVTable.FormatError(path: path, problem: "not a text file")
        }
        let t = try CSVTable(path: path, text: text, requiredColumns: ["view", "side", "event", "frame", "time_s"])
        let c = ["view", "side", "event", "frame", "time_s"].map { t.column($0)! }
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
