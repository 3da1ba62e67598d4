import Foundation
import Glibc
import CaptureKit

/// Renames an athlete across the library (`gaitlive sessions --rename-athlete OLD NEW`): every
/// session whose manifest names OLD (compared folded, `AthleteIdentity`) gets NEW in its
/// manifest, replaced atomically (`ManifestStore.write`: new file beside, fsync, rename, fsync the
/// directory); sessions in the layout `ROOT/<athlete>/<date-time>/` move to NEW's directory by
/// `rename(2)` (same file system: nothing is copied), merging with NEW's sessions if NEW has any
/// (NEW then takes the library's spelling and directory: "ana ruiz" joins "Ana Ruiz").
///
/// Everything is checked before anything changes: a session being recorded, a date-time
/// directory NEW already has, or NEW's directory holding something that is not a session of NEW
/// refuses the whole rename. Each session is renamed then moved, one at a time, so an interruption
/// leaves every session whole and named either way (`sessions --athlete` finds both).
public enum AthleteRename {
    /// Why the rename was refused; `description` is the one line to print.
    public struct Refusal: Error, CustomStringConvertible, Equatable {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// What was done.
    public struct Outcome: Sendable, Equatable {
        /// Manifests rewritten.
        public var renamed: Int
        /// Session directories moved.
        public var moved: Int
        /// Where NEW's sessions now are (nil: none in the athlete-directory layout).
        public var directory: String?
    }

    /// A session to rename and where it goes.
    struct Step {
        var from: String
        var to: String
    }

    public static func run(root: String, from old: String, to new: String) throws -> Outcome {
        var newName = new.trimmingCharacters(in: .whitespaces)
        guard !newName.isEmpty else { throw Refusal("the new name must not be empty") }
        let entries = try SessionLibrary.list(root: root)
        let mine = entries.filter { e in e.summary.map { AthleteIdentity.same($0.athlete, old) } ?? false }
        let rootPath = (root as NSString).standardizingPath
        var newDirectory = rootPath + "/" + SessionLayout.safeComponent(newName)
        // NEW already in the library (another spelling, or a merge): its spelling and its directory.
        let theirs = entries.filter { e in
            e.summary.map { AthleteIdentity.same($0.athlete, newName) && !AthleteIdentity.same($0.athlete, old) } ?? false
        }
        if let existing = theirs.first?.summary?.athlete {
            newName = existing
            let parents = theirs.map { (($0.directory as NSString).standardizingPath as NSString).deletingLastPathComponent }
            if let p = parents.first(where: { $0 != rootPath && ($0 as NSString).deletingLastPathComponent == rootPath }) {
                newDirectory = p
            }
        }
        guard !mine.isEmpty else {
            let known = SessionLibrary.athletes(root: root)
            let hint = AthleteIdentity.warning(old, among: known).map { " (\($0))" } ?? ""
            throw Refusal("\(old): no sessions of this athlete under \(root)\(hint)")
        }
        if let busy = mine.first(where: \.beingRecorded) {
            throw Refusal("\(busy.directory): being recorded now; rename the athlete after the recording ends")
        }
        var steps: [Step] = []
        for e in mine {
            let dir = (e.directory as NSString).standardizingPath
            let parent = (dir as NSString).deletingLastPathComponent
            // Only sessions in ROOT/<athlete>/<date-time>/ move; one directly under ROOT stays.
            guard parent != rootPath, (parent as NSString).deletingLastPathComponent == rootPath else {
                steps.append(Step(from: dir, to: dir))
                continue
            }
            steps.append(Step(from: dir, to: newDirectory + "/" + (dir as NSString).lastPathComponent))
        }
        // NEW's directory may hold only NEW's own sessions (a merge), and none at a date-time we bring.
        let fm = FileManager.default
        let incoming = Set(steps.filter { $0.from != $0.to }.map(\.to))
        for item in (try? fm.contentsOfDirectory(atPath: newDirectory)) ?? [] where !item.hasPrefix(".") {
            let path = newDirectory + "/" + item
            if incoming.contains(path) && !steps.contains(where: { $0.from == path }) {
                throw Refusal("\(path): already exists; cannot merge the two athletes' sessions of that date and time "
                              + "(move one by hand first)")
            }
            guard steps.contains(where: { $0.from == path }) else {
                guard let m = try? ManifestStore.read(from: path) else {
                    throw Refusal("\(newDirectory): holds \(item), which is not a session; cannot merge into it")
                }
                guard AthleteIdentity.same(m.athlete.name, newName) else {
                    throw Refusal("\(newDirectory): holds sessions of \(m.athlete.name), another athlete; cannot merge \(old) into it")
                }
                continue
            }
        }
        var outcome = Outcome(renamed: 0, moved: 0, directory: incoming.isEmpty ? nil : newDirectory)
        if !incoming.isEmpty && !fm.fileExists(atPath: newDirectory) {
            do {
                try SessionLayout.createDirectory(newDirectory)
            } catch {
                throw Refusal("\(error)")
            }
        }
        var emptied: Set<String> = []
        for step in steps {
            guard let lock = try SessionLock.acquire(step.from) else {
                throw Refusal("\(step.from): being recorded now; \(outcome.renamed) session(s) renamed before it, the rest not")
            }
            defer { lock.release() }
            var m = try ManifestStore.read(from: step.from)
            if m.athlete.name != newName {
                m.athlete.name = newName
                try ManifestStore.write(m, to: step.from)
                outcome.renamed += 1
            }
            guard step.to != step.from else { continue }
            guard rename(step.from, step.to) == 0 else {
                throw Refusal("\(step.from): cannot move to \(step.to): \(String(cString: strerror(errno)))")
            }
            syncDirectory((step.from as NSString).deletingLastPathComponent)
            syncDirectory(newDirectory)
            emptied.insert((step.from as NSString).deletingLastPathComponent)
            outcome.moved += 1
        }
        // The old athlete directory goes when nothing is left in it (rmdir never removes anything else).
        for dir in emptied where dir != newDirectory { rmdir(dir) }
        return outcome
    }

    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
