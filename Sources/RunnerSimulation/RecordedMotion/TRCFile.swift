import Foundation

/// Reads OpenSim TRC marker files (tab-separated; header lines give DataRate, NumFrames,
/// NumMarkers, Units, then the marker names and their X/Y/Z columns; then one row per frame:
/// frame number, time, X Y Z per marker, empty where a marker was not seen).
///
/// The TRC files gaitlive reads use Y up and X forward, as OpenSim does; units mm, cm or m.
public enum TRCFile {
    public static func read(path: String) throws(MarkerFileError) -> MarkerTrajectories {
        let text = try MarkerText.read(path)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        guard lines.count >= 6, lines[0].hasPrefix("PathFileType") else {
            throw MarkerFileError(path: path, problem: "not a TRC file (no PathFileType header)")
        }
        let keys = lines[1].split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let values = lines[2].split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        func field(_ k: String) -> String? {
            guard let i = keys.firstIndex(of: k), i < values.count else { return nil }
            return values[i]
        }
        guard let rate = field("DataRate").flatMap(Double.init), rate > 0 else {
            throw MarkerFileError(path: path, problem: "TRC header has no valid DataRate")
        }
        let scale: Double
        switch field("Units")?.lowercased() {
        case "mm": scale = 0.001
        case "cm": scale = 0.01
        case "m": scale = 1
        default: throw MarkerFileError(path: path, problem: "TRC header has no known Units (mm, cm or m)")
        }
        let names = lines[3].split(separator: "\t", omittingEmptySubsequences: false).dropFirst(2)
        // Marker names stand every third column.
        var markerNames: [String] = []
        for (i, n) in names.enumerated() where i % 3 == 0 {
            let name = n.trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { markerNames.append(name) }
        }
        guard !markerNames.isEmpty else { throw MarkerFileError(path: path, problem: "TRC file names no markers") }
        var times: [Double] = []
        var samples = [[Vector3?]](repeating: [], count: markerNames.count)
        for (n, line) in lines.dropFirst(5).enumerated() where !line.allSatisfy(\.isWhitespace) {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count >= 2, let t = Double(cols[1].trimmingCharacters(in: .whitespaces)) else {
                throw MarkerFileError(path: path, problem: "line \(n + 6): no frame time")
            }
            times.append(t)
            for m in 0..<markerNames.count {
                let c = 2 + 3 * m
                samples[m].append(MarkerText.vector(cols, at: c, scale: scale))
            }
        }
        guard times.count >= 2 else { throw MarkerFileError(path: path, problem: "TRC file has fewer than two frames") }
        var markers: [String: [Vector3?]] = [:]
        for (i, name) in markerNames.enumerated() { markers[name] = samples[i] }
        return MarkerTrajectories(source: path, frameRate: rate, times: times, markers: markers)
    }
}
