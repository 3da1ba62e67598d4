import Foundation
import MarkerTracker

/// Reads a stage's `strides.csv` (columns: `StrideTable.columns`, docs/session-format.md).
public enum StrideFile {
    /// The strides recorded in `stageDirectory`, or nil when the stage has no strides table
    /// (sessions recorded before stride metrics existed). A damaged table throws with the file
    /// and line.
    public static func read(stageDirectory: String) throws -> [StrideRecord]? {
        let path = stageDirectory + "/" + SessionLayout.strides
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let input = try FileInput(path: path)
        let bytes = try input.read(at: 0, count: input.size)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CSVTable.FormatError(path: path, problem: "not a text file")
        }
        return try parse(text, path: path)
    }

    /// Parses the text of a strides table.
    public static func parse(_ text: String, path: String) throws(CSVTable.FormatError) -> [StrideRecord] {
        let t = try CSVTable(path: path, text: text, requiredColumns: StrideTable.eventColumns)
        let c = StrideTable.eventColumns.map { t.column($0)! }
        let metricColumns = StrideMetric.allCases.compactMap { m in t.column(m.column).map { (m, $0) } }
        var out: [StrideRecord] = []
        out.reserveCapacity(t.rows.count)
        for r in 0..<t.rows.count {
            guard let view = CameraView(rawValue: String(t.string(r, c[0]))),
                  let side = BodySide(rawValue: String(t.string(r, c[1]))) else {
                throw CSVTable.FormatError(path: path, problem: "line \(r + 2): unknown view or side")
            }
            func frame(_ i: Int) throws(CSVTable.FormatError) -> Int? { try t.double(r, c[i]).map { Int($0) } }
            guard let contactTime = try t.double(r, c[4]), let nextTime = try t.double(r, c[9]) else {
                throw CSVTable.FormatError(path: path, problem: "line \(r + 2): a stride without contact times")
            }
            var values: [StrideMetric: Double] = [:]
            for (m, col) in metricColumns {
                if let v = try t.double(r, col), v.isFinite { values[m] = v }
            }
            out.append(StrideRecord(view: view, side: side, number: try t.int(r, c[2]), contactFrame: try frame(3),
                                    contactTime: contactTime, midstanceFrame: try frame(5), toeOffFrame: try frame(6),
                                    toeOffTime: try t.double(r, c[7]), nextContactFrame: try frame(8),
                                    nextContactTime: nextTime, values: values))
        }
        return out
    }
}
