import Foundation
public import MarkerTracker

/// Which physical camera films which view, remembered across reboots and re-plugging: a small
/// JSON file in the user's config directory (`$XDG_CONFIG_HOME/gaitlive/cameras.json`, by default
/// `~/.config/gaitlive/cameras.json`) mapping "side" and "rear" to a `CameraIdentity`.
public struct CameraRoles: Codable, Sendable, Equatable {
    public var roles: [String: CameraIdentity]

    public init(roles: [String: CameraIdentity] = [:]) { self.roles = roles }

    /// The file: `$GAITLIVE_CONFIG_DIR` (tests), else `$XDG_CONFIG_HOME/gaitlive`, else `~/.config/gaitlive`.
    public static func defaultPath() -> String {
        let env = ProcessInfo.processInfo.environment
        if let dir = env["GAITLIVE_CONFIG_DIR"], !dir.isEmpty { return dir + "/cameras.json" }
        let base = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (env["HOME"] ?? NSHomeDirectory()) + "/.config"
        return base + "/gaitlive/cameras.json"
    }

    /// Reads the file; a missing file is no roles. Throws for an unreadable or malformed one.
    public static func load(from path: String = defaultPath()) throws -> CameraRoles {
        guard FileManager.default.fileExists(atPath: path) else { return CameraRoles() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SystemError("cannot read", path: path, errno: EACCES)
        }
        do {
            return try JSONDecoder().decode(CameraRoles.self, from: data)
        } catch {
            throw SystemError.problem("not a gaitlive camera list (delete it and assign the cameras again)", path: path,
                              errno: EINVAL)
        }
    }

    /// Writes the file atomically, creating its directory (0700).
    public func save(to path: String = defaultPath()) throws {
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    public subscript(view: CameraView) -> CameraIdentity? {
        get { roles[view.rawValue] }
        set { roles[view.rawValue] = newValue }
    }

    /// The role of a camera, if it has one.
    public func role(of identity: CameraIdentity) -> CameraView? {
        CameraView.allCases.first { self[$0]?.matches(identity) == true }
    }
}
