import Foundation

/// What tells one version of a file from another without reading it (`stat(2)`): device, inode,
/// size, modification and status-change times. `session.json` is replaced by a rename on every
/// change, so a new version is a new file; a copy made by hand (`cp -a` keeps the times) is a new
/// inode too. The library cache keeps a stamp beside everything it holds and uses a held value
/// only while the stamp is unchanged.
///
/// File times come from the kernel's coarse clock (here every file written within a few
/// milliseconds gets the same nanoseconds), and a freed inode number can be handed out again,
/// so two versions written within one tick could share a stamp. As git does with its index
/// ("racily clean" entries), a value is held only once its stamp is `settled`: the newest change
/// time is at least `settleSeconds` old, so any later write gets a later time.
public struct FileStamp: Sendable, Equatable {
    /// The stamp as held: one line per file.
    public var text: String
    /// The newest status-change time among the files, seconds since 1970.
    public var changed: Double

    /// Longer than any kernel's timestamp tick (1-10 ms).
    public static let settleSeconds = 0.1

    /// No write can share this stamp any more.
    public var isSettled: Bool {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9 - changed >= FileStamp.settleSeconds
    }

    /// The stamp of `path`, nil when it cannot be stat'ed (missing, no permission).
    public static func of(_ path: String) -> FileStamp? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileStamp(text: line(st), changed: seconds(st.st_ctim))
    }

    /// The stamp of every file in `directory` and in its subdirectories (one level down, where a
    /// session keeps its stages), by relative path in name order: any file added, removed,
    /// rewritten or renamed changes it. Nil when `directory` cannot be read.
    public static func tree(_ directory: String) -> FileStamp? {
        let fm = FileManager.default
        guard let top = try? fm.contentsOfDirectory(atPath: directory) else { return nil }
        var lines: [String] = [], changed = 0.0
        func add(_ relative: String, _ st: stat) {
            lines.append(relative + " " + line(st))
            changed = max(changed, seconds(st.st_ctim))
        }
        for name in top.sorted() {
            var st = stat()
            let path = directory + "/" + name
            guard lstat(path, &st) == 0 else { continue }
            add(name, st)
            guard (st.st_mode & S_IFMT) == S_IFDIR else { continue }
            for inner in ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted() {
                var ist = stat()
                guard lstat(path + "/" + inner, &ist) == 0 else { continue }
                add(name + "/" + inner, ist)
            }
        }
        return FileStamp(text: lines.joined(separator: "\n"), changed: changed)
    }

    /// The stamp of the running program's file (`/proc/self/exe`): a figure measured by one build
    /// of gaitlive is not trusted by another, whose analysis may differ.
    public static let program: String = of("/proc/self/exe")?.text ?? "unknown program"

    static func line(_ st: stat) -> String {
        "\(st.st_dev).\(st.st_ino).\(st.st_size).\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec).\(st.st_ctim.tv_sec).\(st.st_ctim.tv_nsec)"
    }

    static func seconds(_ t: timespec) -> Double { Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9 }
}
