import Foundation
import Glibc

/// Reads and atomically replaces a session's `session.json`.
///
/// Writing goes to `session.json.tmp` (mode 0600), is fsynced, renamed over the old manifest, and
/// the directory is fsynced, so a crash leaves either the old or the new manifest, never half of one.
public enum ManifestStore {
    /// Why a manifest cannot be used; `description` names the file.
    public struct ManifestError: Error, CustomStringConvertible, Equatable {
        public var path: String
        public var problem: String
        public var description: String { "\(path): \(problem)" }
    }

    public static func write(_ manifest: SessionManifest, to directory: String) throws(SystemError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(manifest)
        } catch {
            preconditionFailure("manifest encoding cannot fail: \(error)")
        }
        let final = directory + "/" + SessionLayout.manifestName
        let tmp = final + ".tmp"
        unlink(tmp)
        let out = try FileOutput(creating: tmp)
        try out.write(Array(data) + [10])
        try out.close()
        guard rename(tmp, final) == 0 else { throw .current("cannot replace manifest", path: final) }
        let dfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
    }

    /// Reads and validates the manifest of the session in `directory`.
    public static func read(from directory: String) throws -> SessionManifest {
        let path = directory + "/" + SessionLayout.manifestName
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir) else {
            throw SystemError("no such directory", path: directory, errno: ENOENT)
        }
        guard isDir.boolValue else { throw SystemError("not a directory", path: directory, errno: ENOTDIR) }
        guard access(directory, R_OK | X_OK) == 0 else { throw SystemError.current("cannot read directory", path: directory) }
        guard FileManager.default.fileExists(atPath: path) else {
            throw ManifestError(path: directory, problem: "not a gaitlive session (no \(SessionLayout.manifestName))")
        }
        let input = try FileInput(path: path)
        let bytes = try input.read(at: 0, count: min(input.size, 16 << 20))
        let data = Data(bytes)
        // Check the format and version before decoding the rest, for a precise message.
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ManifestError(path: path, problem: "not valid JSON")
        }
        guard (object["format"] as? String) == SessionManifest.formatName else {
            throw ManifestError(path: path, problem: "not a gaitlive session manifest (format is not '\(SessionManifest.formatName)')")
        }
        guard let version = object["schemaVersion"] as? Int else {
            throw ManifestError(path: path, problem: "missing field 'schemaVersion'")
        }
        guard version <= SessionManifest.currentSchemaVersion, version >= 1 else {
            throw ManifestError(path: path, problem:
                "schema version \(version) is not supported (this gaitlive reads up to \(SessionManifest.currentSchemaVersion))")
        }
        do {
            return try JSONDecoder().decode(SessionManifest.self, from: data)
        } catch let DecodingError.keyNotFound(key, ctx) {
            let at = (ctx.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".")
            throw ManifestError(path: path, problem: "missing field '\(at)'")
        } catch let DecodingError.typeMismatch(_, ctx) {
            throw ManifestError(path: path, problem: "field '\(ctx.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type")
        } catch let DecodingError.valueNotFound(_, ctx) {
            throw ManifestError(path: path, problem: "field '\(ctx.codingPath.map(\.stringValue).joined(separator: "."))' is null")
        } catch let DecodingError.dataCorrupted(ctx) {
            throw ManifestError(path: path, problem: "field '\(ctx.codingPath.map(\.stringValue).joined(separator: "."))' is invalid")
        }
    }
}
