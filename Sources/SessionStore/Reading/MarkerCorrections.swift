import Foundation
public import MarkerTracker

/// Marker positions a clinician corrected by hand in review, for one view of one stage.
///
/// Stored beside the recording as `<stage>/<view>.corrections.csv` (`frame,label,x,y`), appended
/// to and never rewritten: the last row for a frame and label wins. A row with `x` and `y` empty
/// undoes the last correction still in effect for its frame and label (the one before it, if any,
/// applies again), so an undo is saved like a correction. Applied over the tracked markers
/// wherever they are read, with source `manual`; the recorded tables stay as recorded.
public struct MarkerCorrections: Sendable {
    public let path: String
    public let markerSet: MarkerSet
    /// Corrected positions by frame, then by marker index.
    public private(set) var byFrame: [Int: [Int: Point]] = [:]
    /// The corrections in effect, oldest first (an undo takes the newest away).
    public private(set) var history: [Correction] = []

    /// One correction: a marker of a frame put at a position.
    public struct Correction: Sendable, Equatable {
        public var frame: Int
        public var marker: Int
        public var position: Point
    }

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
            let n = try t.int(r, cf)
            guard let x = try t.double(r, cx), let y = try t.double(r, cy) else {
                withdraw(frame: n, marker: m)
                continue
            }
            history.append(Correction(frame: n, marker: m, position: Point(x: x, y: y)))
            byFrame[n, default: [:]][m] = Point(x: x, y: y)
        }
    }

    /// Takes the newest correction of marker `m` in frame `n` out of effect (in memory).
    private mutating func withdraw(frame n: Int, marker m: Int) {
        guard let i = history.lastIndex(where: { $0.frame == n && $0.marker == m }) else { return }
        history.remove(at: i)
        if let earlier = history.last(where: { $0.frame == n && $0.marker == m }) {
            byFrame[n, default: [:]][m] = earlier.position
        } else {
            byFrame[n]?[m] = nil
            if byFrame[n]?.isEmpty ?? false { byFrame[n] = nil }
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
        try append(frame: n, marker: m, position: p)
        history.append(Correction(frame: n, marker: m, position: p))
        byFrame[n, default: [:]][m] = p
    }

    /// Undoes the newest correction in effect, on disk (an undo row, appended and synced) and in
    /// memory; returns it, or nil when there is none.
    @discardableResult
    public mutating func undoLast() throws -> Correction? {
        guard let last = history.last else { return nil }
        try append(frame: last.frame, marker: last.marker, position: nil)
        withdraw(frame: last.frame, marker: last.marker)
        return last
    }

    private func append(frame n: Int, marker m: Int, position p: Point?) throws {
        let exists = FileManager.default.fileExists(atPath: path)
        let out = exists ? try FileOutput(appendingTo: path) : try FileOutput(creating: path)
        if !exists { try out.write("frame,label,x,y\n") }
        var row = CSVRow()
        row.add(n)
        row.add(markerSet.labels[m])
        if let p {
            row.add(p.x, decimals: 3)
            row.add(p.y, decimals: 3)
        } else {
            row.addEmpty()
            row.addEmpty()
        }
        try out.write(row.finish())
        try out.close()
    }
}
