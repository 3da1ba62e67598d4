import Foundation
public import MarkerTracker

/// Marker positions a clinician corrected by hand in review, for one view of one stage.
///
/// Stored beside the recording as `<stage>/<view>.corrections.csv` (`frame,label,x,y`), appended
/// to and never rewritten: the last row for a frame and label wins. Applied over the tracked
/// markers wherever they are read, with source `manual`; the recorded tables stay as recorded.
public struct MarkerCorrections: Sendable {
    public let path: String
    public let markerSet: MarkerSet
    /// Corrected positions by frame, then by marker index.
    public private(set) var byFrame: [Int: [Int: Point]] = [:]

    public static func fileName(_ view: CameraView) -> String { "\(view.rawValue).corrections.csv" }

    /// Loads the corrections of `view` in the stage directory `stageDirectory` (none if the file
    /// does not exist).
    public init(stageDirectory: String, view: CameraView) throws {
        path = stageDirectory + "/" + MarkerCorrections.fileName(view)
        markerSet = .standard(for: view)
        guard FileManager.default.fileExists(atPath: path) else { return }
        let input = try FileInput(path: path)
        let bytes = try input.read(at: 0, count: input.size)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CSVTable.FormatError(path: path, problem: "not a text file")
        }
        let t = try CSVTable(path: path, text: text, requiredColumns: ["frame", "label", "x", "y"])
        let cf = t.column("frame")!, cl = t.column("label")!, cx = t.column("x")!, cy = t.column("y")!
        for r in 0..<t.rows.count {
            guard let m = markerSet.index(of: String(t.string(r, cl))) else {
                throw CSVTable.FormatError(path: path, problem: "line \(r + 2): unknown marker '\(t.string(r, cl))'")
            }
            guard let x = try t.double(r, cx), let y = try t.double(r, cy) else { continue }
            byFrame[try t.int(r, cf), default: [:]][m] = Point(x: x, y: y)
        }
    }

    public var isEmpty: Bool { byFrame.isEmpty }

    /// `markers` of frame `n` with the corrections applied (source `.manual`, confidence 1).
    public func apply(_ markers: MarkerFrame, frame n: Int) -> MarkerFrame {
        guard let c = byFrame[n] else { return markers }
        var out = markers
        for (m, p) in c where m < out.count {
            out[m] = TrackedMarker(position: p, confidence: 1, source: .manual)
        }
        return out
    }

    /// Records a correction on disk (appended, synced) and in memory.
    public mutating func add(frame n: Int, marker m: Int, position p: Point) throws {
        let exists = FileManager.default.fileExists(atPath: path)
        let out = exists ? try FileOutput(appendingTo: path) : try FileOutput(creating: path)
        if !exists { try out.write("frame,label,x,y\n") }
        var row = CSVRow()
        row.add(n)
        row.add(markerSet.labels[m])
        row.add(p.x, decimals: 3)
        row.add(p.y, decimals: 3)
        try out.write(row.finish())
        try out.close()
        byFrame[n, default: [:]][m] = p
    }
}
