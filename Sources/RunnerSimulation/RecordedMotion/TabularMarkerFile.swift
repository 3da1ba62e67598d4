import Foundation

/// Reads tab-separated marker tables: a header row `Time`, then `<Marker>X`, `<Marker>Y`,
/// `<Marker>Z` per marker; one row per frame in millimetres; empty cells where a marker was not
/// seen (the running-biomechanics dataset of Fukuchi et al. 2017). Y up, X forward.
public enum TabularMarkerFile {
    public static func read(path: String) throws(MarkerFileError) -> MarkerTrajectories {
        let text = try MarkerText.read(path)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard let head = lines.first else { throw MarkerFileError(path: path, problem: "empty file") }
        lines.removeFirst()
        let header = head.split(separator: "\t", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard header.first == "Time", header.count >= 4, (header.count - 1) % 3 == 0 else {
            throw MarkerFileError(path: path, problem: "not a marker table (first column must be Time, then X/Y/Z per marker)")
        }
        var names: [String] = []
        for i in stride(from: 1, to: header.count, by: 3) {
            let x = header[i]
            guard x.hasSuffix("X"), header[i + 1] == String(x.dropLast()) + "Y", header[i + 2] == String(x.dropLast()) + "Z" else {
                throw MarkerFileError(path: path, problem: "column \(i + 1) '\(x)' does not start an X/Y/Z triple")
            }
            names.append(String(x.dropLast()))
        }
        var times: [Double] = []
        var samples = [[Vector3?]](repeating: [], count: names.count)
        for (n, line) in lines.enumerated() where !line.allSatisfy(\.isWhitespace) {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard let t = Double(cols[0].trimmingCharacters(in: .whitespaces)) else {
                throw MarkerFileError(path: path, problem: "line \(n + 2): no time")
            }
            times.append(t)
            for m in 0..<names.count { samples[m].append(MarkerText.vector(cols, at: 1 + 3 * m, scale: 0.001)) }
        }
        guard times.count >= 2 else { throw MarkerFileError(path: path, problem: "fewer than two frames") }
        let rate = Double(times.count - 1) / (times[times.count - 1] - times[0])
        guard rate.isFinite, rate > 0 else { throw MarkerFileError(path: path, problem: "times do not increase") }
        var markers: [String: [Vector3?]] = [:]
        for (i, name) in names.enumerated() { markers[name] = samples[i] }
        return MarkerTrajectories(source: path, frameRate: (rate * 1000).rounded() / 1000, times: times, markers: markers)
    }
}
