import Foundation
public import MarkerTracker
public import SessionStore

/// `gaitlive export --to csv`: every table of every stage, cut to the frames the session keeps
/// (after a crash, the common prefix), each row checked on the way, plus the manifest.
///
/// Files: `session.json`, and per stage `<stage>_<view>_frames.csv`, `_markers.csv`,
/// `_angles.csv`, `<stage>_events.csv` (and `<stage>_strides.csv` when recorded): the same
/// columns as in the session (docs/session-format.md).
public enum TableExport {
    public static func write(_ session: RecordedSession, to out: ExportDirectory) throws {
        try copy(session.directory + "/" + SessionLayout.manifestName, to: out.create("session.json"))
        for stage in session.stages {
            let name = stage.info.directory
            for view in CameraView.allCases {
                guard let v = stage.views[view] else { continue }
                let prefix = "\(name)_\(view.rawValue)_"
                try rows(of: v.index, count: v.frameCount, to: out.create(prefix + "frames.csv")) { r in
                    _ = try v.indexEntry(of: r)
                }
                try rows(of: v.markerTable, count: v.frameCount, to: out.create(prefix + "markers.csv")) { r in
                    _ = try v.markers(of: r)
                }
                try rows(of: v.angleTable, count: v.frameCount, to: out.create(prefix + "angles.csv")) { r in
                    _ = try v.angles(of: r)
                }
            }
            for table in [SessionLayout.events, "strides.csv"] {
                let path = session.directory + "/" + name + "/" + table
                guard FileManager.default.fileExists(atPath: path) else { continue }
                let input = try FileInput(path: path)
                let bytes = try input.read(at: 0, count: input.size)
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw CSVTable.FormatError(path: path, problem: "not a text file")
                }
                let t = try CSVTable(path: path, text: text)
                let f = try out.create("\(name)_\(table)")
                try f.write(t.columns.joined(separator: ",") + "\n")
                for r in t.rows { try f.write(r.joined(separator: ",") + "\n") }
                try f.close()
            }
        }
    }

    /// Copies the header and the first `count` rows, checking each with `check`.
    static func rows(of table: FrameTable, count: Int, to f: FileOutput,
                     check: (FrameTable.Row) throws -> Void) throws {
        try f.write(table.columns.joined(separator: ",") + "\n")
        try table.forEachRow { r in
            guard r.frame < count else { return false }
            try check(r)
            try f.write(r.fields.joined(separator: ",") + "\n")
            return true
        }
        try f.close()
    }

    static func copy(_ path: String, to f: FileOutput) throws {
        let input = try FileInput(path: path)
        try f.write(try input.read(at: 0, count: input.size))
        try f.close()
    }
}
