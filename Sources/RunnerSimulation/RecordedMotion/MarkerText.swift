import Foundation

/// Shared text handling of the marker file readers.
enum MarkerText {
    /// The whole file as UTF-8 text.
    static func read(_ path: String) throws(MarkerFileError) -> String {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw MarkerFileError(path: path, problem: "no such file")
        }
        guard !isDir.boolValue else { throw MarkerFileError(path: path, problem: "is a directory, not a marker file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MarkerFileError(path: path, problem: "cannot read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw MarkerFileError(path: path, problem: "not a text file")
        }
        return text
    }

    /// The X, Y, Z columns starting at `c` scaled to metres; nil if any is empty or not a number.
    static func vector(_ cols: [Substring], at c: Int, scale: Double) -> Vector3? {
        guard c + 2 < cols.count,
              let x = Double(cols[c].trimmingCharacters(in: .whitespaces)),
              let y = Double(cols[c + 1].trimmingCharacters(in: .whitespaces)),
              let z = Double(cols[c + 2].trimmingCharacters(in: .whitespaces)) else { return nil }
        return Vector3(x * scale, y * scale, z * scale)
    }
}
