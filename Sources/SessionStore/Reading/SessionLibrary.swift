import Foundation
import CaptureKit

/// The sessions under a root directory (`ROOT/<athlete>/<date-time>/`), for `gaitlive sessions`.
///
/// Manifests are read, and the first bytes of each video (to find those the large-frame bug left
/// out of order). A session whose writer died is recovered on the way (as any open
/// does), so the listing says `recovered` from then on; one being recorded right now is shown as
/// such and left alone; one whose manifest cannot be read is listed with the problem.
public enum SessionLibrary {
    /// One session directory found.
    public struct Entry: Sendable {
        public var directory: String
        public var manifest: SessionManifest?
        /// Why the manifest could not be read (nil when it could).
        public var problem: String?
        /// A gaitlive holds the session's lock: it is being recorded now.
        public var beingRecorded: Bool
        /// Videos whose frames the large-frame bug left out of order (`gaitlive repair` fixes them).
        public var outOfOrder: [String] = []
    }

    /// Sessions under `root`, at most two levels down, oldest first per athlete; `athlete`
    /// filters by name or by its directory name, compared folded (`AthleteIdentity`: case and
    /// accents do not count).
    public static func list(root: String, athlete: String? = nil) throws -> [Entry] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: root, isDirectory: &isDir) else {
            throw SystemError.problem("no such directory", path: root, errno: ENOENT)
        }
        guard isDir.boolValue else { throw SystemError.problem("not a directory", path: root, errno: ENOTDIR) }
        guard access(root, R_OK | X_OK) == 0 else { throw SystemError.current("cannot read directory", path: root) }
        var dirs: [String] = []
        for a in (try? fm.contentsOfDirectory(atPath: root).sorted()) ?? [] where !a.hasPrefix(".") {
            let ad = root + "/" + a
            if fm.fileExists(atPath: ad + "/" + SessionLayout.manifestName) {
                dirs.append(ad)
                continue
            }
            for d in (try? fm.contentsOfDirectory(atPath: ad).sorted()) ?? [] where !d.hasPrefix(".") {
                if fm.fileExists(atPath: ad + "/" + d + "/" + SessionLayout.manifestName) { dirs.append(ad + "/" + d) }
            }
        }
        var out: [Entry] = []
        let wanted = athlete.map { (AthleteIdentity.folded($0), AthleteIdentity.folded(SessionLayout.safeComponent($0))) }
        for d in dirs {
            var e = Entry(directory: d, manifest: nil, problem: nil, beingRecorded: false)
            do {
                let m = try ManifestStore.read(from: d)
                e.beingRecorded = m.status == .recording && SessionLock.isHeld(d)
                let current = SessionRecovery.recoverIfAbandoned(m, directory: d)
                e.manifest = current
                if !e.beingRecorded { e.outOfOrder = Y4MRepair.misordered(in: d, manifest: current) }
            } catch {
                e.problem = "\(error)"
            }
            if let (name, safe) = wanted {
                let parent = AthleteIdentity.folded(((d as NSString).deletingLastPathComponent as NSString).lastPathComponent)
                let named = e.manifest.map { AthleteIdentity.folded($0.athlete.name) == name } ?? false
                guard named || parent == safe else { continue }
            }
            out.append(e)
        }
        return sorted(out)
    }

    /// The athletes named in the manifests under `root`, each once (as its first session in
    /// name order spells it); empty when `root` cannot be read.
    public static func athletes(root: String) -> [String] {
        var names: [String] = [], seen: Set<String> = []
        for e in (try? list(root: root)) ?? [] {
            guard let name = e.manifest?.athlete.name, seen.insert(AthleteIdentity.folded(name)).inserted else { continue }
            names.append(name)
        }
        return names
    }

    /// Oldest first per athlete, athletes by name.
    static func sorted(_ out: [Entry]) -> [Entry] {
        out.sorted { a, b in
            let na = AthleteIdentity.folded(a.manifest?.athlete.name ?? ""), nb = AthleteIdentity.folded(b.manifest?.athlete.name ?? "")
            if na != nb { return na < nb }
            return (a.manifest?.created ?? a.directory) < (b.manifest?.created ?? b.directory)
        }
    }
}
