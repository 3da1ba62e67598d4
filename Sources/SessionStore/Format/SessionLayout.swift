public import Foundation
public import CaptureKit

/// Where things live inside a session directory, and how directories and names are made safe.
public enum SessionLayout {
    public static let manifestName = "session.json"

    /// A view's raw video (format v1, `--video raw`).
    public static func video(_ view: String) -> String { "\(view).y4m" }
    /// A view's compressed video (format v2): MJPEG in Matroska.
    public static func compressedVideo(_ view: String) -> String { "\(view).mkv" }
    public static func index(_ view: String) -> String { "\(view).frames.csv" }
    public static func markers(_ view: String) -> String { "\(view).markers.csv" }
    public static func angles(_ view: String) -> String { "\(view).angles.csv" }
    public static let events = "events.csv"
    /// Space set aside at the start of a recording and given back on a full disk, so the final
    /// manifest can still be written. Removed when the session is closed or recovered.
    public static let reserveName = "session.reserve"
    public static let reserveBytes = 256 << 10
    public static let strides = "strides.csv"

    /// The directory for the `ordinal`-th stage of `kind` ("flat", "incline", "flat-2", ...).
    public static func stageDirectory(kind: String, ordinal: Int) -> String {
        ordinal <= 1 ? kind : "\(kind)-\(ordinal)"
    }

    /// An athlete's name as one safe path component: letters, digits, '-' and '_' only, no
    /// leading dot, never empty ("Ana María O'Neil" -> "Ana-Maria-O-Neil").
    public static func safeComponent(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var out = ""
        var lastDash = false
        for ch in folded.unicodeScalars {
            if ch.isASCII && (CharacterSet.alphanumerics.contains(ch) || ch == "_") {
                out.unicodeScalars.append(ch)
                lastDash = false
            } else if !lastDash && !out.isEmpty {
                out += "-"
                lastDash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        if out.count > 64 { out = String(out.prefix(64)) }
        return out.isEmpty ? "athlete" : out
    }

    /// Creates `path` and any missing parents with mode 0700. An existing directory is accepted
    /// only if `allowExisting` and it is empty (nothing recorded is ever overwritten).
    public static func createDirectory(_ path: String, allowExistingEmpty: Bool = true) throws(SystemError) {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else {
                throw SystemError.problem("exists and is not a directory", path: path, errno: ENOTDIR)
            }
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            guard allowExistingEmpty, contents.isEmpty else {
                throw SystemError.problem("already exists and is not empty; gaitlive never writes over a recording",
                                  path: path, errno: EEXIST)
            }
            guard chmod(path, 0o700) == 0 else { throw .current("cannot set permissions", path: path) }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path && !FileManager.default.fileExists(atPath: parent) {
            try createDirectory(parent, allowExistingEmpty: true)
        }
        guard mkdir(path, 0o700) == 0 else { throw .current("cannot create directory", path: path) }
    }

    /// The default root for sessions: `$GAITLIVE_SESSIONS`, else `$XDG_DATA_HOME/gaitlive/sessions`,
    /// else `~/.local/share/gaitlive/sessions`.
    public static func defaultRoot() -> String {
        let env = ProcessInfo.processInfo.environment
        if let r = env["GAITLIVE_SESSIONS"], !r.isEmpty { return r }
        if let x = env["XDG_DATA_HOME"], !x.isEmpty { return x + "/gaitlive/sessions" }
        return (env["HOME"] ?? "/tmp") + "/.local/share/gaitlive/sessions"
    }

    /// `root/<athlete>/<YYYY-MM-DD_HHMMSS>` for a new session (local time).
    public static func newSessionPath(root: String, athlete: String, date: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd_HHmmss"
        return root + "/" + safeComponent(athlete) + "/" + f.string(from: date)
    }
}
