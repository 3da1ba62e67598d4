import Foundation
import CaptureKit

/// The sessions under a root directory (`ROOT/<athlete>/<date-time>/`), for `gaitlive sessions`,
/// `progress` and the athlete checks.
///
/// Each session's `SessionSummary` comes from the library cache (`LibraryCache`) while its
/// `session.json` is unchanged, else from the manifest, read again (and the cache updated). A
/// session whose writer died is recovered on the way (as any open does), so the listing says
/// `recovered` from then on; one being recorded right now is shown as such and left alone (and
/// never cached); one whose manifest cannot be read is listed with the problem. Raw `.y4m`
/// videos are checked for frames the large-frame bug left out of order.
public enum SessionLibrary {
    /// One session directory found.
    public struct Entry: Sendable {
        public var directory: String
        /// `directory` relative to the root (the library cache's key).
        public var relativePath: String
        public var summary: SessionSummary?
        /// Why the manifest could not be read (nil when it could).
        public var problem: String?
        /// A gaitlive holds the session's lock: it is being recorded now.
        public var beingRecorded: Bool
        /// Videos whose frames the large-frame bug left out of order (`gaitlive repair` fixes them).
        public var outOfOrder: [String] = []
        /// The summary came from the library cache (the manifest was not read).
        public var fromCache = false
    }

    /// Sessions under `root`, at most two levels down, oldest first per athlete; `athlete`
    /// filters by name or by its directory name, compared folded (`AthleteIdentity`: case and
    /// accents do not count). `cache: false` reads every manifest and leaves the cache alone.
    public static func list(root: String, athlete: String? = nil, cache useCache: Bool = true) throws -> [Entry] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: root, isDirectory: &isDir) else {
            throw SystemError.problem("no such directory", path: root, errno: ENOENT)
        }
        guard isDir.boolValue else { throw SystemError.problem("not a directory", path: root, errno: ENOTDIR) }
        guard access(root, R_OK | X_OK) == 0 else { throw SystemError.current("cannot read directory", path: root) }
        // Each candidate's manifest is stat'ed once: that says it is a session and gives its stamp.
        var found: [(relative: String, stamp: FileStamp)] = []
        for a in (try? fm.contentsOfDirectory(atPath: root).sorted()) ?? [] where !a.hasPrefix(".") {
            if let stamp = FileStamp.of(root + "/" + a + "/" + SessionLayout.manifestName) {
                found.append((a, stamp))
                continue
            }
            for d in (try? fm.contentsOfDirectory(atPath: root + "/" + a).sorted()) ?? [] where !d.hasPrefix(".") {
                let relative = a + "/" + d
                if let stamp = FileStamp.of(root + "/" + relative + "/" + SessionLayout.manifestName) {
                    found.append((relative, stamp))
                }
            }
        }
        let cache = useCache ? LibraryCache.open(root: root) : nil
        var held = (try? cache?.summaries()) ?? [:]
        var fresh: [(String, String, SessionSummary)] = [], stale: [String] = []
        var out: [Entry] = []
        let wanted = athlete.map { (AthleteIdentity.folded($0), AthleteIdentity.folded(SessionLayout.safeComponent($0))) }
        for (relative, stamp) in found {
            let d = root + "/" + relative
            var e = Entry(directory: d, relativePath: relative, summary: nil, problem: nil, beingRecorded: false)
            let h = held.removeValue(forKey: relative)
            if let h, h.stamp == stamp.text {
                e.summary = h.summary
                e.fromCache = true
            } else {
                if h != nil { stale.append(relative) } // replaced below if it can be held again
                do {
                    let m = try ManifestStore.read(from: d)
                    e.beingRecorded = m.status == .recording && SessionLock.isHeld(d)
                    let current = SessionRecovery.recoverIfAbandoned(m, directory: d)
                    let summary = SessionSummary(manifest: current)
                    e.summary = summary
                    if !e.beingRecorded { e.outOfOrder = Y4MRepair.misordered(in: d, manifest: current) }
                    // Recovery rewrote the manifest: hold it under its new stamp (once settled).
                    if !e.beingRecorded, current.status != .recording, e.outOfOrder.isEmpty,
                       let now = current == m ? stamp : FileStamp.of(d + "/" + SessionLayout.manifestName), now.isSettled {
                        fresh.append((relative, now.text, summary))
                    }
                } catch {
                    e.problem = "\(error)"
                }
            }
            if let (name, safe) = wanted {
                let parent = AthleteIdentity.folded(((relative as NSString).deletingLastPathComponent as NSString).lastPathComponent)
                let named = e.summary.map { $0.foldedAthlete == name } ?? false
                guard named || (relative.contains("/") && parent == safe) else { continue }
            }
            out.append(e)
        }
        // What is left of `held` was not found: moved, renamed or deleted.
        try? cache?.update(fresh: fresh, gone: Array(held.keys) + stale)
        return sorted(out)
    }

    /// The athletes named in the manifests under `root`, each once (as its first session in
    /// name order spells it); empty when `root` cannot be read.
    public static func athletes(root: String) -> [String] {
        var names: [String] = [], seen: Set<String> = []
        for e in (try? list(root: root)) ?? [] {
            guard let s = e.summary, seen.insert(s.foldedAthlete).inserted else { continue }
            names.append(s.athlete)
        }
        return names
    }

    /// Oldest first per athlete, athletes by name.
    static func sorted(_ out: [Entry]) -> [Entry] {
        out.sorted { a, b in
            let na = a.summary?.foldedAthlete ?? "", nb = b.summary?.foldedAthlete ?? ""
            if na != nb { return na < nb }
            return (a.summary?.created ?? a.directory) < (b.summary?.created ?? b.directory)
        }
    }
}
