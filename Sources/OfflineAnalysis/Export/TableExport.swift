import Foundation
public import MarkerTracker
public import SessionStore

/// `gaitlive export --to csv`: every table of every stage, cut to the frames the session keeps
/// (after a crash, the common prefix), each row checked on the way, plus the manifest.
///
/// Files: `session.json`, and per stage `<stage>_<view>_frames.csv`, `_markers.csv`,
/// `_angles.csv`, `<stage>_events.csv` (and `<stage>_strides.csv` when recorded): the columns of
/// the session (docs/session-format.md), with the clinician's corrections applied, the same
/// truth the report uses (`CorrectedView`): corrected frames carry the corrected markers and
/// their angles, and a corrected view's events and strides are measured again. The corrections
/// themselves are exported as `<stage>_<view>_corrections.csv`. In the strides table, `side` is
/// named `stance_side` and `pelvic_drop_peak` `pelvic_drop_peak_swing_side` (the stance leg's
/// row; the other side drops).
public enum TableExport {
    /// The exported strides table's header names for the session's (whose stance, which side moves).
    public static let strideColumnNames = ["side": "stance_side", "pelvic_drop_peak": "pelvic_drop_peak_swing_side"]

    public static func write(_ session: RecordedSession, to out: ExportDirectory) throws {
        try copy(session.directory + "/" + SessionLayout.manifestName, to: out.create("session.json"))
        for stage in session.stages {
            let name = stage.info.directory
            let stageDir = session.directory + "/" + name
            var corrected: [CameraView: CorrectedView] = [:]
            for view in CameraView.allCases {
                guard let v = stage.views[view] else { continue }
                let c = try CorrectedView(v, stageDirectory: stageDir, manifest: session.manifest, stage: stage)
                corrected[view] = c
                let prefix = "\(name)_\(view.rawValue)_"
                try rows(of: v.index, count: v.frameCount, to: out.create(prefix + "frames.csv")) { r in
                    _ = try v.indexEntry(of: r)
                    return nil
                }
                try rows(of: v.markerTable, count: v.frameCount, to: out.create(prefix + "markers.csv")) { r in
                    let (stored, _) = try v.markers(of: r)
                    guard c.corrects(r.frame) else { return nil }
                    return markerRow(r, c.markers(stored, frame: r.frame))
                }
                try rows(of: v.angleTable, count: v.frameCount, to: out.create(prefix + "angles.csv")) { r in
                    let stored = try v.angles(of: r)
                    guard c.corrects(r.frame) else { return nil }
                    return angleRow(r, c.angles(stored, frame: r.frame), view: view)
                }
                if let corrections = c.corrections {
                    try copy(corrections.path, to: out.create(prefix + "corrections.csv"))
                }
            }
            for table in [SessionLayout.events, "strides.csv"] {
                let path = stageDir + "/" + table
                guard FileManager.default.fileExists(atPath: path) else { continue }
                let input = try FileInput(path: path)
                let bytes = try input.read(at: 0, count: input.size)
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw CSVTable.FormatError(path: path, problem: "not a text file")
                }
                let t = try CSVTable(path: path, text: text)
                let f = try out.create("\(name)_\(table)")
                let strides = table != SessionLayout.events
                let header = strides ? t.columns.map { strideColumnNames[$0] ?? $0 } : t.columns
                try f.write(header.joined(separator: ",") + "\n")
                // A corrected view's rows are replaced by its rows with the corrections merged in.
                let viewColumn = t.column("view")
                for r in t.rows {
                    if let vc = viewColumn, let v = CameraView(rawValue: String(r[vc])), corrected[v]?.isCorrected == true { continue }
                    try f.write(r.joined(separator: ",") + "\n")
                }
                for view in CameraView.allCases {
                    guard let c = corrected[view], c.isCorrected else { continue }
                    if strides {
                        for s in c.strides ?? [] { try f.write(strideRow(s)) }
                    } else {
                        for e in c.events ?? [] { try f.write(eventRow(e)) }
                    }
                }
                try f.close()
            }
        }
    }

    /// A markers row in the session's layout.
    static func markerRow(_ r: FrameTable.Row, _ markers: MarkerFrame) -> [UInt8] {
        var m = CSVRow()
        m.add(r.frame)
        m.add(String(r.fields[1]))
        m.add(String(r.fields[2]))
        m.add(markers)
        return m.finish()
    }

    /// An angles row in the session's layout.
    static func angleRow(_ r: FrameTable.Row, _ angles: AngleSet, view: CameraView) -> [UInt8] {
        var a = CSVRow()
        a.add(r.frame)
        a.add(String(r.fields[1]))
        for k in AngleKind.kinds(for: view) { a.add(angles[k], decimals: 2) }
        return a.finish()
    }

    /// An events row in the session's layout (frames are the recorded ones).
    static func eventRow(_ e: GaitEvent) -> [UInt8] {
        var r = CSVRow()
        r.add(e.view.rawValue)
        r.add(e.side.rawValue)
        r.add(e.kind.rawValue)
        r.add(e.frame)
        r.add(e.time, decimals: 6)
        return r.finish()
    }

    /// A strides row in the session's layout.
    static func strideRow(_ s: StrideRecord) -> [UInt8] {
        var r = CSVRow()
        r.add(s.view.rawValue)
        r.add(s.side.rawValue)
        r.add(s.number)
        func frame(_ n: Int?) { if let n { r.add(n) } else { r.addEmpty() } }
        frame(s.contactFrame)
        r.add(s.contactTime, decimals: 6)
        frame(s.midstanceFrame)
        frame(s.toeOffFrame)
        r.add(s.toeOffTime, decimals: 6)
        frame(s.nextContactFrame)
        r.add(s.nextContactTime, decimals: 6)
        for m in StrideMetric.allCases { r.add(s.values[m], decimals: m.unit == .milliseconds ? 1 : 2) }
        return r.finish()
    }

    /// Copies the header and the first `count` rows, checking each with `check`, which returns a
    /// replacement line for the row or nil to copy it.
    static func rows(of table: FrameTable, count: Int, to f: FileOutput,
                     check: (FrameTable.Row) throws -> [UInt8]?) throws {
        try f.write(table.columns.joined(separator: ",") + "\n")
        try table.forEachRow { r in
            guard r.frame < count else { return false }
            if let line = try check(r) {
                try f.write(line)
            } else {
                try f.write(r.fields.joined(separator: ",") + "\n")
            }
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
