import Foundation
import Glibc
public import CaptureKit

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
        public init(path: String, problem: String) {
            self.path = path
            self.problem = problem
        }
    }

    public static func write(_ manifest: SessionManifest, to directory: String,
                             limit: WriteLimit? = nil) throws(SystemError) {
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
        var st = stat()
        let previous = stat(final, &st) == 0 ? UInt64(st.st_size) : 0
        let out = try FileOutput(creating: tmp, limit: limit)
        do throws(SystemError) {
            try out.write(Array(data) + [10])
            try out.close()
        } catch {
            out.discard()
            unlink(tmp)
            limit?.release(out.bytesWritten)
            throw error
        }
        guard rename(tmp, final) == 0 else { throw .current("cannot replace manifest", path: final) }
        limit?.release(previous)
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
            throw SystemError.problem("no such directory", path: directory, errno: ENOENT)
        }
        guard isDir.boolValue else { throw SystemError.problem("not a directory", path: directory, errno: ENOTDIR) }
        guard access(directory, R_OK | X_OK) == 0 else { throw SystemError.current("cannot read directory", path: directory) }
        guard FileManager.default.fileExists(atPath: path) else {
            throw ManifestError(path: directory, problem: "not a gaitlive session (no \(SessionLayout.manifestName))")
        }
        let input = try FileInput(path: path)
        guard input.size <= 16 << 20 else { throw ManifestError(path: path, problem: "too large for a manifest (\(input.size) bytes)") }
        return try decode(try input.read(at: 0, count: input.size), path: path)
    }

    /// Decodes and validates manifest bytes read from `path` (named in every error).
    public static func decode(_ bytes: [UInt8], path: String) throws(ManifestError) -> SessionManifest {
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
        let manifest: SessionManifest
        do {
            manifest = try JSONDecoder().decode(SessionManifest.self, from: data)
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw ManifestError(path: path, problem: "missing field '\(fieldPath(ctx.codingPath + [key]))'")
        } catch let DecodingError.typeMismatch(_, ctx) {
            throw ManifestError(path: path, problem: "field '\(fieldPath(ctx.codingPath))' has the wrong type")
        } catch let DecodingError.valueNotFound(_, ctx) {
            throw ManifestError(path: path, problem: "field '\(fieldPath(ctx.codingPath))' is null")
        } catch let DecodingError.dataCorrupted(ctx) {
            throw ManifestError(path: path, problem: "field '\(fieldPath(ctx.codingPath))' is invalid")
        } catch {
            throw ManifestError(path: path, problem: "cannot be decoded: \(error)")
        }
        try validate(manifest, path: path)
        return manifest
    }

    /// "stages[1].views.side.video" from a decoding path.
    static func fieldPath(_ path: [any CodingKey]) -> String {
        var out = ""
        for k in path {
            if let i = k.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + k.stringValue }
        }
        return out
    }

    /// Checks what decoding cannot: paths stay inside the session, counts are not negative.
    static func validate(_ m: SessionManifest, path: String) throws(ManifestError) {
        func inside(_ p: String, _ field: String) throws(ManifestError) {
            let parts = p.split(separator: "/", omittingEmptySubsequences: false)
            guard !p.isEmpty, !p.hasPrefix("/"), !parts.contains(".."), !parts.contains("") else {
                throw ManifestError(path: path, problem: "field '\(field)' is not a path inside the session ('\(p)')")
            }
        }
        for (i, s) in m.stages.enumerated() {
            try inside(s.directory, "stages[\(i)].directory")
            try inside(s.events, "stages[\(i)].events")
            for (name, v) in s.views {
                let f = "stages[\(i)].views.\(name)"
                try inside(v.video, f + ".video")
                try inside(v.index, f + ".index")
                try inside(v.markers, f + ".markers")
                try inside(v.angles, f + ".angles")
                guard v.frames >= 0, v.droppedByCamera >= 0, v.droppedByRecorder >= 0 else {
                    throw ManifestError(path: path, problem: "field '\(f)' has a negative count")
                }
            }
        }
        for (i, c) in m.cameras.enumerated() where !(1...16384).contains(c.width) || !(1...16384).contains(c.height) {
            throw ManifestError(path: path, problem: "field 'cameras[\(i)]' has an impossible frame size \(c.width)x\(c.height)")
        }
    }
}
